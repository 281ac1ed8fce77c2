"""JSON and JSON Lines: lists of article objects, JSON Feed files, one object a line.

JSON Lines files are read line by line, so a file of any size needs little memory, and an
invalid line is reported with its line number while the others still come in. A `.json`
file may be a list of objects, an object holding such a list (`items`, `articles`, `data`…),
one article object, or a JSON Feed (https://jsonfeed.org), which feedparser does not read.
"""

from __future__ import annotations

import json
from typing import Any, Iterator, Mapping

from importers.base import ImportOptions, Input, InputError, Item, RecordError
from importers.decoding import decode, open_text
from importers.fields import DEFAULT_FIELDS, RecordReader

_LIST_KEYS = ("items", "articles", "entries", "data", "results", "posts", "records", "documents", "docs")
_JSON_FEED = "https://jsonfeed.org/version/"


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"


def _is_article(obj: Mapping[str, Any]) -> bool:
    keys = {str(k).lower() for k in obj}
    return bool(keys & set(DEFAULT_FIELDS["body"] + DEFAULT_FIELDS["summary"]))


def _json_feed_defaults(feed: Mapping[str, Any]) -> dict[str, Any]:
    authors = feed.get("authors") or ([feed["author"]] if feed.get("author") else [])
    names = [a.get("name") for a in authors if isinstance(a, Mapping) and a.get("name")]
    return {
        "source": feed.get("title"),
        "language": feed.get("language"),
        "author": ", ".join(names) or None,
    }


class JsonLinesImporter:
    name = "jsonl"
    extensions = (".jsonl", ".ndjson", ".jsonlines")

    def sniff(self, head: str) -> bool:
        lines = [line for line in head.splitlines() if line.strip()]
        if len(lines) < 2 or not lines[0].lstrip().startswith("{"):
            return False
        try:
            return isinstance(json.loads(lines[0]), dict)
        except json.JSONDecodeError:
            return False

    def read(self, source: Input, options: ImportOptions) -> Iterator[Item]:
        reader = RecordReader(self.name, options.field_map)
        with open_text(source) as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                origin = f"{source.name}:{number}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield RecordError(origin, f"invalid JSON ({exc.msg} at column {exc.colno})")
                    continue
                yield reader.article(record, origin)


class JsonImporter:
    name = "json"
    extensions = (".json",)

    def sniff(self, head: str) -> bool:
        return head.startswith(("{", "["))

    def read(self, source: Input, options: ImportOptions) -> Iterator[Item]:
        text = decode(source.read_bytes())
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data":  # one object a line, in a file named .json
                yield from JsonLinesImporter().read(source, options)
                return
            raise InputError(_json_error(exc)) from exc
        yield from self._records(document, source, options)

    def _records(self, document: Any, source: Input, options: ImportOptions) -> Iterator[Item]:
        reader = RecordReader(self.name, options.field_map)
        defaults: dict[str, Any] = {}
        records: Any = None
        if isinstance(document, list):
            records = document
        elif isinstance(document, Mapping):
            if str(document.get("version", "")).startswith(_JSON_FEED):
                records = document.get("items") or []
                defaults = _json_feed_defaults(document)
                reader.format = "jsonfeed"
            else:
                records = next(
                    (document[k] for k in document if str(k).lower() in _LIST_KEYS and isinstance(document[k], list)),
                    None,
                )
                if records is None and (_is_article(document) or options.field_map):
                    records = [document]
        if records is None:
            raise InputError("no articles found: expected a list of objects, an object with an 'items' list, or a JSON Feed")
        if not records:
            raise InputError("the file holds no articles")
        for number, record in enumerate(records, start=1):
            yield reader.article(record, f"{source.name}#{number}", defaults)
