"""A one-line question: a new name, a type, a relation label."""

from __future__ import annotations

from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from tui.screens.dialog import Dialog
from tui.widgets.completing_input import CompletingInput


class PromptDialog(Dialog[str | None]):
    HINT = "enter save · tab complete · esc cancel"

    def __init__(self, title: str, subject: str, value: str = "", *,
                 complete: Callable[[str], list[str]] | None = None, placeholder: str = "") -> None:
        super().__init__(subject, title=title)
        self.value = value
        self.complete = complete
        self.placeholder = placeholder

    def compose_body(self) -> ComposeResult:
        yield CompletingInput(self.complete or (lambda prefix: []), value=self.value,
                              placeholder=self.placeholder, id="prompt-input")

    @on(Input.Submitted, "#prompt-input")
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
