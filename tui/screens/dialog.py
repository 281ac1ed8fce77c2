"""The frame every small dialog shares: a bordered box, a title, a hint, escape to cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from corpus.safe_text import one_line

if TYPE_CHECKING:
    from tui.app import CorpusApp

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    TITLE_TEXT = ""
    HINT = ""
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]
    AUTO_FOCUS = "*"  # the first field: each dialog lists the one to type in first
    app: "CorpusApp"

    def __init__(self, subject: str = "", *, title: str | None = None, hint: str | None = None) -> None:
        super().__init__()
        self.subject = subject
        self.title_text = title or self.TITLE_TEXT
        self.hint = hint or self.HINT

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            if self.hint:
                box.border_subtitle = self.hint
            if self.subject:
                yield Static(Text(one_line(self.subject, 200), style="bold"), classes="dialog-subject")
            yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        yield from ()

    @property
    def store(self):
        return self.app.store

    def action_cancel(self) -> None:
        self.dismiss(None)
