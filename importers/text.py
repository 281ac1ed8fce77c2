"""Plain text and Markdown files: one article a file.

A plain text file is what a scraper or a copy-and-paste saved: the cleaning that follows
finds the title in its first real line. A Markdown file may carry front matter (`title:`,
`url:`, `published:`/`date:`, `source:`, `author:`, `language:`) and its markup is reduced
to text, so that the clean body holds no `#`, `**` or link targets.
"""

from __future__ import annotations

import re
from typing import Iterator

from importers.base import ImportOptions, Input, Item, ParsedArticle
from importers.dates import normalise_date
from importers.decoding import read_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_SETEXT_RULE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+.*$", re.MULTILINE)
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_CODE = re.compile(r"`([^`]+)`")
_QUOTE = re.compile(r"^ {0,3}> ?", re.MULTILINE)
_RULE = re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FIELD_ALIASES = {
    "title": "title", "headline": "title",
    "url": "url", "link": "url", "canonical_url": "url",
    "published": "published", "date": "published", "published_at": "published",
    "source": "source", "outlet": "source", "publisher": "source", "site": "source",
    "author": "author", "byline": "author", "by": "author",
    "language": "language", "lang": "language",
}


class TextImporter:
    name = "text"
    extensions = (".txt", ".text")

    def sniff(self, head: str) -> bool:
        return True  # anything readable as text is at least plain text

    def read(self, source: Input, options: ImportOptions) -> Iterator[Item]:
        yield ParsedArticle(text=read_text(source), origin=source.name, format=self.name)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end():]


def markdown_to_text(markdown: str) -> str:
    """Markdown with its markup reduced to the words a reader sees."""
    text = _HTML_COMMENT.sub("", markdown)
    text = _SETEXT_RULE.sub("", text)
    text = _RULE.sub("", text)
    text = _HEADING.sub(lambda m: f"\n{m.group(1)}\n", text)
    text = _REFERENCE_DEFINITION.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    return _QUOTE.sub("", text)


class MarkdownImporter:
    name = "markdown"
    extensions = (".md", ".markdown", ".mdown", ".mkd")

    def sniff(self, head: str) -> bool:
        return head.startswith("---\n") and "\n---" in head[4:] or bool(re.match(r"#{1,6} \S", head))

    def read(self, source: Input, options: ImportOptions) -> Iterator[Item]:
        original = read_text(source)
        fields, content = _front_matter(original.replace("\r\n", "\n"))
        known = {_FIELD_ALIASES[k]: v for k, v in fields.items() if k in _FIELD_ALIASES and v}
        extra = {k: v for k, v in fields.items() if k not in _FIELD_ALIASES and v}
        published = normalise_date(known.get("published"))
        if known.get("published") and not published:
            extra["published_raw"] = known["published"]
        yield ParsedArticle(
            text=markdown_to_text(content),
            origin=source.name,
            format=self.name,
            title=known.get("title"),
            url=known.get("url"),
            author=known.get("author"),
            published=published,
            language=known.get("language"),
            source=known.get("source"),
            metadata=extra,
            original=original,
        )
