"""The Admiralty (NATO) code: reliability A–F of a source, credibility 1–6 of a claim.

Reliability is rated on news outlets (`sources`) and on speaker entities; credibility on
claims. A claim's combined code (e.g. `B2`) takes the reliability of its most specific rated
source: its speaker entity, else the outlet it cites ("according to Bloomberg", when that
outlet is a known source), else the outlet that published the article.

The program also derives a hint from the links between claims — "corroborated by K
independent sources" — but never writes it over the analyst's rating. Independent means a
different outlet, and not a near-duplicate or syndicated copy of the same story
(`articles.duplicate_of`, or an analyst's `duplicate-of` link between the articles).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.items import Item, ItemError, canonical_entity, require
from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.store import Store

RELIABILITY = {
    "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
    "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources", 2: "probably true", 3: "possibly true",
    4: "doubtful", 5: "improbable", 6: "truth cannot be judged",
}
CORROBORATING = ("corroborates", "repeats")


class RatingError(ValueError):
    """A grade outside the Admiralty scale, or an item that cannot be rated so."""


def _grade(value: str) -> str:
    grade = value.strip().upper()
    if grade not in RELIABILITY:
        raise RatingError(f"reliability is one of A-F, not {value!r}")
    return grade


def _credibility(value: int | str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number not in CREDIBILITY:
        raise RatingError(f"credibility is one of 1-6, not {value!r}")
    return number


def set_reliability(store: "Store", item: Item, grade: str | None) -> None:
    """Rate a source outlet or a speaker entity A–F; None clears the rating."""
    if item.type not in ("source", "entity"):
        raise RatingError(f"{item}: reliability is rated on sources and entities (credibility on claims)")
    try:
        require(store, item)
    except ItemError as exc:
        raise RatingError(str(exc)) from None
    if item.type == "entity":
        item = Item("entity", canonical_entity(store, item.id))
    grade = _grade(grade) if grade is not None else None
    row_id = store.scalar(
        "SELECT id FROM reliability_ratings WHERE target_type = ? AND target_id = ?", [item.type, item.id]
    )
    summary = f"Rated {item} reliability {grade}" if grade else f"Cleared the reliability of {item}"
    with store.action("rating.set", summary) as act:
        if grade is None:
            if row_id is not None:
                act.delete("reliability_ratings", row_id)
        elif row_id is None:
            act.insert("reliability_ratings", {"target_type": item.type, "target_id": item.id,
                                               "grade": grade, "rated_at": utc_now()})
        else:
            act.update("reliability_ratings", row_id, {"grade": grade, "rated_at": utc_now()})


def set_credibility(store: "Store", claim_id: int, credibility: int | str | None) -> None:
    """Rate a claim's credibility 1–6; None clears it."""
    value = _credibility(credibility) if credibility is not None else None
    try:
        require(store, Item("claim", claim_id))
    except ItemError as exc:
        raise RatingError(str(exc)) from None
    summary = f"Rated claim {claim_id} credibility {value}" if value else f"Cleared the credibility of claim {claim_id}"
    with store.action("rating.set", summary) as act:
        if act.update("claims", claim_id, {"credibility": value}):
            act.update("claims", claim_id, {"updated_at": utc_now()})


def reliability_of(store: "Store", item: Item) -> str | None:
    return store.scalar(
        "SELECT grade FROM reliability_ratings WHERE target_type = ? AND target_id = ?", [item.type, item.id]
    )


# The reliability that applies to claim `c` of article `a`, and where it comes from.
RELIABILITY_SQL = """COALESCE(
    (SELECT grade FROM reliability_ratings WHERE target_type = 'entity'
        AND target_id = (SELECT COALESCE(merged_into, id) FROM entities WHERE id = c.speaker_entity_id)),
    (SELECT r.grade FROM sources s JOIN reliability_ratings r ON r.target_type = 'source' AND r.target_id = s.id
        WHERE s.name = c.cited_outlet COLLATE NOCASE),
    (SELECT grade FROM reliability_ratings WHERE target_type = 'source' AND target_id = a.source_id))"""
RELIABILITY_BASIS_SQL = """CASE
    WHEN EXISTS (SELECT 1 FROM reliability_ratings WHERE target_type = 'entity'
        AND target_id = (SELECT COALESCE(merged_into, id) FROM entities WHERE id = c.speaker_entity_id))
        THEN 'speaker'
    WHEN EXISTS (SELECT 1 FROM sources s JOIN reliability_ratings r ON r.target_type = 'source' AND r.target_id = s.id
        WHERE s.name = c.cited_outlet COLLATE NOCASE) THEN 'cited outlet'
    WHEN EXISTS (SELECT 1 FROM reliability_ratings WHERE target_type = 'source' AND target_id = a.source_id)
        THEN 'outlet'
    END"""

# The claims linked to claim `c` by one of `relations`, from either end. Two branches, so each
# uses an index (an OR across both ends would scan every link).
def _linked_claims(relations: str) -> str:
    return f"""(SELECT l.to_id AS id FROM links l WHERE l.from_type = 'claim' AND l.from_id = c.id
            AND l.relation IN ({relations}) AND l.to_type = 'claim'
        UNION ALL
        SELECT l.from_id FROM links l INDEXED BY links_to WHERE l.to_type = 'claim' AND l.to_id = c.id
            AND l.from_type = 'claim' AND l.relation IN ({relations}))"""


# Distinct independent outlets among the claims linked to claim `c` (article `a`) as corroborating
# it. A copy (duplicate_of) counts as its original; the own outlet and own story never count.
CORROBORATION_SQL = f"""(SELECT count(DISTINCT COALESCE('s' || ra.source_id, 'a' || ra.id))
    FROM {_linked_claims("'corroborates', 'repeats'")} AS linked
    JOIN claims oc ON oc.id = linked.id
    JOIN articles la ON la.id = oc.article_id
    JOIN articles ra ON ra.id = COALESCE(la.duplicate_of, la.id)
    WHERE ra.id != COALESCE(a.duplicate_of, a.id)
      AND (a.source_id IS NULL OR (COALESCE(la.source_id, -1) != a.source_id
                                   AND COALESCE(ra.source_id, -1) != a.source_id))
      AND NOT EXISTS (SELECT 1 FROM links d WHERE d.from_type = 'article' AND d.from_id = la.id
          AND d.relation = 'duplicate-of' AND d.to_type = 'article' AND d.to_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM links d WHERE d.from_type = 'article' AND d.from_id = a.id
          AND d.relation = 'duplicate-of' AND d.to_type = 'article' AND d.to_id = la.id))"""
CONTRADICTION_SQL = f"""(SELECT count(DISTINCT linked.id) FROM {_linked_claims("'contradicts'")} AS linked)"""


def admiralty_code(reliability: str | None, credibility: int | None) -> str:
    """`B2`; an unrated part shows as `?` (`?2`, `B?`); empty when neither is rated."""
    if reliability is None and credibility is None:
        return ""
    return f"{reliability or '?'}{credibility or '?'}"


@dataclass(frozen=True)
class ClaimRating:
    reliability: str | None
    reliability_basis: str | None  # speaker, cited outlet, outlet
    credibility: int | None
    corroborated_by: int
    contradicted_by: int

    @property
    def code(self) -> str:
        return admiralty_code(self.reliability, self.credibility)

    @property
    def hint(self) -> str:
        """The derived hint, shown beside (never instead of) the analyst's rating."""
        parts = []
        if self.corroborated_by:
            plural = "s" if self.corroborated_by != 1 else ""
            parts.append(f"corroborated by {self.corroborated_by} independent source{plural}")
        if self.contradicted_by:
            plural = "s" if self.contradicted_by != 1 else ""
            parts.append(f"contradicted by {self.contradicted_by} claim{plural}")
        return "; ".join(parts)

    def as_dict(self) -> dict:
        return {**self.__dict__, "code": self.code, "hint": self.hint}


def claim_rating(store: "Store", claim_id: int) -> ClaimRating:
    rows = store.query(
        f"SELECT {RELIABILITY_SQL} AS reliability, {RELIABILITY_BASIS_SQL} AS basis, c.credibility,"
        f" {CORROBORATION_SQL} AS corroborated, {CONTRADICTION_SQL} AS contradicted"
        " FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = ?",
        [claim_id],
    )
    if not rows:
        raise RatingError(f"claim {claim_id}: no such claim")
    row = rows[0]
    return ClaimRating(row["reliability"], row["basis"], row["credibility"], row["corroborated"], row["contradicted"])
