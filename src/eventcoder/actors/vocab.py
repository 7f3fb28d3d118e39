"""The closed vocabularies of the knowledge base: sectors (CODEBOOK 3), office roles and
entity kinds. Below both the shipped knowledge base (kb.py) and a user's own files
(userkb.py), which validate against them."""
from __future__ import annotations

__all__ = ["SECTORS", "ROLES", "KINDS"]

SECTORS = frozenset("GOV MIL LEG JUD COP SPY REB OPP PTY IGO NGO MED BUS CVL LAB REL CRM REF".split())
ROLES = frozenset("""head_of_state head_of_government foreign_minister defence_minister interior_minister
    finance_minister minister deputy_foreign_minister spokesperson envoy chief_of_staff military_commander
    party_leader igo_head igo_foreign_policy_chief armed_group_leader legislator judge governor mayor
    other""".split())
KINDS = frozenset({"person", "organisation", "state", "armed_group", "igo"})
