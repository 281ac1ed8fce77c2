"""Lookups for pickers: a few letters of a name, a quote or a title, the best matches first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.browse.query import fts_query, like

if TYPE_CHECKING:
    from corpus.store import Store


@dataclass(frozen=True)
class Found:
    kind: str  # entity, claim, article
    id: int
    label: str
    detail: str = ""


def _ranked(found: list[Found], text: str, limit: int) -> list[Found]:
    if not text.strip():
        return found[:limit]
    from rapidfuzz import fuzz

    key = text.casefold()
    return sorted(found, key=lambda f: -fuzz.WRatio(key, f.label.casefold()))[:limit]


def find_entities(store: "Store", text: str = "", *, article_id: int | None = None, exclude: int | None = None,
                  limit: int = 12) -> list[Found]:
    """Canonical entities whose name or an alias contains `text`, best match first; with an
    article given, the entities it mentions come first (a speaker is usually named there)."""
    local: list[dict] = []
    if article_id is not None:
        local = store.query(
            "SELECT entity_id AS id, entity_name AS name, entity_type AS type FROM mention_entities"
            " WHERE article_id = ? AND (entity_name LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')"
            " GROUP BY entity_id ORDER BY entity_type != 'PERSON', entity_type NOT IN ('ORG', 'NORP'), count(*) DESC"
            " LIMIT 50",
            [article_id, like(text), like(text)],
        )
    everywhere = store.query(
        "SELECT e.id, e.name, e.type FROM entities e"
        " WHERE e.merged_into IS NULL AND (e.name LIKE ? ESCAPE '\\' OR e.id IN ("
        "   SELECT coalesce(own.merged_into, own.id) FROM aliases a JOIN entities own ON own.id = a.entity_id"
        "   WHERE a.name LIKE ? ESCAPE '\\'))"
        " ORDER BY e.mention_count DESC LIMIT 200",
        [like(text), like(text)],
    )
    local_ids = {r["id"] for r in local}
    found: dict[int, Found] = {}
    for row in local + everywhere:
        if row["id"] != exclude:
            found.setdefault(row["id"], Found("entity", row["id"], row["name"], row["type"] or ""))
    ordered = list(found.values())
    if text.strip():
        from rapidfuzz import fuzz

        key = text.casefold()
        # The article's own entities first (a speaker is named where they speak), then by likeness.
        ordered.sort(key=lambda f: (f.id not in local_ids, -fuzz.WRatio(key, f.label.casefold())))
    return ordered[:limit]


def find_claims(store: "Store", text: str = "", *, exclude: int | None = None, limit: int = 12) -> list[Found]:
    rows = store.query(
        "SELECT c.id, c.quote, coalesce(e.name, c.speaker_descriptor, c.speaker_text, '') AS speaker"
        " FROM claims c LEFT JOIN entities e ON e.id = c.speaker_entity_id"
        " WHERE (c.quote LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\' OR c.speaker_descriptor LIKE ? ESCAPE '\\')"
        " AND c.id IS NOT ? ORDER BY c.id DESC LIMIT 200",
        [like(text), like(text), like(text), exclude],
    )
    found = [Found("claim", r["id"], f"{r['speaker']}: {r['quote']}" if r["speaker"] else r["quote"], f"#{r['id']}")
             for r in rows]
    return _ranked(found, text, limit)


def find_articles(store: "Store", text: str = "", *, exclude: int | None = None, limit: int = 12) -> list[Found]:
    match = fts_query(text)
    if match:
        rows = store.query(
            "SELECT a.id, a.title, a.published FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            " WHERE articles_fts MATCH ? AND a.id IS NOT ? ORDER BY rank LIMIT ?",
            [f"title : ({match})", exclude, limit],
        )
    else:
        rows = store.query(
            "SELECT id, title, published FROM articles WHERE id IS NOT ? ORDER BY id DESC LIMIT ?", [exclude, limit]
        )
    return [Found("article", r["id"], r["title"] or "(untitled)", (r["published"] or "")[:10]) for r in rows]


def candidate_info(store: "Store", left_id: int, right_id: int) -> tuple[float | None, str]:
    """Score and explanation of a proposed name pair (also once decided, for the history)."""
    rows = store.query(
        "SELECT score, explanation FROM entity_candidates WHERE (left_id = ? AND right_id = ?)"
        " OR (left_id = ? AND right_id = ?)",
        [left_id, right_id, right_id, left_id],
    )
    return (rows[0]["score"], rows[0]["explanation"]) if rows else (None, "")
