"""Export of annotated sets to CSV or JSON Lines.

Each kind of export (articles, claims, entities, links) is a module in this package that
registers a function returning an `ExportTable`: its column names and a stream of rows.
The writer here is shared, so every export gets the same encoding, formula-injection guard
and formats.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator

if TYPE_CHECKING:
    from corpus.store import Store

FORMATS = ("csv", "jsonl")
ITEM_NOUNS = {"articles": "article", "claims": "claim", "entities": "entity", "links": "link"}  # one row's
# Spreadsheet programs run a cell starting with one of these as a formula (CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """An export that cannot be made as asked (unknown kind, filter it does not support)."""


@dataclass
class ExportFilters:
    search: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    tag: str | None = None
    entity: str | None = None
    credibility: str | None = None
    include_duplicates: bool = False
    article_ids: list[int] | None = None  # an explicit set, e.g. the TUI's current view
    claim_ids: list[int] | None = None  # an explicit set of claims, e.g. the TUI's claims view
    entity_ids: list[int] | None = None  # an explicit list of entities, exported in its order (the TUI's view)

    def given(self) -> set[str]:
        return {k for k, v in self.__dict__.items() if v not in (None, False)}


@dataclass
class ExportTable:
    columns: list[str]
    rows: Iterable[dict[str, Any]]
    supported_filters: set[str] = field(default_factory=set)


ExportFunction = Callable[["Store", ExportFilters], ExportTable]
EXPORTS: dict[str, ExportFunction] = {}


def register(kind: str) -> Callable[[ExportFunction], ExportFunction]:
    def inner(func: ExportFunction) -> ExportFunction:
        EXPORTS[kind] = func
        return func

    return inner


def neutralise_formula(value: Any) -> Any:
    """Prefix a quote to text a spreadsheet would otherwise execute as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    return neutralise_formula(value)


def write_table(table: ExportTable, out: IO[str], fmt: str = "csv", *, excel: bool = False) -> int:
    """Write every row of `table` to a text stream; returns the number of rows written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose {', '.join(FORMATS)})")
    count = 0
    if fmt == "jsonl":
        for row in table.rows:
            out.write(json.dumps({c: row.get(c) for c in table.columns}, ensure_ascii=False, default=str))
            out.write("\n")
            count += 1
        return count
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_csv_cell(row.get(c)) for c in table.columns])
        count += 1
    return count


def build(store: "Store", kind: str, filters: ExportFilters) -> ExportTable:
    _load_kinds()
    if kind not in EXPORTS:
        raise ExportError(f"unknown export {kind!r} (choose {', '.join(sorted(EXPORTS))})")
    table = EXPORTS[kind](store, filters)
    unsupported = filters.given() - table.supported_filters
    if unsupported:
        options = ", ".join(f"--{name.replace('_', '-')}" for name in sorted(unsupported))
        raise ExportError(f"the {kind} export does not take {options}")
    return table


def export_to_path(store: "Store", kind: str, filters: ExportFilters, path: str, fmt: str = "csv",
                   *, excel: bool = False) -> int:
    """Write the export to `path` atomically: a failed export never leaves a half-written file."""
    import os
    import tempfile

    table = build(store, kind, filters)
    directory = os.path.dirname(os.path.abspath(path))
    handle, tmp = tempfile.mkstemp(prefix=".export-", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = write_table(table, out, fmt, excel=excel)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return count


def kinds() -> list[str]:
    _load_kinds()
    return sorted(EXPORTS)


def _load_kinds() -> None:
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


def iter_query(store: "Store", sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
    """Stream rows as dicts without loading the whole result."""
    cursor = store.conn.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(names, values))
