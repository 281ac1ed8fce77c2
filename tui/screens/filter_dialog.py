"""`f`: narrow the article list by tag, outlet, entity, date range, claims and duplicates."""

from __future__ import annotations

import calendar
import re

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Label

from corpus import browse, tags
from corpus.browse import ArticleQuery
from corpus.items import entity_id_by_name
from tui.screens.dialog import Dialog
from tui.widgets.completing_input import CompletingInput

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class FilterDialog(Dialog[tuple[ArticleQuery, str | None] | None]):
    TITLE_TEXT = "Filter articles"
    HINT = "enter/ctrl+s apply · tab next · ctrl+x clear all · esc cancel"
    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply filters", id="filters.apply"),
        Binding("ctrl+x", "clear", "Clear all filters", id="filters.clear", priority=True),  # over Input's cut
    ]

    def __init__(self, query: ArticleQuery, entity_name: str | None) -> None:
        super().__init__()
        self.current = query
        self.entity_name = entity_name

    def compose_body(self) -> ComposeResult:
        q = self.current
        yield self._row("Tag", CompletingInput(self._tags, value=q.tag or "", placeholder="any tag", id="f-tag"))
        yield self._row("Outlet", CompletingInput(self._outlets, value=q.outlet or "", placeholder="any outlet",
                                                  id="f-outlet"))
        yield self._row("Entity", CompletingInput(self._entities, value=self.entity_name or "",
                                                  placeholder="mentions this entity", id="f-entity"))
        yield self._row("From", Input(q.since or "", placeholder="YYYY-MM-DD", id="f-since"))
        yield self._row("Until", Input(q.until or "", placeholder="YYYY-MM-DD", id="f-until"))
        yield Checkbox("Only articles with claims", q.has_claims, id="f-claims")
        yield Checkbox("Show near-duplicates", q.show_duplicates, id="f-duplicates")

    @staticmethod
    def _row(label: str, widget) -> Horizontal:
        return Horizontal(Label(label), widget, classes="field")

    def _tags(self, prefix: str) -> list[str]:
        return [c.tag for c in tags.tag_counts(self.store, prefix, item_type="article", origin="analyst", limit=10)]

    def _outlets(self, prefix: str) -> list[str]:
        return [name for name, _ in browse.outlets(self.store) if name.casefold().startswith(prefix.casefold())][:10]

    def _entities(self, prefix: str) -> list[str]:
        return [f.label for f in browse.find_entities(self.store, prefix, limit=10)
                if f.label.casefold().startswith(prefix.casefold())]

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    def _text(self, selector: str) -> str | None:
        return self.query_one(selector, Input).value.strip() or None

    def action_apply(self) -> None:
        since, until = self._text("#f-since"), self._text("#f-until")
        for value in (since, until):
            if value and not _DATE.match(value):
                self.app.notify_plain(f"{value}: dates are YYYY, YYYY-MM or YYYY-MM-DD", severity="error")
                return
        entity_name = self._text("#f-entity")
        entity_id = None
        if entity_name:
            entity_id = entity_id_by_name(self.store, entity_name)
            if entity_id is None:
                self.app.notify_plain(f"{entity_name}: no entity by that name", severity="error")
                return
        query = self.current.with_changes(
            tag=self._text("#f-tag"), outlet=self._text("#f-outlet"), entity_id=entity_id,
            since=since, until=_end_of(until),
            has_claims=self.query_one("#f-claims", Checkbox).value,
            show_duplicates=self.query_one("#f-duplicates", Checkbox).value,
        )
        self.dismiss((query, entity_name))

    def action_clear(self) -> None:
        self.dismiss((ArticleQuery(sort=self.current.sort), None))


def _end_of(until: str | None) -> str | None:
    """A month or a year as the last day it covers, so `until 2024-03` includes March."""
    if not until or len(until) == 10:
        return until
    if len(until) == 4:
        return f"{until}-12-31"
    year, month = int(until[:4]), int(until[5:7])
    return f"{until}-{calendar.monthrange(year, month)[1]:02d}"
