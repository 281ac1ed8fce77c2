"""What the reader draws over an article's text, and where its sentences are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.store import Store

# spaCy labels grouped into the four colours the reader uses; the label is only the model's
# hint, the entity's own type (set by the analyst) wins when there is one.
_KIND_BY_TYPE = {
    "PERSON": "person",
    "ORG": "org", "NORP": "org",
    "GPE": "place", "LOC": "place", "FAC": "place",
}


def mention_kind(entity_type: str | None) -> str:
    return _KIND_BY_TYPE.get((entity_type or "").upper(), "other")


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    kind: str  # person, org, place, other (mentions), claim, suggestion
    ref: int  # the entity, claim or suggestion id


def reader_highlights(store: "Store", article_id: int) -> list[Highlight]:
    """Mentions (coloured by their entity's type), claims and open claim suggestions."""
    found = [
        Highlight(r["start"], r["end"], mention_kind(r["entity_type"] or r["label"]), r["entity_id"])
        for r in store.query(
            "SELECT start, [end], entity_id, entity_type, label FROM mention_entities WHERE article_id = ?",
            [article_id],
        )
    ]
    found += [
        Highlight(r["start"], r["end"], "claim", r["id"])
        for r in store.query("SELECT id, start, [end] FROM claims WHERE article_id = ? AND orphan = 0", [article_id])
    ]
    found += [
        Highlight(r["start"], r["end"], "suggestion", r["id"])
        for r in store.query(
            "SELECT id, start, [end] FROM claim_suggestions WHERE article_id = ? AND status = 'open'", [article_id]
        )
    ]
    return sorted(found, key=lambda h: (h.start, h.end))


def stored_sentences(store: "Store", article_id: int) -> list[tuple[int, int]] | None:
    """The parser's sentence spans when the article's current text has been extracted."""
    from corpus.entities.queries import article_sentences

    return article_sentences(store, article_id)


def search_hits(text: str, search: str) -> list[tuple[int, int]]:
    """Where the words of a list search appear in an article, to mark them in the reader.

    Words match at their start and ignore case (the full-text index also finds other forms
    through its stemmer; those are left unmarked rather than guessed)."""
    import re

    words = sorted({w for w in re.findall(r"\w+", search or "") if len(w) >= 2}, key=len, reverse=True)
    if not words:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]
