"""`l`: link the current item to another — pick it by a few letters, then the link type."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from corpus import browse, links
from corpus.items import Item
from corpus.safe_text import one_line
from tui.screens.dialog import Dialog
from tui.targets import Target
from tui.widgets.fuzzy_picker import Choice, FuzzyPicker

# What each kind of item can be linked to, in the order the picker offers them.
LINKABLE = {"claim": ("claim", "entity"), "article": ("article",), "entity": ("entity",)}
PLACEHOLDERS = {"claim": "words of the quote or the speaker…", "entity": "a name…", "article": "words of the title…"}


@dataclass(frozen=True)
class LinkRequest:
    target: Item
    relation: str
    note: str | None


def _choice(found: browse.Found) -> Choice:
    label = Text(one_line(found.label, 90))  # of the kind the line above names: no prefix needed
    if found.detail:
        label.append(f"  {one_line(found.detail)}", style="dim")
    return Choice(label, found)


class LinkDialog(Dialog[LinkRequest | None]):
    TITLE_TEXT = "Link"
    HINT = "type to find · enter choose · esc cancel"
    BINDINGS = [Binding("ctrl+t", "switch_kind", "Claims / entities", id="link.kind")]

    def __init__(self, source: Target) -> None:
        super().__init__(f"from {source.kind} {source.label}")
        self.source = source
        self.kinds = LINKABLE[source.kind]
        self.kind = self.kinds[0]
        self.chosen: browse.Found | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(self._kind_line(), id="link-kind")
        yield FuzzyPicker(self._find, placeholder=PLACEHOLDERS[self.kind], id="link-picker")
        yield Static(id="link-chosen")
        yield OptionList(markup=False, id="link-relations")
        yield Input(placeholder="relation label (e.g. capital of)", id="link-label")
        yield Input(placeholder="optional note, enter saves", id="link-note")

    def on_mount(self) -> None:
        for selector in ("#link-relations", "#link-label", "#link-note"):
            self.query_one(selector).display = False
        self.query_one(FuzzyPicker).focus()

    def _kind_line(self) -> Text:
        text = Text("Link to: ")
        for kind in self.kinds:
            text.append(f" {kind} ", style="reverse bold" if kind == self.kind else "")
        if len(self.kinds) > 1:
            text.append("  ctrl+t switches", style="dim")
        return text

    def _find(self, text: str) -> list[Choice]:
        if self.kind == "entity":
            found = browse.find_entities(self.store, text, exclude=self._own("entity"))
        elif self.kind == "claim":
            found = browse.find_claims(self.store, text, exclude=self._own("claim"))
        else:
            found = browse.find_articles(self.store, text, exclude=self._own("article"))
        return [_choice(f) for f in found]

    def _own(self, kind: str) -> int | None:
        return self.source.id if self.source.kind == kind else None

    def action_switch_kind(self) -> None:
        if len(self.kinds) > 1 and self.chosen is None:
            self.kind = self.kinds[(self.kinds.index(self.kind) + 1) % len(self.kinds)]
            self.query_one("#link-kind", Static).update(self._kind_line())
            picker = self.query_one(FuzzyPicker)
            picker.input.placeholder = PLACEHOLDERS[self.kind]
            picker._refresh_choices(picker.input.value)

    @on(FuzzyPicker.Picked)
    def _picked(self, event: FuzzyPicker.Picked) -> None:
        self.chosen = event.choice.value
        picker = self.query_one(FuzzyPicker)
        picker.display = False
        chosen = Text("→ ", style="bold")
        chosen.append(f"{self.chosen.kind} ")
        chosen.append(one_line(self.chosen.label, 100), style="bold")
        self.query_one("#link-chosen", Static).update(chosen)
        relations = links.RELATIONS.get((self.source.kind, self.chosen.kind))
        if relations is None:
            label = self.query_one("#link-label", Input)
            label.display = True
            label.focus()
        else:
            options = self.query_one("#link-relations", OptionList)
            options.set_options([Option(Text(r), id=r) for r in relations])
            options.display = True
            options.highlighted = 0
            options.focus()

    @on(OptionList.OptionSelected, "#link-relations")
    def _relation(self, event: OptionList.OptionSelected) -> None:
        self.relation = event.option.id
        self._ask_note()

    @on(Input.Submitted, "#link-label")
    def _label(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.relation = event.value
            self._ask_note()

    def _ask_note(self) -> None:
        note = self.query_one("#link-note", Input)
        note.display = True
        note.focus()

    @on(Input.Submitted, "#link-note")
    def _note(self, event: Input.Submitted) -> None:
        self.dismiss(LinkRequest(Item(self.chosen.kind, self.chosen.id), self.relation, event.value.strip() or None))
