"""Entity changes from the Entities pane: rename, set type, merge, split, and the detail text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from corpus import notes
from corpus.entities import decisions, queries
from corpus.entities.queries import EntityRow
from corpus.entities.types import KNOWN_TYPES
from corpus.items import Item
from corpus.safe_text import one_line
from corpus.wording import noun
from tui.screens.choice_dialog import ChoiceDialog
from tui.screens.prompt_dialog import PromptDialog

if TYPE_CHECKING:
    from tui.app import CorpusApp


def detail_text(store, entity_id: int, reliability: str | None) -> Text:
    detail = queries.entity_detail(store, entity_id, mention_limit=0)
    entity = detail.entity
    text = Text()
    text.append(one_line(entity.name), style="bold")
    text.append(f"  {entity.type}" + (" (set by hand)" if detail.type_source == "analyst" else ""))
    text.append(f" · {entity.mentions} {noun(entity.mentions, 'mention')}"
                f" in {entity.articles} {noun(entity.articles, 'article')}")
    if reliability:
        text.append(f" · reliability {reliability}", style="bold")
    aliases = [f"{a['name']} ({a['mentions']})" for a in detail.aliases]
    if aliases:
        text.append("\nAliases: ", style="bold")
        text.append(one_line(", ".join(aliases), 300))
    if detail.members:
        text.append("\nMerged: ", style="bold")
        text.append(one_line(", ".join(m["name"] for m in detail.members), 200))
    note = notes.get_note(store, Item("entity", entity.id))
    if note:
        text.append("\n✎ " + one_line(note.body, 200), style="italic")
    return text


def rename(app: "CorpusApp", entity: EntityRow) -> None:
    def apply(name: str | None) -> None:
        if name and name != entity.name:
            app.perform(lambda: decisions.rename(app.store, entity.id, name), f"Renamed {entity.name} to {name}")

    app.push_screen(PromptDialog("Rename entity", entity.name, entity.name), apply)


def set_type(app: "CorpusApp", entity: EntityRow) -> None:
    choices = [(t, t) for t in KNOWN_TYPES] + [("auto", "auto: the model's most frequent label")]

    def apply(chosen: str | None) -> None:
        if chosen:
            value = None if chosen == "auto" else chosen
            app.perform(lambda: decisions.set_type(app.store, entity.id, value),
                        f"{entity.name} is now {value or 'typed by the model'}")

    app.push_screen(ChoiceDialog("Entity type", f"{entity.name} (now {entity.type})", choices), apply)


def merge(app: "CorpusApp", entity: EntityRow) -> None:
    from tui.screens.entity_picker import EntityPicker

    def apply(other: tuple[int, str] | None) -> None:
        if other:
            app.perform(lambda: decisions.merge(app.store, entity.id, [other[0]]),
                        f"Merged {other[1]} into {entity.name} (u undoes)")

    app.push_screen(EntityPicker(f"Merge into {entity.name}", exclude=entity.id), apply)


def split(app: "CorpusApp", entity: EntityRow) -> None:
    detail = queries.entity_detail(app.store, entity.id, mention_limit=0)
    if not detail.members:
        app.notify_plain(f"{entity.name} is not merged with anything.", severity="warning")
        return
    choices = [("all", "Split all of them apart")] + [(str(m["id"]), f"Take out {m['name']} ({m['mentions']} mentions)")
                                                     for m in detail.members]

    def apply(chosen: str | None) -> None:
        if chosen:
            member = None if chosen == "all" else int(chosen)
            app.perform(lambda: decisions.split(app.store, entity.id, member), f"Split {entity.name} (u undoes)")

    app.push_screen(ChoiceDialog("Split entity", entity.name, choices), apply)
