"""HTML fragments (feed entries, JSON and CSV fields) to plain text with paragraphs kept.

Whole pages go through trafilatura (`importers.html`), which finds the article among the
menus; a fragment is already the article, so it only needs its markup turned into text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_SKIPPED = frozenset(("script", "style", "noscript", "template", "head", "svg"))
_TAG = re.compile(r"<(?:[a-zA-Z][\w:-]*|/[a-zA-Z][\w:-]*|!--)[^>]*>")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def _break(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.paragraphs.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment: one paragraph per block element, separated by blank lines."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    collector._break()
    return "\n\n".join(collector.paragraphs)


def field_text(value: str) -> str:
    """A text field that may hold HTML or plain text: HTML is converted, plain text kept."""
    return html_to_text(value) if looks_like_html(value) else value
