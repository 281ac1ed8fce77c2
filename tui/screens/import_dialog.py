"""`i`: import a file or a folder from inside the app; names are extracted right after."""

from __future__ import annotations

import os

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Checkbox, Input, Static

from tui.screens.dialog import Dialog
from tui.widgets.completing_input import CompletingInput
from tui.workers import ImportRequest


def complete_path(prefix: str) -> list[str]:
    """File and folder names that continue what was typed (folders end with /)."""
    expanded = os.path.expanduser(prefix)
    folder, start = os.path.split(expanded)
    try:
        names = sorted(os.listdir(folder or "."))
    except OSError:
        return []
    found = []
    for name in names:
        if name.startswith(start) and (start.startswith(".") or not name.startswith(".")):
            full = os.path.join(folder, name)
            shown = prefix[: len(prefix) - len(start)] + name
            found.append(shown + "/" if os.path.isdir(full) else shown)
    return found[:20]


class ImportDialog(Dialog[ImportRequest | None]):
    TITLE_TEXT = "Import"
    HINT = "tab completes · ctrl+t extraction · enter imports · esc cancel"
    BINDINGS = [Binding("ctrl+t", "toggle_extract", "Extraction on/off", id="import.extract")]

    def compose_body(self) -> ComposeResult:
        yield Static(Text("A file or folder of plain text, Markdown, HTML, RSS/Atom, JSON/JSONL or CSV "
                          "(folders are read recursively; several paths separated by commas)."))
        yield CompletingInput(self._complete, placeholder="~/collected/", id="import-path")
        yield Checkbox("Extract names (spaCy) after importing", True, id="import-extract")

    def action_toggle_extract(self) -> None:
        self.query_one(Checkbox).toggle()

    def _complete(self, prefix: str) -> list[str]:
        return complete_path(prefix)

    @on(Input.Submitted, "#import-path")
    def _import(self, event: Input.Submitted) -> None:
        paths = [os.path.expanduser(p.strip()) for p in event.value.split(",") if p.strip()]
        missing = [p for p in paths if not os.path.exists(p)]
        if not paths or missing:
            self.app.notify_plain(f"{missing[0] if missing else '(empty)'}: no such file or folder", severity="error")
            return
        self.dismiss(ImportRequest(paths, extract=self.query_one(Checkbox).value))
