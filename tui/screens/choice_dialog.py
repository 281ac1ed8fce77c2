"""Pick one of a few options with the arrow keys and enter."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.screens.dialog import Dialog


class ChoiceDialog(Dialog[str | None]):
    HINT = "↑↓ choose · enter confirm · esc cancel"

    def __init__(self, title: str, subject: str, choices: list[tuple[str, Text | str]]) -> None:
        super().__init__(subject, title=title)
        self.choices = choices

    def compose_body(self) -> ComposeResult:
        yield OptionList(*[Option(label if isinstance(label, Text) else Text(label), id=key)
                           for key, label in self.choices], markup=False, id="choices")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
