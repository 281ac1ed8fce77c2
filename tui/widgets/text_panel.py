"""A fixed-size panel of text that changes often (details under a list, the reader's info line).

Unlike `Static.update`, showing new text here repaints the panel without a layout pass, which
keeps moving a cursor through a long list cheap.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class TextPanel(Widget):
    DEFAULT_CSS = "TextPanel { height: 1; }"

    def __init__(self, *, wrap: bool = False, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = Text()
        self.wrap = wrap

    def show(self, text: Text | str) -> None:
        self._text = text if isinstance(text, Text) else Text(text)
        self.refresh()

    @property
    def text(self) -> Text:
        return self._text

    def render(self) -> Text:
        if self.wrap:
            return self._text
        # One screen line per line of text, cut with an ellipsis.
        width = max(1, self.content_region.width)
        lines = self._text.split("\n", allow_blank=True)
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        return Text("\n").join(lines)
