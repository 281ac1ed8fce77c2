"""Saved web pages: trafilatura finds the article among menus, teasers and footers.

A page where trafilatura finds no article text is reported, never stored empty; a page that
stops before its closing tags (an interrupted download) is reported as truncated rather than
stored as half an article.
"""

from __future__ import annotations

import re
from typing import Iterator

from importers.base import ImportOptions, Input, InputError, Item, ParsedArticle
from importers.dates import normalise_date
from importers.decoding import decode

_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.IGNORECASE)
_OPENS_PAGE = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
_CLOSES_PAGE = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_TITLE_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ")
# A page whose longest line is shorter than this holds links and labels, not an article.
_MIN_PARAGRAPH_WORDS = 8


def _page_language(html: str) -> str | None:
    match = _LANG.search(html[:4096])
    return match.group(1).replace("_", "-").lower() if match else None


def _check_complete(html: str) -> None:
    if _OPENS_PAGE.search(html[:65536]) and not _CLOSES_PAGE.search(html[-65536:]):
        raise InputError("truncated HTML: the page ends before its closing </body> or </html>")


def _strip_site_name(title: str | None, site: str | None) -> str | None:
    """"Berlin confronts … | DW | 19.01.2020" → "Berlin confronts …": the page title's extras go."""
    if not title:
        return title
    for separator in _TITLE_SEPARATORS:
        parts = title.split(separator)
        if len(parts) > 1:
            head = parts[0].strip()
            tail = separator.join(parts[1:]).casefold()
            if len(head) >= 2 * max(len(p.strip()) for p in parts[1:]) or (site and site.casefold() in tail):
                return head
    return title


class HtmlImporter:
    name = "html"
    extensions = (".html", ".htm", ".xhtml", ".shtml", ".mhtml")

    def sniff(self, head: str) -> bool:
        start = head[:2048].lower()
        return start.startswith(("<!doctype html", "<html")) or "<html" in start or "<body" in start

    def read(self, source: Input, options: ImportOptions) -> Iterator[Item]:
        html = decode(source.read_bytes())
        _check_complete(html)
        # Imported on first use: loading trafilatura costs a quarter of a second, which an import
        # of text files (and the import's reader process) need not pay.
        import trafilatura

        try:
            doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
            raise InputError(f"cannot parse the page ({type(exc).__name__}: {exc})") from exc
        text = (getattr(doc, "text", None) or "").strip()
        if not any(len(line.split()) >= _MIN_PARAGRAPH_WORDS for line in text.splitlines()):
            # trafilatura falls back to whatever text a page has, menus included.
            raise InputError("no article text found in the page")
        metadata = {
            key: value
            for key in ("description", "hostname", "categories", "tags", "image", "pagetype")
            if (value := getattr(doc, key, None))
        }
        published = normalise_date(doc.date)
        if doc.date and not published:
            metadata["published_raw"] = doc.date
        yield ParsedArticle(
            text=text,
            origin=source.name,
            format=self.name,
            title=_strip_site_name(doc.title, doc.sitename),
            url=doc.url,
            author=doc.author,
            published=published,
            language=_page_language(html),
            source=doc.sitename or None,
            metadata=metadata,
        )
