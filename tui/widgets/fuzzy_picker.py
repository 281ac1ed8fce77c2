"""Type a few letters, see the best matches, pick one with enter.

The list follows the typing; up and down move through it while the cursor stays in the
input, so picking the top match of "yo" is three keys: `y`, `o`, `enter`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class Choice:
    label: Text
    value: Any


class PickerInput(Input):
    BINDINGS = [
        Binding("down", "move(1)", "Next match", show=False),
        Binding("up", "move(-1)", "Previous match", show=False),
    ]

    def action_move(self, step: int) -> None:
        options = self.parent.query_one(OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(options.option_count - 1, current + step))


class FuzzyPicker(Vertical):
    """An input over a list of choices; `Picked` carries the chosen value (or the typed text)."""

    DEFAULT_CSS = """
    FuzzyPicker { height: auto; }
    FuzzyPicker > OptionList { height: auto; max-height: 6; border: none; padding: 0; }

    """

    @dataclass
    class Picked(Message):
        picker: "FuzzyPicker"
        choice: Choice | None
        typed: str

        @property
        def control(self) -> "FuzzyPicker":
            return self.picker

    def __init__(self, find: Callable[[str], list[Choice]], *, placeholder: str = "", value: str = "",
                 allow_free_text: bool = False, collapse: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, classes="-collapse" if collapse else None)
        self.find = find
        self.placeholder = placeholder
        self.initial = value
        self.allow_free_text = allow_free_text
        self.choices: list[Choice] = []

    def compose(self) -> ComposeResult:
        yield PickerInput(value=self.initial, placeholder=self.placeholder)
        choices = OptionList(markup=False)
        choices.can_focus = False  # the input keeps the focus; up and down move the highlight
        yield choices

    def on_mount(self) -> None:
        self._refresh_choices(self.initial)
        if self.has_class("-collapse"):
            self.query_one(OptionList).display = False

    def on_descendant_focus(self) -> None:
        self.query_one(OptionList).display = True

    def on_descendant_blur(self) -> None:
        if self.has_class("-collapse"):
            self.query_one(OptionList).display = False

    @property
    def input(self) -> PickerInput:
        return self.query_one(PickerInput)

    def focus(self, scroll_visible: bool = True) -> "FuzzyPicker":
        self.input.focus(scroll_visible)
        return self

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refresh_choices(event.value)

    def _refresh_choices(self, text: str) -> None:
        self.choices = self.find(text)
        options = self.query_one(OptionList)
        options.set_options([Option(choice.label) for choice in self.choices])
        if self.choices:
            options.highlighted = 0

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        chosen = self.choices[options.highlighted] if self.choices and options.highlighted is not None else None
        if chosen is None and not (self.allow_free_text and event.value.strip()):
            self.app.bell()
            return
        self.post_message(self.Picked(self, chosen, event.value))

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(self, self.choices[event.option_index], self.input.value))
