"""The articles export: one row per article with its full provenance and the analyst's marks.

One SQL query streams the rows. Near-duplicates are left out unless asked for
(`--include-duplicates`); when included, `duplicate_of` and `similarity` say what they copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corpus.articles import SearchQueryError, check_query, matching_ids_sql
from corpus.export import ExportError, ExportFilters, ExportTable, iter_query, register
from corpus.export.selection import (
    article_conditions,
    article_entity_condition,
    article_tag_condition,
    listed_join,
    where,
)

if TYPE_CHECKING:
    from corpus.store import Store

COLUMNS = [
    "article_id", "title", "outlet", "url", "canonical_url", "author", "published", "language",
    "origin", "format", "summary_only", "word_count", "duplicate_of", "similarity",
    "analyst_tags", "derived_tags", "note", "imported_at", "updated_at", "import_run", "body",
]
SUPPORTED = {"search", "source", "since", "until", "include_duplicates", "article_ids", "tag", "entity"}

QUERY = """
SELECT a.id AS article_id, a.title, s.name AS outlet, a.url, a.canonical_url, a.author, a.published,
    a.language, a.origin, a.format, a.summary_only, a.word_count, a.duplicate_of,
    a.duplicate_similarity AS similarity,
    (SELECT group_concat(tag, '; ') FROM (
        SELECT tag FROM tags WHERE item_type = 'article' AND item_id = a.id AND origin = 'analyst'
        ORDER BY tag COLLATE NOCASE)) AS analyst_tags,
    (SELECT group_concat(tag, '; ') FROM (
        SELECT tag FROM all_tags WHERE item_type = 'article' AND item_id = a.id AND origin = 'derived'
        ORDER BY tag COLLATE NOCASE)) AS derived_tags,
    (SELECT body FROM notes WHERE item_type = 'article' AND item_id = a.id) AS note,
    a.imported_at, a.updated_at, a.import_run_id AS import_run, a.body
FROM articles a
LEFT JOIN sources s ON s.id = a.source_id"""


def article_export_conditions(store: "Store", filters: ExportFilters) -> list[tuple[str, list[Any]]]:
    # The full-text filter is the one `corpus search` uses, so both accept the same queries.
    others = ExportFilters(**{**filters.__dict__, "search": None})
    conditions = article_conditions(store, others, "a")
    if filters.search:
        try:
            check_query(store, filters.search)
        except SearchQueryError as exc:
            raise ExportError(f"--search: {exc}") from None
        sql, params = matching_ids_sql(filters.search)
        conditions.append((f"a.{sql}", params))
    if not filters.include_duplicates and filters.article_ids is None:
        conditions.append(("a.duplicate_of IS NULL", []))
    if filters.tag:
        conditions.append(article_tag_condition(filters.tag, "a"))
    if filters.entity:
        conditions.append(article_entity_condition(store, filters.entity, "a"))
    return conditions


def articles_query(store: "Store", filters: ExportFilters) -> tuple[str, list[Any]]:
    """An explicit list of articles (the workbench's view) keeps its order; otherwise by id."""
    clause, params = where(article_export_conditions(store, filters))
    if filters.article_ids is None:
        return f"{QUERY}{clause} ORDER BY a.id", params
    join, join_params = listed_join(filters.article_ids, "a.id")
    return f"{QUERY}{join}{clause} ORDER BY listed.key", [*join_params, *params]


@register("articles")
def export_articles(store: "Store", filters: ExportFilters) -> ExportTable:
    sql, params = articles_query(store, filters)
    return ExportTable(COLUMNS, iter_query(store, sql, params), SUPPORTED)
