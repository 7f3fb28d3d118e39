"""Scores one gold document against its prediction, adding to shared tallies."""
from __future__ import annotations

import re
from collections import Counter

from .fields import (MUTUAL_TYPES, PRONOUNS, aux, code, codes, describe, first_type,
                     gold_types, mention_match, mention_text, modes, near, norm, same_date)
from .matching import optimal_matching

# Matching weights: a pair always outweighs any set of tie-breakers, so the
# number of matched pairs is maximised first, then required gold events are
# preferred over optional ones, then the closest pairs.
PAIR_WEIGHT = 10000
REQUIRED_WEIGHT = 100


class DocumentScorer:
    """Scores one gold document against its prediction, adding to shared tallies."""

    def __init__(self, gold: dict, pred: dict | None, counts: Counter, details: list[str]):
        self.gold = gold
        self.pred = pred or {}
        self.counts = counts
        self.details = details
        self.doc_id = gold.get("id")
        # normalised canonical name -> every accepted name (itself and aliases)
        self.names: dict[str, set[str]] = {}
        for ent in gold.get("entities") or []:
            accepted = {norm(ent.get("identifier_text"))}
            accepted |= {norm(a) for a in ent.get("aliases") or []}
            accepted.discard("")
            for name in accepted:
                self.names.setdefault(name, set()).update(accepted)

    def run(self) -> None:
        self._events()
        self._entities()
        self._places()
        self._quotes()

    def _miss(self, kind: str, text: str) -> None:
        self.details.append(f"{self.doc_id}\t{kind}\t{text}")

    def _same_name(self, gold_name: object, pred_name: object) -> bool:
        g, p = norm(gold_name), norm(pred_name)
        return bool(g and p) and (p == g or p in self.names.get(g, ()))

    # ----- events

    def _entity_ok(self, gold_ent: dict, preds: list[dict]) -> bool:
        gold_code, sector = code(gold_ent), (gold_ent.get("sector") or "").upper()
        name = gold_ent.get("identifier_text")
        return any(code(p) == gold_code
                   and (not sector or (p.get("sector") or "").upper() == sector)
                   and (not name or self._same_name(name, p.get("identifier_text")))
                   for p in preds)

    def _event_match(self, g: dict, p: dict, *, strict: bool) -> bool:
        p_type, g_types = first_type(p), gold_types(g)
        if p_type not in g_types:
            return False
        p_actors, p_recips = p.get("actor") or [], p.get("recipient") or []
        if g_types & MUTUAL_TYPES or p_type in MUTUAL_TYPES:
            p_actors = p_recips = p_actors + p_recips
        g_actors, g_recips = g.get("actor") or [], g.get("recipient") or []
        if not codes(g_actors) & codes(p_actors):
            return False
        g_recip_codes = codes(g_recips)
        if g_recip_codes and not g_recip_codes & codes(p_recips):
            return False
        if strict:
            for gold_side, pred_side in ((g_actors, p_actors), (g_recips, p_recips)):
                if gold_side and not any(self._entity_ok(ge, pred_side) for ge in gold_side):
                    return False
        return True

    def _grounded(self, g: dict, p: dict) -> bool:
        """The prediction comes from the sentence that holds the gold event's text (its
        ``text_info`` span, else its ``text``, overlaps an occurrence of it); gold without a
        locatable text, or a prediction without a sentence, is not held against it."""
        text, g_text = self.gold.get("text") or "", g.get("text") or ""
        info = p.get("text_info") or {}
        ps, pe = info.get("start"), info.get("end")
        if ps is None or pe is None:
            k = text.find(p["text"]) if p.get("text") else -1
            if k < 0:
                return True
            ps, pe = k, k + len(p["text"])
        starts = [m.start() for m in re.finditer(re.escape(g_text), text)] if g_text else []
        if not starts:
            return True
        return any(min(pe, k + len(g_text)) - max(ps, k) > 0 for k in starts)

    @staticmethod
    def _match(allowed: list[list[bool]], weights: list[list[int]], n_pred: int) -> dict[int, int]:
        return optimal_matching(len(allowed), n_pred,
                                lambda i, j: weights[i][j] if allowed[i][j] else None)

    def _tally_prf(self, tag: str, matching: dict[int, int], g_events: list[dict], n_pred: int) -> None:
        required = sum(1 for e in g_events if not e.get("optional"))
        matched_optional = sum(1 for i in matching if g_events[i].get("optional"))
        self.counts[tag + "_tp"] += len(matching)
        self.counts[tag + "_pred"] += n_pred
        self.counts[tag + "_gold"] += required + matched_optional

    def _events(self) -> None:
        g_events = self.gold.get("events") or []
        p_events = [e for e in self.pred.get("events") or [] if first_type(e)]
        loose = [[self._event_match(g, p, strict=False) for p in p_events] for g in g_events]
        strict = [[self._event_match(g, p, strict=True) for p in p_events] for g in g_events]
        typed = [[first_type(p) in gold_types(g) for p in p_events] for g in g_events]
        weights = [[PAIR_WEIGHT + REQUIRED_WEIGHT * (not g.get("optional"))
                    + 4 * strict[i][j] + 2 * same_date(g, p) + (aux(g) == aux(p))
                    + (first_type(p) == first_type(g))
                    for j, p in enumerate(p_events)] for i, g in enumerate(g_events)]
        n_pred = len(p_events)
        matching = self._match(loose, weights, n_pred)
        self._tally_prf("ev", matching, g_events, n_pred)
        self._tally_prf("strict_ev", self._match(strict, weights, n_pred), g_events, n_pred)
        grounded = [[loose[i][j] and self._grounded(g, p) for j, p in enumerate(p_events)]
                    for i, g in enumerate(g_events)]
        self._tally_prf("grounded_ev", self._match(grounded, weights, n_pred), g_events, n_pred)
        self._tally_prf("ty", self._match(typed, weights, n_pred), g_events, n_pred)

        hit = set(matching.values())
        for i, g in enumerate(g_events):
            if i in matching:
                self.counts["type_tp:" + str(first_type(g))] += 1
            elif not g.get("optional"):
                self.counts["type_fn:" + str(first_type(g))] += 1
                self._miss("missed", describe(g))
        for j, p in enumerate(p_events):
            if j not in hit:
                self.counts["type_fp:" + str(first_type(p))] += 1
                self._miss("spurious", describe(p))
        for i, j in matching.items():
            self._attributes(g_events[i], p_events[j])

    def _attributes(self, g: dict, p: dict) -> None:
        c, text = self.counts, (g.get("text") or "")[:60]
        if g.get("date"):
            c["date_n"] += 1
            if same_date(g, p):
                c["date_ok"] += 1
            else:
                self._miss("date", f"{g['date']} -> {p.get('date')}\t{text}")
        c["aux_n"] += 1
        if aux(g) == aux(p):
            c["aux_ok"] += 1
        else:
            self._miss("aux", f"{aux(g)} -> {aux(p)}\t{text}")
        if modes(g):
            c["mode_n"] += 1
            c["mode_ok"] += bool(modes(g) & modes(p))
        g_loc, p_loc = g.get("event_loc") or {}, p.get("event_loc") or {}
        if g_loc.get("lat") is not None:
            c["evloc_n"] += 1
            if near(g_loc, p_loc):
                c["evloc_ok"] += 1
            else:
                self._miss("event_loc", f"{g_loc.get('resolved_place')} -> "
                                        f"{p_loc.get('resolved_place')}\t{text}")

    # ----- entities, places, quotes

    def _entities(self) -> None:
        p_entities = self.pred.get("entities") or []
        for ge in self.gold.get("entities") or []:
            name = ge.get("identifier_text")
            if not name:
                continue
            gold_id = ge.get("identifier_id")
            mentions = dict.fromkeys(mention_text(m) for m in ge.get("mentions") or [])
            for mention in mentions:
                if not mention or norm(mention) in PRONOUNS:
                    continue
                self.counts["ent_n"] += 1
                found = [pe for pe in p_entities
                         if any(mention_match(mention, mention_text(pm)) for pm in pe.get("mentions") or [])]
                if any(self._same_name(name, pe.get("identifier_text"))
                       or (gold_id and gold_id == pe.get("identifier_id")) for pe in found):
                    self.counts["ent_ok"] += 1
                else:
                    got = [pe.get("identifier_text") for pe in found] or ["(none)"]
                    self._miss("entity", f"{mention!r} -> {got} (gold {name!r})")

    def _places(self) -> None:
        p_places = self.pred.get("places") or []
        for gp in self.gold.get("places") or []:
            if gp.get("lat") is None:
                continue
            self.counts["geo_n"] += 1
            cands = [pp for pp in p_places
                     if mention_match(gp.get("extracted_place", ""), pp.get("extracted_place", ""))]
            if any(near(gp, pp) for pp in cands):
                self.counts["geo_ok"] += 1
            else:
                got = [(pp.get("resolved_place"), pp.get("country_code")) for pp in cands] or ["(none)"]
                self._miss("place", f"{gp.get('extracted_place')!r} -> {got} "
                                    f"(gold {gp.get('resolved_place')!r}, {gp.get('country_code')})")

    def _span(self, quote: str, start: object = None, end: object = None) -> tuple[int, int] | None:
        if start is not None and end is not None:
            return start, end
        k = (self.gold.get("text") or "").find(quote or "")
        return (k, k + len(quote)) if quote and k >= 0 else None

    def _overlaps(self, gq: dict, pq: dict) -> bool:
        """Over half of the gold quote, and over 30% of the predicted one, coincide."""
        gs = self._span(gq.get("text") or "")
        ps = self._span(pq.get("text", ""), pq.get("start"), pq.get("end"))
        if gs and ps:
            inter = min(gs[1], ps[1]) - max(gs[0], ps[0])
            return inter > 0.5 * (gs[1] - gs[0]) and inter > 0.3 * (ps[1] - ps[0])
        return mention_match(gq.get("text") or "", pq.get("text", ""))

    def _speaker_ok(self, gold_speaker: dict, pred_speaker: dict) -> bool:
        if gold_speaker.get("identifier_text"):
            return self._same_name(gold_speaker["identifier_text"], pred_speaker.get("identifier_text"))
        gold_code = (gold_speaker.get("code") or "").upper()
        return bool(gold_code) and (pred_speaker.get("code") or "").upper() == gold_code

    def _quotes(self) -> None:
        g_quotes = self.gold.get("quotes") or []
        p_quotes = self.pred.get("quotes") or []
        for gq in g_quotes:
            self.counts["quote_n"] += 1
            gs = gq.get("speaker") or {}
            if any(self._overlaps(gq, pq) and self._speaker_ok(gs, pq.get("speaker") or {})
                   for pq in p_quotes):
                self.counts["quote_ok"] += 1
            else:
                self._miss("quote", f"{(gq.get('text') or '')[:50]!r} (gold speaker "
                                    f"{gs.get('identifier_text') or gs.get('code')!r})")
        if g_quotes:
            self.counts["quote_pred"] += len(p_quotes)
            self.counts["quote_pred_ok"] += sum(1 for pq in p_quotes
                                                if any(self._overlaps(gq, pq) for gq in g_quotes))
