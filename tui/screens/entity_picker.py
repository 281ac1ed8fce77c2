"""Pick an entity by a few letters of any of its names."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult

from corpus import browse
from corpus.safe_text import one_line
from tui.screens.dialog import Dialog
from tui.widgets.fuzzy_picker import Choice, FuzzyPicker


class EntityPicker(Dialog[tuple[int, str] | None]):
    HINT = "type to find · ↑↓ · enter choose · esc cancel"

    def __init__(self, title: str, *, exclude: int | None = None, article_id: int | None = None) -> None:
        super().__init__(title=title)
        self.exclude = exclude
        self.article_id = article_id

    def compose_body(self) -> ComposeResult:
        yield FuzzyPicker(self._find, placeholder="name…", id="entity-picker")

    def _find(self, text: str) -> list[Choice]:
        found = browse.find_entities(self.store, text, article_id=self.article_id, exclude=self.exclude)
        return [Choice(Text(one_line(f.label), style="bold").append(f"  {f.detail}", style="dim"), f) for f in found]

    @on(FuzzyPicker.Picked)
    def _picked(self, event: FuzzyPicker.Picked) -> None:
        self.dismiss((event.choice.value.id, event.choice.value.label))
