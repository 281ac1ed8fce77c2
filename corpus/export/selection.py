"""SQL conditions for the export filters, shared by the exports of each kind.

Each function returns a list of `(sql, params)` conditions on the given table alias, to be
joined with AND. Bad filter values raise `ExportError` before any file is written.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import TYPE_CHECKING

from corpus.export import ExportError, ExportFilters

if TYPE_CHECKING:
    from corpus.store import Store

Condition = tuple[str, list]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}(:\d{2}(:\d{2})?)?)?)?)?$")


def _date(value: str, option: str) -> str:
    if not _DATE.match(value.strip()):
        raise ExportError(f"--{option} {value!r}: expected a date such as 2024-11-03")
    return value.strip().replace(" ", "T")


def fts_ids_sql(store: "Store", query: str) -> Condition:
    """Article ids matching a full-text query; a malformed query is reported here, not mid-export."""
    try:
        store.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [query]).fetchone()
    except sqlite3.OperationalError as exc:
        raise ExportError(f"--search {query!r}: not a valid full-text query ({exc})") from None
    return "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [query]


def article_conditions(store: "Store", filters: ExportFilters, alias: str = "a") -> list[Condition]:
    """--search, --source, --since, --until and an explicit id list, on articles aliased `alias`."""
    conditions: list[Condition] = []
    if filters.search:
        sql, params = fts_ids_sql(store, filters.search)
        conditions.append((f"{alias}.id IN ({sql})", params))
    if filters.source:
        require_source(store, filters.source)
        conditions.append((
            f"{alias}.source_id IN (SELECT id FROM sources WHERE name = ? COLLATE NOCASE OR CAST(id AS TEXT) = ?)",
            [filters.source, filters.source],
        ))
    if filters.since:
        since = _date(filters.since, "since")
        conditions.append((f"substr({alias}.published, 1, {len(since)}) >= ?", [since]))
    if filters.until:
        until = _date(filters.until, "until")
        conditions.append((f"substr({alias}.published, 1, {len(until)}) <= ?", [until]))
    if filters.article_ids is not None:
        conditions.append((f"{alias}.id IN (SELECT value FROM json_each(?))", [id_list(filters.article_ids)]))
    return conditions


def id_list(ids: list[int]) -> str:
    """An explicit list of ids as one JSON parameter: however long a view is, no limit on SQL
    variables to run into."""
    return json.dumps([int(i) for i in ids])


def listed_join(ids: list[int], column: str) -> tuple[str, list]:
    """A join keeping only the rows whose `column` is in `ids`; `listed.key`, the position in
    the list, orders the export as the list was (the workbench's view)."""
    return f" JOIN json_each(?) AS listed ON listed.value = {column}", [id_list(ids)]


def require_source(store: "Store", source: str) -> None:
    """An unknown outlet is a mistake to report, not an empty export."""
    known = store.scalar("SELECT 1 FROM sources WHERE name = ? COLLATE NOCASE OR CAST(id AS TEXT) = ?",
                         [source, source])
    if known is None:
        from corpus.items import did_you_mean, similar_source_names

        hint = did_you_mean(similar_source_names(store, source))
        raise ExportError(f"--source {source!r}: no outlet of that name or id{hint}")


def article_tag_condition(tag: str, alias: str = "a") -> Condition:
    """Articles carrying a tag, set by the analyst or derived."""
    return (f"{alias}.id IN (SELECT item_id FROM all_tags WHERE item_type = 'article' AND tag = ? COLLATE NOCASE)",
            [tag])


def entity_ids(store: "Store", ref: str) -> list[int]:
    """The entity named by id, name or alias, with the entities merged into it."""
    from corpus.items import ItemError, merged_entities, resolve_item

    try:
        entity = resolve_item(store, f"entity:{ref}", ("entity",))
    except ItemError as exc:
        raise ExportError(f"--entity {ref!r}: {exc}") from None
    return merged_entities(store, entity.id)


def article_entity_condition(store: "Store", ref: str, alias: str = "a") -> Condition:
    """Articles that mention an entity (under any of its names)."""
    root = entity_ids(store, ref)[0]
    return (f"{alias}.id IN (SELECT article_id FROM mention_entities WHERE entity_id = ?)", [root])


def credibility_values(text: str) -> list[int | None]:
    """`2`, `1-2`, `1,3`, or `unrated`, into the credibility values they select."""
    values: list[int | None] = []
    for part in text.replace(" ", "").split(","):
        if part in ("unrated", "none"):
            values.append(None)
            continue
        low, _, high = part.partition("-")
        try:
            first, last = int(low), int(high or low)
        except ValueError:
            raise ExportError(f"--credibility {text!r}: expected 1-6, a range like 1-2, or a list like 1,3") from None
        if not (1 <= first <= 6 and 1 <= last <= 6):
            raise ExportError(f"--credibility {text!r}: credibility runs from 1 to 6")
        if first > last:
            raise ExportError(f"--credibility {text!r}: a range goes from low to high, e.g. {last}-{first}")
        values.extend(range(first, last + 1))
    return values


def credibility_condition(text: str, alias: str = "c") -> Condition:
    values = credibility_values(text)
    numbers = [v for v in values if v is not None]
    parts = []
    if numbers:
        parts.append(f"{alias}.credibility IN ({', '.join('?' for _ in numbers)})")
    if None in values:
        parts.append(f"{alias}.credibility IS NULL")
    return "(" + " OR ".join(parts) + ")", numbers


def where(conditions: list[Condition]) -> tuple[str, list]:
    if not conditions:
        return "", []
    params: list = []
    for _, p in conditions:
        params.extend(p)
    return " WHERE " + " AND ".join(sql for sql, _ in conditions), params
