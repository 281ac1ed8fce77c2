"""The links export: one row per typed link, with both ends labelled and their articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.export import ExportFilters, ExportTable, iter_query, register
from corpus.export.selection import article_conditions, entity_ids, where

if TYPE_CHECKING:
    from corpus.store import Store

COLUMNS = [
    "link_id", "from_type", "from_id", "from_label", "relation", "to_type", "to_id", "to_label",
    "from_article_id", "to_article_id", "note", "created_at",
]
SUPPORTED = {"search", "source", "since", "until", "tag", "entity", "article_ids"}


def _label(end: str) -> str:
    return f"""CASE l.{end}_type
        WHEN 'claim' THEN (SELECT quote FROM claims WHERE id = l.{end}_id)
        WHEN 'article' THEN (SELECT title FROM articles WHERE id = l.{end}_id)
        WHEN 'entity' THEN (SELECT root.name FROM entities own
            JOIN entities root ON root.id = COALESCE(own.merged_into, own.id) WHERE own.id = l.{end}_id)
        END"""


def _article(end: str) -> str:
    return f"""CASE l.{end}_type
        WHEN 'claim' THEN (SELECT article_id FROM claims WHERE id = l.{end}_id)
        WHEN 'article' THEN l.{end}_id END"""


QUERY = f"""
SELECT * FROM (
    SELECT l.id AS link_id, l.from_type, l.from_id, {_label('from')} AS from_label, l.relation,
        l.to_type, l.to_id, {_label('to')} AS to_label,
        {_article('from')} AS from_article_id, {_article('to')} AS to_article_id, l.note, l.created_at
    FROM links l) AS x"""


def _either_end(sql: str) -> str:
    """Either end of the link satisfies `sql`, written over `{type}` and `{id}` placeholders."""
    return "(" + " OR ".join(sql.format(type=f"x.{end}_type", id=f"x.{end}_id") for end in ("from", "to")) + ")"


def link_conditions(store: "Store", filters: ExportFilters) -> list[tuple[str, list]]:
    conditions = []
    article_filters = article_conditions(store, filters, "a")
    if article_filters:
        clause, params = where(article_filters)
        conditions.append(
            (f"EXISTS (SELECT 1 FROM articles a{clause} AND a.id IN (x.from_article_id, x.to_article_id))", params)
        )
    if filters.tag:
        conditions.append((
            "EXISTS (SELECT 1 FROM all_tags t WHERE t.tag = ? COLLATE NOCASE AND ("
            " (t.item_type = x.from_type AND t.item_id = x.from_id) OR (t.item_type = x.to_type AND t.item_id = x.to_id)"
            " OR (t.item_type = 'article' AND t.item_id IN (x.from_article_id, x.to_article_id))))",
            [filters.tag],
        ))
    if filters.entity:
        ids = entity_ids(store, filters.entity)
        marks = ", ".join("?" for _ in ids)
        speaker = ("({type} = 'claim' AND {id} IN (SELECT c.id FROM claims c JOIN entities e"
                   " ON e.id = c.speaker_entity_id WHERE COALESCE(e.merged_into, e.id) = ?))")
        direct = f"({{type}} = 'entity' AND {{id}} IN ({marks}))"
        conditions.append((_either_end(f"{direct} OR {speaker}"), [*ids, ids[0], *ids, ids[0]]))
    return conditions


@register("links")
def export_links(store: "Store", filters: ExportFilters) -> ExportTable:
    clause, params = where(link_conditions(store, filters))
    return ExportTable(COLUMNS, iter_query(store, f"{QUERY}{clause} ORDER BY x.link_id", params), SUPPORTED)
