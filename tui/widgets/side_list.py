"""The reader's side list: the article's claims and suggested claims, in text order."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class SideEntry:
    key: int  # claim id, or minus the suggestion id
    offset: int  # where it starts in the article
    text: Text


class SideList(OptionList):
    HELP_TITLE = "Claims list"
    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("enter", "select", "Go to claim", show=False),
    ]

    @dataclass
    class Chosen(Message):
        side_list: "SideList"
        offset: int

        @property
        def control(self) -> "SideList":
            return self.side_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.entries: list[SideEntry] = []

    def show(self, entries: list[SideEntry]) -> None:
        self.entries = entries
        options: list[Option | None] = []
        for entry in entries:
            if options:
                options.append(None)  # a rule between entries
            options.append(Option(entry.text, id=str(entry.key)))
        self.set_options(options)
        self.summary = f"Claims {sum(1 for e in entries if e.key > 0)} · suggested {sum(1 for e in entries if e.key < 0)}"

    def mark(self, keys: set[int]) -> None:
        """Highlight the entry under the reader's cursor, without taking focus."""
        for entry in self.entries:
            if entry.key in keys:
                self.highlighted = self.get_option_index(str(entry.key))
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = next(e for e in self.entries if str(e.key) == event.option.id)
        self.post_message(self.Chosen(self, entry.offset))
