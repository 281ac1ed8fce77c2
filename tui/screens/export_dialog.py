"""`e`: export what the pane shows to a CSV file, in the background."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from corpus.safe_text import one_line
from tui.screens.dialog import Dialog
from tui.workers import ExportRequest


def default_path(kind: str) -> str:
    return os.path.abspath(f"corpus-{kind}-{date.today().isoformat()}.csv")


class ExportDialog(Dialog[ExportRequest | None]):
    TITLE_TEXT = "Export to CSV"
    HINT = "enter export · esc cancel"

    def __init__(self, request: ExportRequest) -> None:
        super().__init__()
        self.request = request

    def compose_body(self) -> ComposeResult:
        yield Static(Text("Export " + one_line(self.request.label), style="bold"))
        yield Input(self.request.path or default_path(self.request.kind), id="export-path")
        yield Static(Text("Cells starting with = + - @ are prefixed with ' so spreadsheets do not run them.",
                          style="dim"))

    @on(Input.Submitted, "#export-path")
    def _export(self, event: Input.Submitted) -> None:
        path = os.path.expanduser(event.value.strip())
        directory = os.path.dirname(os.path.abspath(path)) if path else ""
        if not path or not os.path.isdir(directory):
            self.app.notify_plain(f"{path or '(empty)'}: no such folder to write into", severity="error")
            return
        self.dismiss(replace(self.request, path=path))
