"""`c` (new claim) and `enter` (edit claim): speaker, tags, credibility, verb, stance, note.

The fields are ordered for the common case — who said it, how it is tagged, how credible it
is — so that marking an attributed claim is a handful of keys: `c`, a few letters of the
speaker and `enter`, a tag prefix, `tab` and `enter`, a digit, `ctrl+s`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from corpus import browse, notes, ratings, tags
from corpus.claims import model as claims_model
from corpus.claims.attribution import STANCES, Attribution
from corpus.items import Item
from corpus.safe_text import one_line
from corpus.sentences import Span
from tui.screens.dialog import Dialog
from tui.widgets.completing_input import CompletingInput
from tui.widgets.fuzzy_picker import Choice, FuzzyPicker
from tui.widgets.grade_field import GradeField

REPORTING_VERBS = ["said", "told", "added", "warned", "suggested", "claimed", "confirmed", "denied",
                   "according to", "declined to comment", "stated", "noted", "argued", "insisted",
                   "acknowledged", "reported", "wrote", "announced", "estimated", "predicted"]


@dataclass
class ClaimRequest:
    article_id: int
    start: int
    end: int
    quote: str
    claim_id: int | None = None
    speaker_id: int | None = None
    speaker_name: str = ""
    descriptor: str = ""
    verb: str = ""
    stance: str = ""
    tags: list[str] = field(default_factory=list)
    credibility: int | None = None
    note: str = ""


def new_claim_request(article_id: int, span: Span, text: str) -> ClaimRequest:
    return ClaimRequest(article_id, span.start, span.end, text[span.start:span.end])


def edit_claim_request(store, claim_id: int) -> ClaimRequest:
    claim = claims_model.get_claim(store, claim_id)
    note = notes.get_note(store, Item("claim", claim_id))
    return ClaimRequest(
        claim.article_id, claim.start, claim.end, claim.quote, claim_id=claim.id,
        speaker_id=claim.speaker_entity_id, speaker_name=claim.speaker_name or "",
        descriptor=claim.speaker_descriptor or "", verb=claim.verb or "", stance=claim.stance or "",
        tags=[t.tag for t in tags.tags_of(store, Item("claim", claim_id)) if t.origin == "analyst"],
        credibility=claim.credibility, note=note.body if note else "",
    )


def _split_tags(value: str) -> list[str]:
    return [t.strip() for t in value.split(",") if t.strip()]


class ClaimEditor(Dialog[int | None]):
    """Saves through the domain itself and returns the claim id (None when cancelled)."""

    HINT = "ctrl+s save · tab next field · esc cancel"
    AUTO_FOCUS = "#claim-speaker-picker Input"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save claim", id="claim.save"),
        Binding("ctrl+x", "clear_speaker", "Clear speaker", id="claim.clear_speaker", priority=True),  # over cut
    ]

    def __init__(self, request: ClaimRequest) -> None:
        super().__init__(title=f"Claim #{request.claim_id}" if request.claim_id else "New claim")
        self.request = request
        self.speaker_id = request.speaker_id
        self.speaker_name = request.speaker_name

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="claim-form"):
            yield Static(Text(one_line(self.request.quote, 400), style="italic"), id="claim-quote")
            with Horizontal(classes="field"):
                yield Label("Speaker")
                yield Static(self._speaker_text(), id="claim-speaker")
            yield FuzzyPicker(self._find_speaker, placeholder="type a name, enter picks", collapse=True,
                              id="claim-speaker-picker")
            yield self._field("Tags", CompletingInput(self._complete_tag, value=", ".join(self.request.tags),
                                                      placeholder="tag, tag…  (tab completes)", id="claim-tags"))
            yield self._field("Credibility", GradeField(ratings.CREDIBILITY, _str(self.request.credibility),
                                                        id="claim-credibility"))
            yield self._field("Verb", CompletingInput(lambda p: _starting(REPORTING_VERBS, p), value=self.request.verb,
                                                      placeholder="said, warned, according to…", id="claim-verb"))
            yield self._field("Stance", CompletingInput(lambda p: _starting(list(STANCES), p),
                                                        value=self.request.stance,
                                                        placeholder=", ".join(STANCES), id="claim-stance"))
            yield self._field("Unnamed", Input(self.request.descriptor, placeholder="a source who requested anonymity",
                                               id="claim-descriptor"))
            multi_line = "\n" in self.request.note
            yield self._field("Note", Input(self.request.note.replace("\n", " ") if not multi_line else "",
                                            placeholder="multi-line note: edit it with a" if multi_line else
                                            "short note (a: full note)", disabled=multi_line, id="claim-note"))

    @staticmethod
    def _field(label: str, widget) -> Horizontal:
        return Horizontal(Label(label), widget, classes="field")

    # Speaker --------------------------------------------------------------------------------

    def _speaker_text(self) -> Text:
        if self.speaker_name:
            text = Text(one_line(self.speaker_name), style="bold")
            text.append("  (ctrl+x clears)", style="dim")
            return text
        return Text("none yet", style="dim italic")

    def _find_speaker(self, text: str) -> list[Choice]:
        found = browse.find_entities(self.store, text, article_id=self.request.article_id, limit=6)
        return [Choice(Text(f"{one_line(f.label)}  ", style="bold").append(f.detail, style="dim"), f) for f in found]

    @on(FuzzyPicker.Picked, "#claim-speaker-picker")
    def _speaker_picked(self, event: FuzzyPicker.Picked) -> None:
        self.speaker_id, self.speaker_name = event.choice.value.id, event.choice.value.label
        self.query_one("#claim-speaker", Static).update(self._speaker_text())
        picker = self.query_one(FuzzyPicker)
        with picker.input.prevent(Input.Changed):
            picker.input.value = ""
        self.query_one("#claim-tags").focus()

    def action_clear_speaker(self) -> None:
        self.speaker_id, self.speaker_name = None, ""
        self.query_one("#claim-speaker", Static).update(self._speaker_text())

    def _complete_tag(self, prefix: str) -> list[str]:
        return [c.tag for c in tags.tag_counts(self.store, prefix, origin="analyst", limit=10)]

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id in ("claim-tags", "claim-verb", "claim-stance", "claim-descriptor"):
            event.stop()
            self.focus_next()
        elif event.input.id == "claim-note":
            event.stop()
            self.action_save()

    # Saving ---------------------------------------------------------------------------------

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def action_save(self) -> None:
        grade = self.query_one(GradeField).value
        form = ClaimRequest(
            self.request.article_id, self.request.start, self.request.end, self.request.quote,
            claim_id=self.request.claim_id, speaker_id=self.speaker_id, speaker_name=self.speaker_name,
            descriptor=self._value("#claim-descriptor"), verb=self._value("#claim-verb"),
            stance=self._value("#claim-stance").lower(), tags=_split_tags(self._value("#claim-tags")),
            credibility=int(grade) if grade else None,
            note=self.request.note if self.query_one("#claim-note").disabled else self._value("#claim-note"),
        )
        claim_id = self.app.perform(lambda: save_claim(self.store, self.request, form),
                                    lambda cid: f"Saved claim {cid}.")
        if claim_id is not None:
            self.dismiss(claim_id)


def save_claim(store, before: ClaimRequest, form: ClaimRequest) -> int:
    """Create or update the claim, then its tags and note: each is one entry in the action log."""
    attribution = {
        "speaker_entity_id": form.speaker_id, "speaker_descriptor": form.descriptor or None,
        "verb": form.verb or None, "stance": form.stance or None,
    }
    if form.claim_id is None:
        claim_id = claims_model.create_claim(store, form.article_id, start=form.start, end=form.end,
                                             attribution=Attribution(**attribution), credibility=form.credibility)
    else:
        claim_id = form.claim_id
        old = {"speaker_entity_id": before.speaker_id, "speaker_descriptor": before.descriptor or None,
               "verb": before.verb or None, "stance": before.stance or None}
        changed = {k: v for k, v in attribution.items() if old[k] != v}
        if changed:
            claims_model.attribute_claim(store, claim_id, **changed)
        if form.credibility != before.credibility:
            ratings.set_credibility(store, claim_id, form.credibility)
    item = Item("claim", claim_id)
    new_tags = [t for t in form.tags if t.casefold() not in {b.casefold() for b in before.tags}]
    gone = [t for t in before.tags if t.casefold() not in {f.casefold() for f in form.tags}]
    if new_tags:
        tags.add_tags(store, item, new_tags)
    if gone:
        tags.remove_tags(store, item, gone)
    if form.note != before.note:
        notes.set_note(store, item, form.note or None)
    return claim_id


def _str(value) -> str | None:
    return None if value is None else str(value)


def _starting(words: list[str], prefix: str) -> list[str]:
    return [w for w in words if w.startswith(prefix.lower())]
