"""Records (JSON objects, CSV rows) to articles: default field names and `--map field=column`.

Each article field has a list of names it is commonly found under; the first one a record
has wins. `--map body=article_text` names the column for inputs that use other names; for
JSON a dotted path reaches into nested objects (`--map source=publisher.name`). Fields
nobody asked for are kept in the article's metadata.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from importers.base import ParsedArticle, RecordError
from importers.dates import normalise_date
from importers.htmltext import field_text

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name", "subject"),
    "body": (
        "body", "text", "content", "content_text", "content_html", "article", "article_text",
        "full_text", "fulltext", "maintext", "story", "html",
    ),
    "summary": ("summary", "description", "abstract", "excerpt", "lead", "teaser", "snippet"),
    "url": ("url", "link", "href", "permalink", "external_url", "canonical_url", "source_url"),
    "published": (
        "published", "date", "date_published", "published_at", "publish_date", "publication_date",
        "pubdate", "pub_date", "datetime", "created_at", "created", "time", "timestamp",
    ),
    "source": ("source", "outlet", "publisher", "publication", "site", "site_name", "sitename", "media"),
    "author": ("author", "authors", "byline", "creator", "by", "writer"),
    "language": ("language", "lang", "locale"),
}
FIELDS = tuple(DEFAULT_FIELDS)
_MAX_METADATA_VALUE = 2000


class FieldMapError(ValueError):
    """A `--map` option that names no article field."""


def parse_field_map(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """`["body=article_text", "title=Headline"]` → `{"body": "article_text", "title": "Headline"}`."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip().lower()
        if not sep or not column.strip():
            raise FieldMapError(f"--map {pair!r}: expected FIELD=COLUMN, e.g. body=article_text")
        if field not in DEFAULT_FIELDS:
            raise FieldMapError(f"--map {pair!r}: unknown field {field!r} (fields: {', '.join(FIELDS)})")
        mapping[field] = column.strip()
    return mapping


def _normal_key(key: str) -> str:
    return re.sub(r"[\s-]+", "_", str(key).strip().lower())


def _lookup(record: Mapping[str, Any], path: str) -> tuple[Any, str | None]:
    """The value at a (possibly dotted) field name, matched case-insensitively; and the key used."""
    keys = {_normal_key(k): k for k in record}
    wanted = _normal_key(path)
    if wanted in keys:
        return record[keys[wanted]], keys[wanted]
    head, dot, rest = path.partition(".")
    if dot and _normal_key(head) in keys:
        inner = record[keys[_normal_key(head)]]
        if isinstance(inner, Mapping):
            value, _ = _lookup(inner, rest)
            return value, keys[_normal_key(head)]
    return None, None


def _as_text(value: Any, joiner: str = ", ") -> str | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("title") or value.get("value") or value.get("url")
        return _as_text(value)
    if isinstance(value, (list, tuple)):
        parts = [_as_text(v) for v in value]
        return joiner.join(p for p in parts if p) or None
    text = str(value).strip()
    return text or None


class RecordReader:
    """Turns the records of one input into articles, resolving field names once per input."""

    def __init__(self, fmt: str, field_map: Mapping[str, str] | None = None):
        self.format = fmt
        self.field_map = dict(field_map or {})
        # Records of one input nearly always share their keys: resolve them once per key set.
        self._columns: dict[tuple, dict[str, str | None]] = {}

    def columns_for(self, record: Mapping[str, Any]) -> dict[str, str | None]:
        """Which name feeds each article field (None: the record has none)."""
        shape = tuple(record)
        found = self._columns.get(shape)
        if found is None:
            found = {}
            for field, names in DEFAULT_FIELDS.items():
                candidates = (self.field_map[field],) if field in self.field_map else names
                found[field] = next((c for c in candidates if _lookup(record, c)[1] is not None), None)
            if len(self._columns) > 256:
                self._columns.clear()
            self._columns[shape] = found
        return found

    def article(self, record: Mapping[str, Any], origin: str, defaults: Mapping[str, Any] | None = None) -> ParsedArticle | RecordError:
        if not isinstance(record, Mapping):
            return RecordError(origin, f"expected an object with article fields, found {type(record).__name__}")
        columns = self.columns_for(record)
        values: dict[str, Any] = {}
        used: set[str] = set()
        for field, column in columns.items():
            if column is not None:
                values[field], key = _lookup(record, column)
                used.add(key)
        body = _as_text(values.get("body"), "\n\n")
        summary = _as_text(values.get("summary"), "\n\n")
        if not body and not summary:
            wanted = self.field_map.get("body") or ", ".join(DEFAULT_FIELDS["body"][:4]) + ", …"
            return RecordError(origin, f"no article text (no non-empty field {wanted}; use --map body=FIELD)")
        raw_date = values.get("published")
        published = normalise_date(raw_date)
        metadata = {
            str(k): v for k, v in record.items()
            if k not in used and v not in (None, "", [], {}) and len(str(v)) <= _MAX_METADATA_VALUE
        }
        if raw_date not in (None, "") and not published:
            metadata["published_raw"] = raw_date
        if body and summary:
            metadata.setdefault("summary", field_text(summary))
        defaults = defaults or {}
        return ParsedArticle(
            text=field_text(body or summary or ""),
            origin=origin,
            format=self.format,
            title=field_text(_as_text(values.get("title")) or "") or None,
            url=_as_text(values.get("url")),
            author=_as_text(values.get("author")) or defaults.get("author"),
            published=published,
            language=_as_text(values.get("language")) or defaults.get("language"),
            source=_as_text(values.get("source")) or defaults.get("source"),
            summary_only=not body,
            metadata=metadata,
        )
