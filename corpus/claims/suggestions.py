"""Suggested claims: stored by extraction, accepted or rejected by the analyst.

`ClaimSuggester` is the DocProcessor that extraction runs in its single spaCy pass. Its
results replace the article's open suggestions; accepted and rejected ones are decisions and
stay, so a statement the analyst rejected (or already made a claim of) is not proposed again
when the article is extracted anew. Speakers are resolved to entities through the mentions
the entity processor saved for the same article just before (`mention_entities`, by offsets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from corpus.claims.attribution import Attribution
from corpus.claims.model import ClaimError, insert_claim, retitle
from corpus.claims.suggest import Candidate, find_candidates
from corpus.items import Item
from corpus.store import utc_now
from corpus.tags import add_derived_tags

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from corpus.store import Store

_KEY_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def quote_key(quote: str) -> str:
    """What identifies a statement across re-imports: its words, folded."""
    return " ".join(re.findall(r"\w+", quote.translate(_KEY_FOLD).lower()))


class ClaimSuggester:
    """Finds attributed statements in each parsed article (see `corpus.claims.suggest`)."""

    name = "claim_suggestions"

    def analyse(self, doc: "Doc") -> list[Candidate]:
        return find_candidates(doc)

    def clear(self, store: "Store", article_id: int) -> None:
        store.conn.execute("DELETE FROM claim_suggestions WHERE article_id = ? AND status = 'open'", [article_id])
        store.conn.execute("DELETE FROM claim_suggestion_runs WHERE article_id = ?", [article_id])

    def save(self, store: "Store", article_id: int, result: list[Candidate]) -> None:
        save_candidates(store, article_id, result)


def save_candidates(store: "Store", article_id: int, candidates: list[Candidate]) -> int:
    """Store the article's new candidates (after `clear`); returns how many were proposed."""
    decided = {row[0] for row in store.conn.execute(
        "SELECT quote_key FROM claim_suggestions WHERE article_id = ? AND status != 'open'", [article_id])}
    claimed = store.conn.execute("SELECT start, [end] FROM claims WHERE article_id = ? AND orphan = 0",
                                 [article_id]).fetchall()
    mentions = store.conn.execute(
        "SELECT start, [end], entity_id FROM mention_entities WHERE article_id = ?", [article_id]
    ).fetchall()
    outlets = {row[0].lower() for row in store.conn.execute("SELECT name FROM sources")}
    now = utc_now()
    rows = []
    for c in candidates:
        key = quote_key(c.quote)
        if key in decided or any(_overlap(c.start, c.end, s, e) > 0.5 for s, e in claimed):
            continue
        entity = _entity_at(mentions, c.speaker_start, c.speaker_end) or _entity_at(
            mentions, c.antecedent_start, c.antecedent_end)
        outlet = c.cited_outlet
        if outlet is None and c.pattern == "according-to" and c.speaker_text and c.speaker_text.lower() in outlets:
            outlet = c.speaker_text
        rows.append((article_id, c.start, c.end, c.quote, key, c.pattern, c.speaker_text,
                     c.antecedent_start if c.antecedent_start is not None else c.speaker_start,
                     c.antecedent_end if c.antecedent_end is not None else c.speaker_end,
                     entity, c.speaker_descriptor, c.speaker_pronoun, c.antecedent_text, c.attribution, c.verb,
                     outlet, c.stance, c.confidence, now))
    store.conn.executemany(
        "INSERT INTO claim_suggestions (article_id, start, [end], quote, quote_key, pattern, speaker_text,"
        " speaker_start, speaker_end, speaker_entity_id, speaker_descriptor, speaker_pronoun, speaker_antecedent,"
        " attribution, verb, cited_outlet, stance, confidence, created_at)"
        f" VALUES ({', '.join('?' * 19)})",
        rows,
    )
    store.conn.execute(
        "INSERT OR REPLACE INTO claim_suggestion_runs (article_id, analysed_at, candidates) VALUES (?, ?, ?)",
        [article_id, now, len(rows)],
    )
    return len(rows)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    """Shared length over the shorter span's length."""
    shared = min(a_end, b_end) - max(a_start, b_start)
    shortest = min(a_end - a_start, b_end - b_start)
    return shared / shortest if shared > 0 and shortest > 0 else 0.0


def _entity_at(mentions: list[tuple], start: int | None, end: int | None) -> int | None:
    if start is None or end is None:
        return None
    best, best_shared = None, 0
    for m_start, m_end, entity_id in mentions:
        shared = min(end, m_end) - max(start, m_start)
        if shared > best_shared:
            best, best_shared = entity_id, shared
    return best


@dataclass(frozen=True)
class Suggestion:
    id: int
    article_id: int
    start: int
    end: int
    quote: str
    pattern: str
    speaker_text: str | None
    speaker_entity_id: int | None
    speaker_name: str | None  # the entity's current canonical name
    speaker_descriptor: str | None
    speaker_pronoun: str | None
    speaker_antecedent: str | None
    attribution: str | None
    verb: str | None
    cited_outlet: str | None
    stance: str | None
    confidence: float
    status: str
    claim_id: int | None

    @property
    def speaker(self) -> str:
        return self.speaker_name or self.speaker_antecedent or self.speaker_descriptor or self.speaker_text or ""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# The speaker entity is resolved again on reading, so a merge made since extraction shows.
_SELECT = """
    SELECT s.*, root.id AS canonical_id, root.name AS speaker_name FROM claim_suggestions s
    LEFT JOIN entities own ON own.id = s.speaker_entity_id
    LEFT JOIN entities root ON root.id = COALESCE(own.merged_into, own.id)"""


def _from_row(row: dict) -> Suggestion:
    row = {**row, "speaker_entity_id": row["canonical_id"]}
    return Suggestion(**{f.name: row[f.name] for f in fields(Suggestion)})


def suggestions_of_article(store: "Store", article_id: int, status: str | None = "open") -> list[Suggestion]:
    sql = f"{_SELECT} WHERE s.article_id = ?"
    params: list = [article_id]
    if status:
        sql += " AND s.status = ?"
        params.append(status)
    return [_from_row(r) for r in store.query(sql + " ORDER BY s.start, s.id", params)]


def has_been_analysed(store: "Store", article_id: int) -> bool:
    return store.scalar("SELECT 1 FROM claim_suggestion_runs WHERE article_id = ?", [article_id]) is not None


def get_suggestion(store: "Store", suggestion_id: int) -> Suggestion:
    rows = store.query(f"{_SELECT} WHERE s.id = ?", [suggestion_id])
    if not rows:
        raise ClaimError(f"suggestion {suggestion_id}: no such suggestion")
    return _from_row(rows[0])


def _open(store: "Store", suggestion_id: int) -> Suggestion:
    suggestion = get_suggestion(store, suggestion_id)
    if suggestion.status != "open":
        raise ClaimError(f"suggestion {suggestion_id} was already {suggestion.status}")
    return suggestion


def accept_suggestion(store: "Store", suggestion_id: int, *, credibility: int | None = None,
                      **overrides) -> int:
    """Make a claim of a suggestion (attribution fields may be corrected); returns the claim id."""
    s = _open(store, suggestion_id)
    body = store.scalar("SELECT body FROM articles WHERE id = ?", [s.article_id])
    if body is None or body[s.start:s.end] != s.quote:
        raise ClaimError(f"suggestion {suggestion_id} no longer matches the article text; extract it again")
    # Without an entity, a named speaker is kept by name, so it is not lost before entities exist.
    named = s.speaker_antecedent or (s.speaker_text if not s.speaker_pronoun else None)
    values = {
        "speaker_entity_id": s.speaker_entity_id,
        "speaker_descriptor": s.speaker_descriptor or (None if s.speaker_entity_id else named),
        "speaker_text": s.speaker_text, "attribution": s.attribution, "verb": s.verb,
        "cited_outlet": s.cited_outlet, "stance": s.stance,
    }
    values.update(overrides)
    with store.action("suggestion.accept", f"Accepted suggestion {suggestion_id}") as act:
        claim_id = insert_claim(store, act, s.article_id, s.start, s.end, Attribution(**values), credibility)
        act.update("claim_suggestions", suggestion_id,
                   {"status": "accepted", "claim_id": claim_id, "decided_at": utc_now()})
        derived = [f"attribution:{s.pattern}"]
        if s.speaker_descriptor and not s.speaker_entity_id:
            derived.append("speaker:unnamed")
        add_derived_tags(store, act, Item("claim", claim_id), derived, "suggestion")
        retitle(act, f"Accepted suggestion {suggestion_id} as claim {claim_id} in article {s.article_id}")
    return claim_id


def reject_suggestion(store: "Store", suggestion_id: int) -> None:
    """Reject a suggestion; the same statement is not proposed again for this article."""
    s = _open(store, suggestion_id)
    with store.action("suggestion.reject", f"Rejected suggestion {suggestion_id} in article {s.article_id}") as act:
        act.update("claim_suggestions", suggestion_id, {"status": "rejected", "decided_at": utc_now()})


def analyse_article(store: "Store", article_id: int, model: str | None = None) -> int:
    """Parse one article now and store its suggestions; returns how many are open.

    Extraction normally does this in its single pass over the corpus; this serves an article
    the analyst wants suggestions for before (or without) running it.
    """
    from corpus import nlp

    body = store.scalar("SELECT body FROM articles WHERE id = ?", [article_id])
    if body is None:
        raise ClaimError(f"article {article_id}: no such article")
    suggester = ClaimSuggester()
    result = suggester.analyse(nlp.load(model)(body))
    with store.transaction():
        suggester.clear(store, article_id)
        suggester.save(store, article_id, result)
    return len(suggestions_of_article(store, article_id))
