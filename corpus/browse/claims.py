"""The claims list: the claims of an article or of the corpus, a window at a time."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from corpus.browse.query import Where, like

if TYPE_CHECKING:
    from corpus.store import Store


@dataclass(frozen=True)
class ClaimQuery:
    article_id: int | None = None  # None: the whole corpus
    search: str = ""  # words in the quote, the speaker or the attribution
    tag: str | None = None
    speaker_entity_id: int | None = None

    def with_changes(self, **changes) -> "ClaimQuery":
        return replace(self, **changes)


@dataclass(frozen=True)
class ClaimRow:
    id: int
    article_id: int
    quote: str
    speaker: str
    verb: str | None
    stance: str | None
    code: str
    article_title: str
    orphan: bool
    tags: list[str] = field(default_factory=list)
    link_count: int = 0


def _claim_where(q: ClaimQuery) -> Where:
    where = Where()
    if q.article_id is not None:
        where.add("c.article_id = ?", q.article_id)
    if q.speaker_entity_id is not None:
        where.add("c.speaker_entity_id IN (SELECT id FROM entities WHERE coalesce(merged_into, id) = ?)",
                  q.speaker_entity_id)
    if q.tag:
        where.add("c.id IN (SELECT item_id FROM all_tags WHERE item_type = 'claim' AND tag = ? COLLATE NOCASE)", q.tag)
    for word in q.search.split():
        where.add("(c.quote LIKE ? ESCAPE '\\' OR c.speaker_descriptor LIKE ? ESCAPE '\\' OR c.attribution LIKE ?"
                  " ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\')", *([like(word)] * 4))
    return where


_CLAIM_FROM = (
    " FROM claims c JOIN articles a ON a.id = c.article_id"
    " LEFT JOIN entities own ON own.id = c.speaker_entity_id"
    " LEFT JOIN entities e ON e.id = coalesce(own.merged_into, own.id)"
)


def count_claims(store: "Store", q: ClaimQuery) -> int:
    where = _claim_where(q)
    return store.scalar(f"SELECT count(*){_CLAIM_FROM}{where.sql()}", where.params) or 0


def claim_window(store: "Store", q: ClaimQuery, offset: int, limit: int) -> list[ClaimRow]:
    """Claims in article order within an article, newest first across the corpus."""
    from corpus.ratings import RELIABILITY_SQL, admiralty_code

    where = _claim_where(q)
    order = _order(q)
    rows = store.query(
        "SELECT c.id, c.article_id, c.quote, c.verb, c.stance, c.credibility, c.orphan, a.title,"
        f" coalesce(e.name, c.speaker_descriptor, c.speaker_text, '') AS speaker, {RELIABILITY_SQL} AS reliability,"
        " (SELECT count(*) FROM links l WHERE (l.from_type = 'claim' AND l.from_id = c.id)"
        "   OR (l.to_type = 'claim' AND l.to_id = c.id)) AS link_count"
        f"{_CLAIM_FROM}{where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
        [*where.params, limit, max(0, offset)],
    )
    from corpus.tags import tags_of_many

    tag_map = tags_of_many(store, "claim", [r["id"] for r in rows])
    return [
        ClaimRow(
            id=r["id"], article_id=r["article_id"], quote=r["quote"], speaker=r["speaker"], verb=r["verb"],
            stance=r["stance"], code=admiralty_code(r["reliability"], r["credibility"]),
            article_title=r["title"] or "", orphan=bool(r["orphan"]),
            tags=[t.tag for t in tag_map.get(r["id"], [])], link_count=r["link_count"],
        )
        for r in rows
    ]


def claim_ids(store: "Store", q: ClaimQuery) -> list[int]:
    """Every claim of the view, in the list's order (what "export this view" writes)."""
    where = _claim_where(q)
    return [row[0] for row in store.conn.execute(
        f"SELECT c.id{_CLAIM_FROM}{where.sql()} ORDER BY {_order(q)}", where.params)]


def _order(q: ClaimQuery) -> str:
    return "c.start, c.id" if q.article_id is not None else "c.id DESC"


def claim_position(store: "Store", q: ClaimQuery, claim_id: int) -> int | None:
    where = _claim_where(q)
    order = _order(q)
    rows = store.query(
        f"SELECT pos FROM (SELECT c.id, row_number() OVER (ORDER BY {order}) - 1 AS pos{_CLAIM_FROM}{where.sql()})"
        " WHERE id = ?",
        [*where.params, claim_id],
    )
    return rows[0]["pos"] if rows else None
