"""A table that never holds more than a few screens of rows.

It knows how many rows there are and asks its data source for the rows it is about to draw,
in blocks that it caches. A 100,000-row list therefore opens as fast as a ten-row one, and
moving the cursor queries the database only when it crosses into an uncached block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, Protocol, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corpus.safe_text import one_line

Row = TypeVar("Row")
BLOCK = 100


class RowSource(Protocol[Row]):
    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int) -> list[Row]: ...


@dataclass(frozen=True)
class Column(Generic[Row]):
    label: str
    get: Callable[[Any], str | Text]
    width: int = 0  # 0: share the remaining width
    min_width: int = 8
    priority: int = 0  # columns with a higher number are dropped first on a narrow screen
    justify: str = "left"


class LazyTable(ScrollView, can_focus=True):
    """Rows drawn on demand from a `RowSource`; a header line stays at the top."""

    DEFAULT_CSS = """
    LazyTable { height: 1fr; background: $surface; overflow-x: hidden; }
    LazyTable > .lazy-table--header { text-style: bold; color: $text-muted; background: $panel; }
    LazyTable > .lazy-table--cursor { background: $block-cursor-blurred-background; }
    LazyTable:focus > .lazy-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    LazyTable > .lazy-table--empty { color: $text-muted; text-style: italic; }
    """
    COMPONENT_CLASSES = {"lazy-table--header", "lazy-table--cursor", "lazy-table--empty"}

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("pagedown,ctrl+d", "page_down", "Page down", show=False),
        Binding("pageup,ctrl+u", "page_up", "Page up", show=False),
        Binding("home,g", "first", "First row", show=False),
        Binding("end,G", "last", "Last row", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        def __init__(self, table: "LazyTable", row: Any | None, index: int) -> None:
            super().__init__()
            self.table = table
            self.row = row
            self.index = index

        @property
        def control(self) -> "LazyTable":
            return self.table

    class Selected(Highlighted):
        pass

    def __init__(self, columns: list[Column], source: RowSource | None = None, *, empty_text: str = "Nothing here.",
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = columns
        self.source = source
        self.empty_text = empty_text
        self.row_count = 0
        self._blocks: dict[int, list[Any]] = {}
        self._strips: dict[tuple[int, bool, int], Strip] = {}
        self._width_cache: dict[int, list[tuple[Column, int]]] = {}

    # Data ---------------------------------------------------------------------------------

    def set_source(self, source: RowSource, *, keep_cursor: bool = False) -> None:
        self.source = source
        self.reload(keep_cursor=keep_cursor)

    def reload(self, *, keep_cursor: bool = True, cursor: int | None = None) -> None:
        """Recount and forget cached rows (after a search, a filter or an edit)."""
        self._blocks.clear()
        self._strips.clear()
        self.row_count = self.source.count() if self.source else 0
        self.virtual_size = Size(self.size.width, self.row_count + 1)
        target = cursor if cursor is not None else (self.cursor if keep_cursor else 0)
        if not keep_cursor and cursor is None:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = self._clamp(target)
        self.refresh()

    def row_at(self, index: int) -> Any | None:
        if not 0 <= index < self.row_count or self.source is None:
            return None
        block, within = divmod(index, BLOCK)
        rows = self._blocks.get(block)
        if rows is None:
            if len(self._blocks) > 50:  # keep memory flat while scrolling a huge list
                self._blocks.clear()
            rows = self._blocks[block] = self.source.fetch(block * BLOCK, BLOCK)
        return rows[within] if within < len(rows) else None

    @property
    def current_row(self) -> Any | None:
        return self.row_at(self.cursor)

    # Cursor -------------------------------------------------------------------------------

    def _clamp(self, index: int) -> int:
        return max(0, min(index, self.row_count - 1)) if self.row_count else 0

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def watch_cursor(self, old: int, new: int) -> None:
        if self._scroll_cursor_into_view():
            self.refresh()
        else:  # only the two rows whose highlight changed are drawn again
            top = round(self.scroll_y)
            for index in {old, new}:
                self.refresh(Region(0, index - top + 1, self.size.width, 1))
        self.post_message(self.Highlighted(self, self.current_row, new))

    def _scroll_cursor_into_view(self) -> bool:
        """Scroll so the cursor row shows; True when the view moved."""
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self._page:
            self.scroll_to(y=self.cursor - self._page + 1, animate=False, immediate=True)
        else:
            return False
        return True

    def move_to(self, index: int) -> None:
        self.cursor = self._clamp(index)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self._page)

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self._page)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.row_count - 1)

    def action_select(self) -> None:
        row = self.current_row
        if row is not None:
            self.post_message(self.Selected(self, row, self.cursor))

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = round(self.scroll_y) + offset.y - 1
        if 0 <= index < self.row_count:
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    def on_focus(self) -> None:
        self._strips.clear()  # the cursor row is drawn differently with and without focus
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.size.width, self.row_count + 1)
        self._scroll_cursor_into_view()

    # Rendering ----------------------------------------------------------------------------

    def _widths(self, total: int) -> list[tuple[Column, int]]:
        cached = self._width_cache.get(total)
        if cached is None:
            cached = self._width_cache[total] = _fit_columns(self.columns, total)
        return cached

    def _line(self, cells: list[tuple[str, int, str]], style: Style, width: int) -> Strip:
        text = " ".join(_fit(value, cell_width, justify) for value, cell_width, justify in cells)
        return Strip([Segment(text, style)]).adjust_cell_length(width, style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = base + self.get_component_rich_style("lazy-table--header")
            return self._line([(c.label, w, c.justify) for c, w in self._widths(width)], header, width)
        if self.row_count == 0:
            if y == 1:
                empty = base + self.get_component_rich_style("lazy-table--empty")
                return Strip([Segment(one_line(self.empty_text, width), empty)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        index = round(self.scroll_y) + y - 1
        key = (index, index == self.cursor, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(index, width, base)
            if len(self._strips) > 400:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def _render_row(self, index: int, width: int, base: Style) -> Strip:
        row = self.row_at(index)
        if row is None:
            return Strip.blank(width, base)
        style = base + self.get_component_rich_style("lazy-table--cursor") if index == self.cursor else base
        cells = [(_plain(column.get(row)), w, column.justify) for column, w in self._widths(width)]
        return self._line(cells, style, width)


def _plain(value) -> str:
    if isinstance(value, Text):
        value = value.plain
    return one_line(str(value)) if value is not None else ""


def _fit(text: str, width: int, justify: str) -> str:
    """`text` in exactly `width` cells: cut with an ellipsis, or padded."""
    size = cell_len(text)
    if size > width:
        text = set_cell_size(text, max(0, width - 1)) + "…" if width > 1 else set_cell_size(text, width)
        size = width
    padding = " " * (width - size)
    return padding + text if justify == "right" else text + padding


def _fit_columns(columns: list[Column], total: int) -> list[tuple[Column, int]]:
    """Column widths for a line of `total` cells, dropping low-priority columns that do not fit."""
    kept = sorted(columns, key=lambda c: c.priority)
    while True:
        fixed = sum(c.width for c in kept if c.width) + len(kept) - 1
        flexible = [c for c in kept if not c.width]
        share = (total - fixed) // max(1, len(flexible))
        if len(kept) == 1 or all(share >= c.min_width for c in flexible) and fixed < total:
            break
        kept = kept[:-1]
    spare = total - fixed - share * len(flexible)
    widths = []
    for column in [c for c in columns if c in kept]:
        width = column.width or share
        if not column.width and spare > 0:
            width, spare = width + spare, 0
        widths.append((column, max(1, width)))
    return widths
