"""One module a format, each behind the small interface in `importers.base`.

`choose` picks the importer for an input: `--format` when given, else the file extension,
else the content (standard input and unknown extensions are sniffed).
"""

from __future__ import annotations

from importers.base import (
    ImportOptions,
    Importer,
    Input,
    InputError,
    Item,
    ParsedArticle,
    ReadWarning,
    RecordError,
)
from importers.csvfile import CsvImporter
from importers.decoding import refuse_binary
from importers.feed import FeedImporter
from importers.html import HtmlImporter
from importers.jsonfile import JsonImporter, JsonLinesImporter
from importers.text import MarkdownImporter, TextImporter

# Sniffing order matters: the most recognisable formats first, plain text last.
IMPORTERS: dict[str, Importer] = {
    importer.name: importer
    for importer in (
        FeedImporter(),
        HtmlImporter(),
        JsonLinesImporter(),
        JsonImporter(),
        CsvImporter(),
        MarkdownImporter(),
        TextImporter(),
    )
}
ALIASES = {
    "txt": "text", "md": "markdown", "rss": "feed", "atom": "feed", "xml": "feed", "htm": "html",
    "ndjson": "jsonl", "jsonfeed": "json", "tsv": "csv",
}
FORMAT_NAMES = ("text", "markdown", "html", "feed", "json", "jsonl", "csv")

__all__ = [
    "ALIASES", "FORMAT_NAMES", "IMPORTERS", "ImportOptions", "Importer", "Input", "InputError", "Item",
    "ParsedArticle", "ReadWarning", "RecordError", "choose", "importer_named",
]


def importer_named(name: str) -> Importer:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in IMPORTERS:
        raise InputError(f"unknown format {name!r} (choose {', '.join(FORMAT_NAMES)})")
    return IMPORTERS[key]


def _sniff(source: Input) -> Importer:
    head_bytes = source.head(16384)
    if not head_bytes.strip():
        raise InputError("empty file")
    refuse_binary(head_bytes)
    head = head_bytes.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    for importer in IMPORTERS.values():
        if importer.sniff(head):
            return importer
    return IMPORTERS["text"]


def choose(source: Input, fmt: str | None = None) -> Importer:
    """The importer for an input: the `--format` given, else by extension, else by content."""
    if fmt:
        return importer_named(fmt)
    suffix = source.suffix
    for importer in IMPORTERS.values():
        if suffix in importer.extensions:
            return importer
    return _sniff(source)
