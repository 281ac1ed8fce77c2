"""The entities export: one row per canonical entity, with its other names and counts.

Counts are of mentions in the selected articles (near-duplicate copies left out unless
`--include-duplicates`); with any article filter, entities without a mention there are left out.
An explicit list of entities (the workbench's view) is exported as it is, in its order.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Iterator

from corpus.export import ExportFilters, ExportTable, iter_query, register
from corpus.export.selection import article_conditions, article_tag_condition, entity_ids, listed_join, where

if TYPE_CHECKING:
    from corpus.store import Store

COLUMNS = ["id", "name", "type", "type_source", "aliases", "mentions", "articles", "merged_ids"]
SUPPORTED = {"search", "source", "since", "until", "tag", "entity", "include_duplicates", "article_ids", "entity_ids"}


def _query(store: "Store", filters: ExportFilters) -> tuple[str, list]:
    conditions = article_conditions(store, filters, "a")
    if filters.tag:
        conditions.append(article_tag_condition(filters.tag, "a"))
    if not filters.include_duplicates:
        conditions.append(("a.duplicate_of IS NULL", []))
    selected = bool(set(filters.given()) - {"entity", "entity_ids", "include_duplicates"})
    clause, params = where(conditions)
    listed, entity_clause, order = "", "", "mentions DESC, r.name COLLATE NOCASE, r.id"
    if filters.entity_ids is not None:
        listed, listed_params = listed_join(filters.entity_ids, "r.id")
        params = [*params, *listed_params]
        order = "listed.key"
    if filters.entity:
        entity_clause = " AND r.id = ?"
        params = [*params, entity_ids(store, filters.entity)[0]]
    sql = f"""
        WITH counts AS (
            SELECT COALESCE(own.merged_into, own.id) AS root, COUNT(*) AS mentions,
                   COUNT(DISTINCT m.article_id) AS articles
            FROM mentions m JOIN aliases al ON al.id = m.alias_id JOIN entities own ON own.id = al.entity_id
            JOIN articles a ON a.id = m.article_id{clause}
            GROUP BY root)
        SELECT r.id, r.name, r.type, r.type_source,
               (SELECT json_group_array(name) FROM (
                    SELECT al.name FROM aliases al JOIN entities own ON own.id = al.entity_id
                    WHERE COALESCE(own.merged_into, own.id) = r.id ORDER BY al.name COLLATE NOCASE, al.id)
               ) AS aliases,
               COALESCE(counts.mentions, 0) AS mentions, COALESCE(counts.articles, 0) AS articles,
               (SELECT json_group_array(id) FROM entities WHERE merged_into = r.id) AS merged_ids
        FROM entities r{listed} {'JOIN' if selected else 'LEFT JOIN'} counts ON counts.root = r.id
        WHERE r.merged_into IS NULL{entity_clause}
        ORDER BY {order}"""
    return sql, params


def _rows(store: "Store", sql: str, params: list) -> Iterator[dict]:
    for row in iter_query(store, sql, params):
        aliases = [name for name in json.loads(row["aliases"]) if name != row["name"]]
        yield {**row, "aliases": aliases, "merged_ids": sorted(json.loads(row["merged_ids"]))}


@register("entities")
def entities_export(store: "Store", filters: ExportFilters) -> ExportTable:
    sql, params = _query(store, filters)
    return ExportTable(COLUMNS, _rows(store, sql, params), SUPPORTED)
