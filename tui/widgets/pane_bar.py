"""The line at the top of every pane: the panes with their keys, and background work."""

from __future__ import annotations

from rich.text import Text
from textual.events import Click
from textual.reactive import reactive
from textual.widget import Widget

PANES = [
    ("articles", "1", "Articles"),
    ("reader", "2", "Reader"),
    ("entities", "3", "Entities"),
    ("claims", "4", "Claims"),
    ("review", "5", "Review"),
]


class PaneBar(Widget):
    """Shows which pane is active; a click on a pane name switches to it."""

    DEFAULT_CSS = """
    PaneBar { height: 1; background: $panel; color: $text-muted; }
    """

    task_status: reactive[str] = reactive("", layout=False)

    def __init__(self, active: str) -> None:
        super().__init__()
        self.active = active
        self._hits: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.watch(self.app, "task_status", self._task_changed, init=True)

    def _task_changed(self, status: str) -> None:
        self.task_status = status

    def render(self) -> Text:
        # Pane names shrink, and go, before the status does: progress is worth more than names.
        for level in ("full", "short", "keys"):
            line = self._panes(level)
            room = self.size.width - line.cell_len - 2
            status = self.task_status or next(
                (h for h in ("u undo  ? keys  ^p actions", "u undo  ? keys") if len(h) <= room), "? keys")
            if len(status) <= room or level == "keys":
                break
        if room > 8:
            status = status if len(status) <= room else status[: room - 1] + "…"
            line.append(" " * (room - len(status) + 1))
            line.append(status, style="bold" if self.task_status else "")
        return line

    def _panes(self, level: str) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(" corpus ", style="bold")
        self._hits.clear()
        for name, key, label in PANES:
            start = line.cell_len
            line.append(" ")
            line.append(key, style="bold")
            if name == self.active or level == "full":
                line.append(f" {label} ")
            elif level == "short":
                line.append(f" {label[:4]} ")
            else:
                line.append(" ")
            if name == self.active:
                line.stylize("reverse bold", start, line.cell_len)
            self._hits.append((start, line.cell_len, name))
        return line

    def on_click(self, event: Click) -> None:
        for start, end, name in self._hits:
            if start <= event.x < end:
                self.app.run_action(f"pane('{name}')")
