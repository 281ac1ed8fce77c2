"""`t`: add tags to an article or a claim (`-tag` removes one), with completion from use."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from corpus import tags
from corpus.items import Item
from corpus.safe_text import one_line
from tui.screens.dialog import Dialog
from tui.targets import Target
from tui.widgets.completing_input import CompletingInput


class TagDialog(Dialog[tuple[list[str], list[str]] | None]):
    """Returns (tags to add, tags to remove)."""

    TITLE_TEXT = "Tag"
    HINT = "enter save · tab complete · -tag removes · esc cancel"

    def __init__(self, target: Target) -> None:
        super().__init__(f"{target.kind} {target.label}")
        self.target = target

    def compose_body(self) -> ComposeResult:
        current = tags.tags_of(self.store, Item(self.target.kind, self.target.id))
        line = Text("Tags: ", style="bold")
        # Derived tags are the corpus's own (e.g. how a claim is attributed): said so, not starred.
        line.append(one_line(", ".join(t.tag + (" (automatic)" if t.origin == "derived" else "") for t in current))
                    or "none")
        yield Static(line)
        yield CompletingInput(self._complete, placeholder="tag, another-tag, -remove", id="tag-input")
        yield Static(self._popular(), id="tag-popular", classes="dim")

    def _complete(self, prefix: str) -> list[str]:
        return [c.tag for c in tags.tag_counts(self.store, prefix, origin="analyst", limit=10)]

    def _popular(self) -> Text:
        counts = tags.tag_counts(self.store, "", origin="analyst", limit=12)
        if not counts:
            return Text("No tags of your own yet in this corpus.", style="italic")
        return Text("Used: " + one_line(", ".join(f"{c.tag} ({c.count})" for c in counts)))

    @on(Input.Submitted, "#tag-input")
    def _save(self, event: Input.Submitted) -> None:
        parts = [p.strip() for p in event.value.split(",") if p.strip()]
        if not parts:
            self.dismiss(None)
            return
        added = [p for p in parts if not p.startswith("-")]
        removed = [p[1:].strip() for p in parts if p.startswith("-") and p[1:].strip()]
        self.dismiss((added, removed))
