"""Precision and recall of cross-article linking on a hand-labelled set of reports.

Each labelled document names the happening it reports (``happening``) and how to find
that happening's event among the document's coded events (``label``: its ``type`` and a
``country`` among its actors, or among all participants for symmetric types; in a long
document also ``sentence``, words of the sentence that reports it). Two
documents are predicted to report one happening when their labelled events share a
linked event. Precision and recall are over document pairs.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from .linking import SYMMETRIC_TYPES, candidate_types


@dataclass(frozen=True)
class LinkScore:
    pairs: int
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    found: int  # labelled documents whose labelled event the coder produced
    documents: int
    false_links: tuple[tuple[str, str], ...]
    missed_links: tuple[tuple[str, str], ...]

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    def to_json(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "pairs": self.pairs,
                "true_pairs": self.true_pairs, "predicted_pairs": self.predicted_pairs,
                "correct_pairs": self.correct_pairs, "documents": self.documents,
                "labelled_event_found": self.found, "false_links": [list(p) for p in self.false_links],
                "missed_links": [list(p) for p in self.missed_links]}


def labelled_links(con, doc_id: str, label: dict) -> set[str]:
    """The linked events of a document's events that match its label."""
    rows = con.execute("""
        SELECT e.event_type, e.actor_countries, e.recipient_countries, m.linked_id, e.sentence
        FROM events e JOIN linked_event_mentions m USING (event_id) WHERE e.doc_id = ?""", [doc_id]).fetchall()
    want = candidate_types(label["type"])
    out = set()
    for etype, actors, recipients, linked_id, sentence in rows:
        if etype not in want:
            continue
        if label.get("sentence") and label["sentence"] not in (sentence or ""):
            continue
        parties = set(actors or ()) | (set(recipients or ()) if etype in SYMMETRIC_TYPES else set())
        if label.get("country") and label["country"] not in parties:
            continue
        out.add(linked_id)
    return out


def score_linking(con, labelled: list[dict]) -> LinkScore:
    links = {d["id"]: labelled_links(con, d["id"], d["label"]) for d in labelled}
    truth = {d["id"]: d["happening"] for d in labelled}
    tp = fp = fn = n_true = n_pred = 0
    false_links, missed = [], []
    ids = [d["id"] for d in labelled]
    for a, b in combinations(ids, 2):
        same = truth[a] == truth[b]
        pred = bool(links[a] & links[b])
        n_true += same
        n_pred += pred
        if same and pred:
            tp += 1
        elif pred:
            fp += 1
            false_links.append((a, b))
        elif same:
            fn += 1
            missed.append((a, b))
    return LinkScore(pairs=len(ids) * (len(ids) - 1) // 2, true_pairs=n_true, predicted_pairs=n_pred,
                     correct_pairs=tp, found=sum(1 for v in links.values() if v), documents=len(ids),
                     false_links=tuple(false_links), missed_links=tuple(missed))
