"""`a`: a multi-line note on an article, a claim or an entity; ctrl+o edits it in $EDITOR."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile

from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.widgets import TextArea

from tui.screens.dialog import Dialog
from tui.targets import Target


class NoteDialog(Dialog[str | None]):
    """Returns the note text ("" deletes the note), or None when cancelled."""

    TITLE_TEXT = "Note"
    HINT = "ctrl+s save · ctrl+o $EDITOR · esc cancel"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("ctrl+o", "external_editor", "Edit in $EDITOR", id="note.editor"),
    ]

    def __init__(self, target: Target, current: str) -> None:
        super().__init__(f"{target.kind} {target.label}")
        self.current = current

    def compose_body(self) -> ComposeResult:
        yield TextArea(self.current, id="note-text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_external_editor(self) -> None:
        area = self.query_one(TextArea)
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            with self.app.suspend():
                area.text = edit_externally(area.text, editor)
        except SuspendNotSupported:
            self.app.notify_plain("This terminal cannot hand over to an editor; edit the note here.",
                                  severity="warning")
        except EditorFailed as exc:
            self.app.notify_plain(f"{exc}; the note is unchanged.", severity="error")


class EditorFailed(Exception):
    """The external editor could not be run, or exited with an error."""


def edit_externally(text: str, editor: str) -> str:
    """Let `editor` (a command line, as in $EDITOR) change `text`; returns what it saved."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        # A text file ends with a newline, as editors expect: a line added goes on a line of its own.
        handle.write(text if not text or text.endswith("\n") else text + "\n")
        path = handle.name
    try:
        try:
            result = subprocess.run([*shlex.split(editor), path], check=False)
        except OSError as exc:
            raise EditorFailed(f"cannot run {editor}: {exc.strerror or exc}") from exc
        if result.returncode != 0:
            raise EditorFailed(f"{editor} exited with code {result.returncode}")
        with open(path, encoding="utf-8") as edited:
            return edited.read().rstrip("\n")
    finally:
        os.unlink(path)
