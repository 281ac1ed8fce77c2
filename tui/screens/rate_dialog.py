"""`r`: one key rates — a digit 1–6 for a claim's credibility, a letter A–F for the
reliability of an outlet or a speaker (the Admiralty code); `0` or backspace clears."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Static

from corpus import ratings
from tui.screens.dialog import Dialog
from tui.targets import Target

CLEAR = "clear"


class RateDialog(Dialog[str | None]):
    """Returns the grade typed ("B", "2") or CLEAR."""

    TITLE_TEXT = "Rate"

    def __init__(self, target: Target, current: str | None) -> None:
        scale = "1–6" if target.kind == "claim" else "A–F"
        super().__init__(f"{target.kind} {target.label}", hint=f"{scale} rates · 0 clears · esc cancel")
        self.target = target
        self.current = current
        self.credibility = target.kind == "claim"

    def compose_body(self) -> ComposeResult:
        scale = ratings.CREDIBILITY if self.credibility else ratings.RELIABILITY
        text = Text()
        text.append("Credibility of the claim\n" if self.credibility else "Reliability of the source\n", style="bold")
        for grade, meaning in scale.items():
            mark = "▶ " if str(grade) == str(self.current) else "  "
            text.append(f"{mark}{grade}", style="bold")
            text.append(f"  {meaning}\n")
        yield Static(text)

    def on_key(self, event: events.Key) -> None:
        key = (event.character or "").upper()
        valid = {str(g) for g in (ratings.CREDIBILITY if self.credibility else ratings.RELIABILITY)}
        if key in valid:
            event.stop()
            self.dismiss(key)
        elif event.key in ("0", "backspace", "delete"):
            event.stop()
            self.dismiss(CLEAR)
