"""RSS and Atom feeds (feedparser): one article an entry.

An entry's full content is used where the feed carries it; otherwise its summary, and the
article is marked summary-only so the analyst knows the text is not the whole story.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from importers.base import ImportOptions, Input, InputError, Item, ParsedArticle, ReadWarning, RecordError
from importers.dates import normalise_date
from importers.decoding import refuse_binary
from importers.htmltext import field_text

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)


def _content(entry: Any) -> tuple[str, bool]:
    """The entry's text and whether it is only a summary."""
    contents = [field_text(c.get("value") or "") for c in entry.get("content") or []]
    full = max(contents, key=len, default="")
    summary = field_text(entry.get("summary") or "")
    if full.strip() and len(full.strip()) >= len(summary.strip()):
        return full, False
    return summary, True


def _names(entry: Any) -> str | None:
    authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
    return ", ".join(authors) if authors else entry.get("author") or None


def _source(entry: Any, feed: Any) -> str | None:
    origin = entry.get("source") or {}
    return origin.get("title") or feed.get("title") or None


def _lenient_read_error(parsed: Any) -> str | None:
    import feedparser

    exc = parsed.get("bozo_exception")
    if not parsed.get("bozo") or exc is None or isinstance(exc, feedparser.CharacterEncodingOverride):
        return None
    line = getattr(exc, "getLineNumber", lambda: None)()
    where = f" at line {line}" if line else ""
    message = getattr(exc, "getMessage", lambda: str(exc))()
    return f"malformed XML{where} ({message})"


class FeedImporter:
    name = "feed"
    extensions = (".rss", ".atom", ".xml", ".rdf", ".feed")

    def sniff(self, head: str) -> bool:
        return bool(_FEED_ROOT.search(head[:4096]))

    def read(self, source: Input, options: ImportOptions) -> Iterator[Item]:
        data = source.read_bytes()
        if not data.strip():
            raise InputError("empty file")
        refuse_binary(data)
        import feedparser  # on first use, like trafilatura (importers.html)

        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
        problem = _lenient_read_error(parsed)
        if not parsed.entries:
            if problem:
                raise InputError(problem)
            if not parsed.get("version"):
                raise InputError("not an RSS or Atom feed")
            raise InputError("the feed has no entries")
        if problem:
            # feedparser's lenient parser still read entries; say so, and keep what it read.
            yield ReadWarning(source.name, f"{problem}; read {len(parsed.entries)} entries leniently")
        feed = parsed.feed
        for number, entry in enumerate(parsed.entries, start=1):
            yield self._article(entry, feed, f"{source.name}#{number}")

    def _article(self, entry: Any, feed: Any, origin: str) -> Item:
        text, summary_only = _content(entry)
        if not text.strip():
            return RecordError(origin, "the entry has no text")
        raw_date = entry.get("published") or entry.get("updated")
        published = normalise_date(raw_date) or normalise_date(
            entry.get("published_parsed") or entry.get("updated_parsed")
        )
        metadata: dict[str, Any] = {
            "guid": entry.get("id"),
            "tags": [t.get("term") for t in entry.get("tags") or [] if t.get("term")],
            "feed_title": feed.get("title"),
            "feed_link": feed.get("link"),
        }
        if raw_date and not published:
            metadata["published_raw"] = raw_date
        return ParsedArticle(
            text=text,
            origin=origin,
            format=self.name,
            title=field_text(entry.get("title") or "") or None,
            url=entry.get("link"),
            author=_names(entry),
            published=published,
            language=entry.get("language") or feed.get("language"),
            source=_source(entry, feed),
            summary_only=summary_only,
            metadata={k: v for k, v in metadata.items() if v},
        )
