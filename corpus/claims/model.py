"""Claims: attributed spans of articles, created, changed and deleted through the action log."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Iterable

from corpus.claims.anchoring import anchor_span, normalise
from corpus.claims.attribution import Attribution, AttributionError
from corpus.safe_text import one_line
from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.actions import ActionRecorder
    from corpus.store import Store


class ClaimError(ValueError):
    """A claim that cannot be made or found as asked; the message says why."""


@dataclass(frozen=True)
class Claim:
    id: int
    article_id: int
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    body_hash: str
    original_quote: str
    anchor: str
    orphan: int
    speaker_entity_id: int | None
    speaker_descriptor: str | None
    speaker_text: str | None
    attribution: str | None
    verb: str | None
    cited_outlet: str | None
    stance: str | None
    credibility: int | None
    created_at: str
    updated_at: str
    speaker_canonical_id: int | None = None  # the speaker entity, after any merge
    speaker_name: str | None = None  # its canonical name

    @classmethod
    def from_row(cls, row: dict) -> "Claim":
        return cls(**{f.name: row.get(f.name) for f in fields(cls)})

    @property
    def speaker(self) -> str:
        return self.speaker_name or self.speaker_descriptor or self.speaker_text or ""

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# A speaker entity merged since the claim was attributed shows as the entity it was merged into.
_SELECT = (
    "SELECT claims.*, root.id AS speaker_canonical_id, root.name AS speaker_name FROM claims"
    " LEFT JOIN entities own ON own.id = claims.speaker_entity_id"
    " LEFT JOIN entities root ON root.id = COALESCE(own.merged_into, own.id)"
)


def _article_body(store: "Store", article_id: int) -> str:
    body = store.scalar("SELECT body FROM articles WHERE id = ?", [article_id])
    if body is None:
        raise ClaimError(f"article {article_id}: no such article")
    return body


def find_quote(body: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """Offsets of `quote` in `body`: verbatim, else ignoring whitespace, quote-mark and case
    differences. A quote found several times needs `occurrence` (1 = first)."""
    quote = quote.strip()
    if not quote:
        raise ClaimError("the quote is empty")
    spans = _verbatim(body, quote) or _folded(body, quote)
    if not spans:
        raise ClaimError(f"quote not found in the article: {one_line(quote, 60)!r}")
    if occurrence is None:
        if len(spans) > 1:
            raise ClaimError(f"the quote occurs {len(spans)} times; choose one with an occurrence number"
                             f" (1-{len(spans)})")
        occurrence = 1
    if not 1 <= occurrence <= len(spans):
        times = "once" if len(spans) == 1 else f"{len(spans)} times"
        raise ClaimError(f"the quote occurs {times}; there is no occurrence {occurrence}")
    return spans[occurrence - 1]


def _verbatim(body: str, quote: str) -> list[tuple[int, int]]:
    spans, at = [], body.find(quote)
    while at != -1:
        spans.append((at, at + len(quote)))
        at = body.find(quote, at + 1)
    return spans


def _folded(body: str, quote: str) -> list[tuple[int, int]]:
    folded_body, origin = normalise(body)
    folded_quote, _ = normalise(quote)
    folded_quote = folded_quote.strip()
    spans, at = [], folded_body.find(folded_quote)
    while at != -1:
        spans.append((origin[at], origin[at + len(folded_quote) - 1] + 1))
        at = folded_body.find(folded_quote, at + 1)
    return spans


def _check_entity(store: "Store", entity_id: int | None) -> None:
    if entity_id is not None and store.scalar("SELECT 1 FROM entities WHERE id = ?", [entity_id]) is None:
        raise ClaimError(f"entity {entity_id}: no such entity")


def _check_credibility(credibility: int | None) -> None:
    if credibility is not None and not 1 <= credibility <= 6:
        raise ClaimError(f"credibility must be 1 to 6, not {credibility}")


def insert_claim(store: "Store", act: "ActionRecorder", article_id: int, start: int, end: int,
                 attribution: Attribution | None = None, credibility: int | None = None) -> int:
    """Add a claim inside an action the caller holds (used by create and by accepting suggestions)."""
    body = _article_body(store, article_id)
    try:
        anchor = anchor_span(body, start, end)
    except ValueError as exc:
        raise ClaimError(f"article {article_id}: {exc}") from None
    if not anchor.quote.strip():
        raise ClaimError(f"article {article_id}: the span {start}-{end} is only whitespace")
    attribution = attribution or Attribution()
    _check_entity(store, attribution.speaker_entity_id)
    _check_credibility(credibility)
    now = utc_now()
    return act.insert("claims", {
        "article_id": article_id, "quote": anchor.quote, "prefix": anchor.prefix,
        "suffix": anchor.suffix, "start": anchor.start, "end": anchor.end,
        "body_hash": anchor.body_hash, "original_quote": anchor.quote, "anchor": "marked",
        "orphan": 0, **attribution.columns(), "credibility": credibility,
        "created_at": now, "updated_at": now,
    })


def create_claim(store: "Store", article_id: int, *, start: int | None = None, end: int | None = None,
                 quote: str | None = None, occurrence: int | None = None,
                 attribution: Attribution | None = None, credibility: int | None = None,
                 tags: Iterable[str] = ()) -> int:
    """Mark a claim by offsets or by its exact quote, with the analyst's `tags` if given (one
    action, so one undo takes back both); returns the new claim's id."""
    from corpus.items import Item
    from corpus.tags import insert_analyst_tags, normalise_tag

    tags = [normalise_tag(t) for t in tags]  # a bad tag is refused before anything is written
    if quote is not None and start is None:
        start, end = find_quote(_article_body(store, article_id), quote, occurrence)
    if start is None or end is None:
        raise ClaimError("give the claim's start and end offsets, or its quote")
    with store.action("claim.create", f"Marked a claim in article {article_id}") as act:
        claim_id = insert_claim(store, act, article_id, start, end, attribution, credibility)
        if tags:
            insert_analyst_tags(store, act, Item("claim", claim_id), tags)
        retitle(act, f"Marked claim {claim_id} in article {article_id}")
    return claim_id


def retitle(act: "ActionRecorder", summary: str) -> None:
    """Reword the action's history line once an id it should carry is known."""
    if act.action_id is not None:
        act.conn.execute("UPDATE actions SET summary = ? WHERE id = ?", [summary, act.action_id])


def get_claim(store: "Store", claim_id: int) -> Claim:
    rows = store.query(f"{_SELECT} WHERE claims.id = ?", [claim_id])
    if not rows:
        raise ClaimError(f"claim {claim_id}: no such claim")
    return Claim.from_row(rows[0])


def claims_of_article(store: "Store", article_id: int) -> list[Claim]:
    rows = store.query(f"{_SELECT} WHERE claims.article_id = ? ORDER BY claims.start, claims.id", [article_id])
    return [Claim.from_row(r) for r in rows]


def list_claims(store: "Store", *, article_id: int | None = None, speaker_entity_id: int | None = None,
                tag: str | None = None, orphans_only: bool = False, limit: int = 50,
                offset: int = 0) -> list[Claim]:
    """A page of the corpus's claims, newest first, optionally narrowed."""
    where, params = _filters(article_id, speaker_entity_id, tag, orphans_only)
    rows = store.query(
        f"{_SELECT}{where} ORDER BY claims.id DESC LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    return [Claim.from_row(r) for r in rows]


def count_claims(store: "Store", *, article_id: int | None = None, speaker_entity_id: int | None = None,
                 tag: str | None = None, orphans_only: bool = False) -> int:
    where, params = _filters(article_id, speaker_entity_id, tag, orphans_only)
    return store.scalar(
        "SELECT count(*) FROM claims LEFT JOIN entities own ON own.id = claims.speaker_entity_id" + where, params
    )


def _filters(article_id, speaker_entity_id, tag, orphans_only) -> tuple[str, list]:
    clauses, params = [], []
    if article_id is not None:
        clauses.append("claims.article_id = ?")
        params.append(article_id)
    if speaker_entity_id is not None:
        clauses.append("COALESCE(own.merged_into, own.id) = ?")
        params.append(speaker_entity_id)
    if tag is not None:
        clauses.append(
            "claims.id IN (SELECT item_id FROM all_tags WHERE item_type = 'claim' AND tag = ? COLLATE NOCASE)"
        )
        params.append(tag)
    if orphans_only:
        clauses.append("claims.orphan = 1")
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def attribute_claim(store: "Store", claim_id: int, **changes) -> bool:
    """Set some attribution fields (speaker_entity_id, speaker_descriptor, speaker_text,
    attribution, verb, cited_outlet, stance); None clears a field. Returns False if nothing changed."""
    unknown = set(changes) - set(Attribution.__dataclass_fields__)
    if unknown:
        raise ClaimError(f"not attribution fields: {', '.join(sorted(unknown))}")
    get_claim(store, claim_id)
    try:
        cleaned = {k: v for k, v in Attribution(**changes).columns().items() if k in changes}
    except AttributionError as exc:
        raise ClaimError(str(exc)) from None
    _check_entity(store, cleaned.get("speaker_entity_id"))
    what = ", ".join(sorted(k.replace("_", " ") for k in cleaned))
    with store.action("claim.attribute", f"Attributed claim {claim_id} ({what})") as act:
        changed = act.update("claims", claim_id, cleaned)
        if changed:
            act.update("claims", claim_id, {"updated_at": utc_now()})
    return changed


def move_claim(store: "Store", claim_id: int, start: int, end: int) -> None:
    """Change a claim's span (grown or shrunk by the analyst) within its article."""
    claim = get_claim(store, claim_id)
    body = _article_body(store, claim.article_id)
    try:
        anchor = anchor_span(body, start, end)
    except ValueError as exc:
        raise ClaimError(f"claim {claim_id}: {exc}") from None
    with store.action("claim.span", f"Changed the span of claim {claim_id}") as act:
        act.update("claims", claim_id, {
            "quote": anchor.quote, "prefix": anchor.prefix, "suffix": anchor.suffix,
            "start": start, "end": end, "body_hash": anchor.body_hash, "original_quote": anchor.quote,
            "anchor": "marked", "orphan": 0, "updated_at": utc_now(),
        })


def delete_claim(store: "Store", claim_id: int) -> None:
    """Delete a claim with its tags, links and note (all restored by undo). A claim accepted from
    a suggestion turns that suggestion into a rejection, so it is not proposed again."""
    get_claim(store, claim_id)
    with store.action("claim.delete", f"Deleted claim {claim_id}") as act:
        for table, where in _dependants(claim_id):
            for row_id in _ids(store, table, where):
                act.delete(table, row_id)
        for row_id in _ids(store, "claim_suggestions", ("claim_id = ?", [claim_id])):
            act.update("claim_suggestions", row_id, {"status": "rejected", "claim_id": None})
        act.delete("claims", claim_id)


def _dependants(claim_id: int) -> Iterable[tuple[str, tuple[str, list]]]:
    yield "tags", ("item_type = 'claim' AND item_id = ?", [claim_id])
    yield "notes", ("item_type = 'claim' AND item_id = ?", [claim_id])
    yield "links", (
        "(from_type = 'claim' AND from_id = ?) OR (to_type = 'claim' AND to_id = ?)", [claim_id, claim_id]
    )


def _ids(store: "Store", table: str, where: tuple[str, list]) -> list[int]:
    return [row[0] for row in store.conn.execute(f"SELECT id FROM {table} WHERE {where[0]}", where[1])]


def span_context(store: "Store", claim: Claim, width: int = 200) -> tuple[str, str, str]:
    """The text before, of, and after a claim in its article (for display)."""
    body = _article_body(store, claim.article_id)
    if claim.orphan:
        return claim.prefix, claim.quote, claim.suffix
    return body[max(0, claim.start - width):claim.start], body[claim.start:claim.end], body[claim.end:claim.end + width]
