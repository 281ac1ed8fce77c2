"""The actions every pane offers (tag, link, annotate, rate): a dialog, then one domain call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus import links, notes, ratings, tags
from corpus.items import Item
from tui.screens.link_dialog import LinkDialog, LinkRequest
from tui.screens.note_dialog import NoteDialog
from tui.screens.rate_dialog import CLEAR, RateDialog
from tui.screens.tag_dialog import TagDialog
from tui.targets import Target

if TYPE_CHECKING:
    from tui.app import CorpusApp


def _item(target: Target) -> Item:
    return Item(target.kind, target.id)


def tag_target(app: "CorpusApp", target: Target) -> None:
    def apply(chosen: tuple[list[str], list[str]] | None) -> None:
        if not chosen:
            return
        added, removed = chosen

        def work() -> str:
            done = []
            if added:
                done.append("tagged " + ", ".join(tags.add_tags(app.store, _item(target), added) or added))
            if removed:
                done.append("removed " + ", ".join(tags.remove_tags(app.store, _item(target), removed) or ["nothing"]))
            return "; ".join(done)

        app.perform(work, lambda summary: f"{target.kind.capitalize()} {target.label}: {summary}")

    app.push_screen(TagDialog(target), apply)


def rate_target(app: "CorpusApp", target: Target) -> None:
    if target.kind == "claim":
        current = ratings.claim_rating(app.store, target.id).credibility
    else:
        current = ratings.reliability_of(app.store, _item(target))

    def apply(grade: str | None) -> None:
        if grade is None:
            return
        value = None if grade == CLEAR else grade
        if target.kind == "claim":
            work = lambda: ratings.set_credibility(app.store, target.id, value)  # noqa: E731
        else:
            work = lambda: ratings.set_reliability(app.store, _item(target), value)  # noqa: E731
        app.perform(work, f"Rated {target.kind} {target.label}: {value or 'cleared'}")

    app.push_screen(RateDialog(target, None if current is None else str(current)), apply)


def annotate_target(app: "CorpusApp", target: Target) -> None:
    existing = notes.get_note(app.store, _item(target))

    def apply(body: str | None) -> None:
        if body is None or body == (existing.body if existing else ""):
            return
        app.perform(lambda: notes.set_note(app.store, _item(target), body or None),
                    f"Note {'saved' if body else 'deleted'} on {target.kind} {target.label}")

    app.push_screen(NoteDialog(target, existing.body if existing else ""), apply)


def link_target(app: "CorpusApp", target: Target) -> None:
    def apply(request: LinkRequest | None) -> None:
        if request is None:
            return
        app.perform(
            lambda: links.add_link(app.store, _item(target), request.relation, request.target, request.note),
            f"Linked {target.kind} {target.label} —{request.relation}→ {request.target}",
        )

    app.push_screen(LinkDialog(target), apply)
