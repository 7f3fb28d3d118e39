"""Actor knowledge base and resolution."""
from eventcoder.actors.kb import Country, KBEntity, KnowledgeBase, Office, Role, normalise

__all__ = ["Country", "KBEntity", "KnowledgeBase", "Office", "Role", "normalise"]
