"""The reader's text: wrapped article body with highlights, a sentence cursor and a selection.

The text is drawn literally (brackets are text, control characters are shown as symbols),
wrapped by `tui.widgets.wrap` so that every screen line knows its character offsets. The
cursor is a sentence; the selection starts as the cursor's sentence and is grown or shrunk
by token or sentence at either end with the keys below (see `corpus.sentences`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corpus import sentences
from corpus.sentences import Boundaries, Span
from tui.widgets.wrap import literal, wrap

MARK_KINDS = ("person", "org", "place", "other", "claim", "suggestion", "hit")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # one of MARK_KINDS


class ArticleText(ScrollView, can_focus=True):
    HELP_TITLE = "Reader text"
    DEFAULT_CSS = """
    ArticleText { height: 1fr; padding: 0 1; background: $surface; }
    ArticleText > .article-text--person { color: $text-accent; text-style: bold; }
    ArticleText > .article-text--org { color: $text-primary; text-style: bold; }
    ArticleText > .article-text--place { color: $text-success; text-style: bold; }
    ArticleText > .article-text--other { color: $text-warning; }
    ArticleText > .article-text--claim { text-style: underline; background: $success 15%; }
    ArticleText > .article-text--suggestion { background: $warning 12%; }
    ArticleText > .article-text--hit { background: $warning 45%; }
    ArticleText > .article-text--cursor { background: $primary 25%; }
    ArticleText > .article-text--selection { background: $accent 55%; color: $text; }
    """
    COMPONENT_CLASSES = {f"article-text--{k}" for k in (*MARK_KINDS, "cursor", "selection")}

    BINDINGS = [
        Binding("down,j", "next_sentence", "Next sentence", show=False),
        Binding("up,k", "previous_sentence", "Previous sentence", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup,b", "page_up", "Page up", show=False),
        Binding("home,g", "first_sentence", "First sentence", show=False),
        Binding("end,G", "last_sentence", "Last sentence", show=False),
        Binding("v", "select_sentence", "Select", show=False),
        Binding("right_square_bracket,shift+right", "grow_token", "Grow by word", key_display="]"),
        Binding("left_square_bracket,shift+left", "shrink_token", "Shrink by word", show=False),
        Binding("right_curly_bracket,shift+down", "grow_sentence", "Grow by sentence", show=False),
        Binding("left_curly_bracket,shift+up", "shrink_sentence", "Shrink by sentence", show=False),
        Binding("less_than_sign", "grow_start_token", "Start one word earlier", show=False),
        Binding("greater_than_sign", "shrink_start_token", "Start one word later", show=False),
        Binding("left_parenthesis", "grow_start_sentence", "Start one sentence earlier", show=False),
        Binding("right_parenthesis", "shrink_start_sentence", "Start one sentence later", show=False),
        Binding("escape", "clear_selection", "Clear selection", show=False),
    ]

    class CursorMoved(Message):
        """The cursor sentence or the selection changed."""

        def __init__(self, widget: "ArticleText", span: Span) -> None:
            super().__init__()
            self.widget = widget
            self.span = span

        @property
        def control(self) -> "ArticleText":
            return self.widget

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self._shown = ""
        self.bounds = Boundaries("")
        self.marks: list[Mark] = []
        self._mark_starts: list[int] = []
        self.sentence_index = 0
        self.selection: Span | None = None
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrap_width = 0
        self._plain_lines: dict[int, Strip] = {}  # lines drawn without cursor or selection
        self._painted: Span | None = None  # what the cursor or selection covered when last drawn

    # Content ------------------------------------------------------------------------------

    def show(self, text: str, boundaries: Boundaries, marks: list[Mark], cursor_offset: int | None = None) -> None:
        self.text = text
        self._shown = literal(text)
        self.bounds = boundaries
        self.set_marks(marks)
        self.selection = None
        self._painted = None
        self._wrap_width = 0
        self._rewrap()
        self.sentence_index = max(0, boundaries.sentence_index_at(cursor_offset or 0))
        self.scroll_to(y=0, animate=False, immediate=True)
        self._cursor_changed()

    def set_marks(self, marks: list[Mark]) -> None:
        self.marks = sorted(marks, key=lambda m: (m.start, m.end))
        self._mark_starts = [m.start for m in self.marks]
        self._plain_lines.clear()
        self.refresh()

    def _rewrap(self) -> None:
        width = max(10, self.scrollable_content_region.width)
        if width == self._wrap_width:
            return
        self._wrap_width = width
        self._lines = wrap(self._shown, width)
        self._line_starts = [s for s, _ in self._lines]
        self._plain_lines.clear()
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def on_resize(self) -> None:
        self._rewrap()
        self._scroll_into_view()

    # Cursor and selection -----------------------------------------------------------------

    @property
    def cursor_span(self) -> Span | None:
        if not self.bounds.sentences:
            return None
        return self.bounds.sentence(self.sentence_index)

    @property
    def active_span(self) -> Span | None:
        """What `c` would turn into a claim: the selection, or else the cursor's sentence."""
        return self.selection or self.cursor_span

    def move_to_offset(self, offset: int) -> None:
        self.selection = None
        self.sentence_index = max(0, self.bounds.sentence_index_at(offset))
        self._cursor_changed()

    def _move(self, index: int) -> None:
        if not self.bounds.sentences:
            return
        self.selection = None
        self.sentence_index = max(0, min(index, len(self.bounds.sentences) - 1))
        self._cursor_changed()

    def _cursor_changed(self) -> None:
        if self._scroll_into_view():
            self.refresh()
        else:  # only the lines the old and the new cursor cross are drawn again
            for painted in (self._painted, self.active_span):
                if painted is not None:
                    self._refresh_span(painted)
        self._painted = self.active_span
        span = self.active_span
        if span is not None:
            self.post_message(self.CursorMoved(self, span))

    def line_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._line_starts, offset) - 1)

    def _refresh_span(self, span: Span) -> None:
        top = round(self.scroll_y)
        first, last = self.line_of(span.start), self.line_of(max(span.start, span.end - 1))
        self.refresh(Region(0, first - top, self.size.width, last - first + 1))

    def _scroll_into_view(self) -> bool:
        """Scroll so the cursor (or selection) shows; True when the view moved."""
        span = self.active_span
        if span is None or not self._lines:
            return False
        first, last = self.line_of(span.start), self.line_of(max(span.start, span.end - 1))
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if (first < top or height <= last - first) and first != top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height and height > last - first:
            self.scroll_to(y=last - height + 1, animate=False, immediate=True)
        else:
            return False
        return True

    def action_next_sentence(self) -> None:
        self._move(self.sentence_index + 1)

    def action_previous_sentence(self) -> None:
        self._move(self.sentence_index - 1)

    def action_first_sentence(self) -> None:
        self._move(0)

    def action_last_sentence(self) -> None:
        self._move(len(self.bounds.sentences) - 1)

    def _page(self, direction: int) -> None:
        height = self.scrollable_content_region.height
        target_line = max(0, min(len(self._lines) - 1, round(self.scroll_y) + direction * height))
        self.scroll_to(y=target_line, animate=False, immediate=True)
        if self._lines:
            self._move(self.bounds.sentence_index_at(self._lines[target_line][0]))

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _change_selection(self, move: Callable[[Boundaries, Span], Span]) -> None:
        span = self.active_span
        if span is None:
            return
        self.selection = move(self.bounds, span)
        self._cursor_changed()

    def action_select_sentence(self) -> None:
        self.selection = self.cursor_span
        self._cursor_changed()

    def action_grow_token(self) -> None:
        self._change_selection(sentences.grow_end_by_token)

    def action_shrink_token(self) -> None:
        self._change_selection(sentences.shrink_end_by_token)

    def action_grow_sentence(self) -> None:
        self._change_selection(sentences.grow_end_by_sentence)

    def action_shrink_sentence(self) -> None:
        self._change_selection(sentences.shrink_end_by_sentence)

    def action_grow_start_token(self) -> None:
        self._change_selection(sentences.grow_start_by_token)

    def action_shrink_start_token(self) -> None:
        self._change_selection(sentences.shrink_start_by_token)

    def action_grow_start_sentence(self) -> None:
        self._change_selection(sentences.grow_start_by_sentence)

    def action_shrink_start_sentence(self) -> None:
        self._change_selection(sentences.shrink_start_by_sentence)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without a selection, escape is not this widget's: it goes on to the pane (back to the list).
        if action == "clear_selection" and self.selection is None:
            return False
        return True

    def action_clear_selection(self) -> None:
        self.selection = None
        self._cursor_changed()

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._lines:
            return
        line = round(self.scroll_y) + offset.y
        if 0 <= line < len(self._lines):
            start, end = self._lines[line]
            column = 0
            for index in range(start, end):
                column += 1
                if column > offset.x:
                    self.move_to_offset(index)
                    return
            self.move_to_offset(max(start, end - 1))

    # Rendering ----------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"article-text--{name}", partial=True)

    def _overlays(self) -> list[tuple[int, int, Style, bool]]:
        """The cursor or the selection, painted over the cached lines they cross: (start, end,
        style, over the highlights?). The cursor goes under the highlights so they stay
        readable on it; the selection goes over them, so its extent is unmistakable."""
        if self.selection is not None:
            return [(self.selection.start, self.selection.end, self._style("selection"), True)]
        cursor = self.cursor_span
        return [(cursor.start, cursor.end, self._style("cursor"), False)] if cursor else []

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if max(10, width) != self._wrap_width and self._lines:
            # A layout change (the side list appearing) can reach the painter before on_resize:
            # wrap again for the width being painted rather than leave lines cut off.
            self.call_later(self._rewrap)
        base = self.rich_style
        index = round(self.scroll_y) + y
        if index >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[index]
        overlays = [o for o in self._overlays() if o[0] < end and o[1] > start]
        if not overlays:
            strip = self._plain_lines.get(index)
            if strip is None:
                strip = self._plain_lines[index] = self._render(start, end, [], width, base)
            return strip
        return self._render(start, end, overlays, width, base)

    def _render(self, start: int, end: int, overlays: list, width: int, base: Style) -> Strip:
        upto = bisect.bisect_left(self._mark_starts, end)
        marks = [(m.start, m.end, self._style(m.kind)) for m in self.marks[:upto] if m.end > start]
        layers = [o[:3] for o in overlays if not o[3]] + marks + [o[:3] for o in overlays if o[3]]
        cuts = sorted({start, end, *(max(start, min(end, p)) for s, e, _ in layers for p in (s, e))})
        text = self._shown[start:end].rstrip("\n")
        segments = []
        for left, right in zip(cuts, cuts[1:]):
            piece = text[left - start:right - start]
            if not piece:
                continue
            style = base
            for s, e, layer in layers:
                if s < right and e > left:
                    style += layer
            segments.append(Segment(piece, style))
        return Strip(segments).adjust_cell_length(width, base)
