"""The Entities pane: canonical entities, their aliases and their mentions in context."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from corpus import browse, ratings
from corpus.entities import queries
from corpus.entities.queries import EntityRow, MentionContext
from corpus.items import Item
from corpus.safe_text import one_line
from corpus.wording import noun
from tui import entity_actions
from tui.screens.pane import PaneScreen, shared_bindings
from tui.targets import Target
from tui.widgets.lazy_table import Column, LazyTable
from tui.widgets.wrap import literal

MENTIONS_SHOWN = 100


@dataclass(frozen=True)
class EntityLine:
    entity: EntityRow
    reliability: str | None


class EntitySource:
    """The list's rows: ids listed once (what `e` exports), entities read for the rows drawn."""

    def __init__(self, store, entity_type: str | None, search: str) -> None:
        self.store = store
        self.entity_type = entity_type
        self.search = search or None
        self.ids = browse.entity_ids(store, entity_type, self.search)

    def count(self) -> int:
        return len(self.ids)

    def fetch(self, offset: int, limit: int) -> list[EntityLine]:
        rows = browse.entity_rows(self.store, self.ids[offset:offset + limit])
        return [EntityLine(r, ratings.reliability_of(self.store, Item("entity", r.id))) for r in rows]


COLUMNS = [
    Column("Name", lambda r: r.entity.name, min_width=14),
    Column("Type", lambda r: r.entity.type, width=6),
    Column("Ment", lambda r: str(r.entity.mentions), width=4, justify="right"),
    Column("Art", lambda r: str(r.entity.articles), width=3, justify="right", priority=2),
    Column("Other names", lambda r: ", ".join(a for a in r.entity.aliases if a != r.entity.name), width=16,
           priority=3),
    Column("Rel", lambda r: r.reliability or "", width=3, priority=1),
]


class EntityList(LazyTable):
    HELP_TITLE = "Entity list"


class MentionList(OptionList):
    HELP_TITLE = "Mentions"
    BINDINGS = [
        Binding("enter", "select", "Open in reader", show=False),
        Binding("escape", "leave", "Back to entities", show=False),
    ]

    def action_leave(self) -> None:
        self.screen.query_one(EntityList).focus()


class EntitySearch(Input):
    BINDINGS = [Binding("escape,down,enter", "leave", "Back to list", show=False)]

    def action_leave(self) -> None:
        self.screen.query_one(EntityList).focus()


class EntitiesScreen(PaneScreen):
    PANE = "entities"
    AUTO_FOCUS = "#entity-list"
    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/", id="entities.search"),
        Binding("T", "cycle_type", "Type filter", show=False, id="entities.type_filter"),
        Binding("m", "mentions", "Mentions", id="entities.mentions"),
        Binding("n", "rename", "Rename", id="entities.rename"),
        Binding("y", "set_type", "Set type", id="entities.set_type"),
        Binding("M", "merge", "Merge with…", show=False, id="entities.merge"),
        Binding("S", "split", "Split", show=False, id="entities.split"),
        Binding("f", "articles", "Articles", id="entities.articles"),
        Binding("c", "claims", "Claims by", show=False, id="entities.claims"),
        Binding("v", "review", "Review pairs", show=False, id="entities.review"),
        *shared_bindings(hidden=("tag", "link", "annotate", "export",)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entity_type: str | None = None
        self._timer: Timer | None = None
        self._mentions: list[MentionContext] = []

    def compose_pane(self) -> ComposeResult:
        yield EntitySearch(placeholder="/ search names and aliases", id="entity-search")
        yield Static(id="entities-line")
        with Horizontal(id="entities-body"):
            yield EntityList(COLUMNS, empty_text="No entities yet: names appear after extraction.", id="entity-list")
            with Vertical(id="entity-side"):
                yield Static(id="entity-detail")
                yield MentionList(markup=False, id="entity-mentions")

    @property
    def table(self) -> EntityList:
        return self.query_one(EntityList)

    @property
    def search_text(self) -> str:
        return self.query_one(EntitySearch).value.strip()

    def needs_reload(self) -> bool:
        return self.app.current_entity_id is not None

    def load(self, *, keep_cursor: bool = True) -> None:
        wanted = self.app.current_entity_id
        self.app.current_entity_id = None
        if wanted is not None:
            self._show_only(wanted)
            return
        self.table.set_source(EntitySource(self.store, self.entity_type, self.search_text), keep_cursor=keep_cursor)
        line = Text(no_wrap=True, overflow="ellipsis")
        count = self.table.row_count
        line.append(f"{count:,} {noun(count, 'entity')}", style="bold")
        line.append(f" · type {self.entity_type}" if self.entity_type else " · all types (T cycles)")
        line.append(" · most mentioned first")
        self.query_one("#entities-line", Static).update(line)
        # After the layout settles: the mentions list measures its wrapped entries at its width.
        self.call_after_refresh(lambda: self._show_detail(self.table.current_row))

    def _show_only(self, entity_id: int) -> None:
        """Jump to an entity: search its name, put the cursor on it."""
        entity = queries.get_entity(self.store, entity_id)
        self.entity_type = None
        search = self.query_one(EntitySearch)
        with search.prevent(Input.Changed):
            search.value = entity.name
        self.load(keep_cursor=False)
        ids = self.table.source.ids
        if entity.id in ids:
            self.table.move_to(ids.index(entity.id))

    # Search and filter -------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one(EntitySearch).focus()

    @on(Input.Changed, "#entity-search")
    def _search(self, event: Input.Changed) -> None:
        if self._timer:
            self._timer.stop()
        self._timer = self.set_timer(0.05, lambda: self.load(keep_cursor=False))

    def action_cycle_type(self) -> None:
        types = [None, *(t for t, _ in queries.type_counts(self.store))]
        current = types.index(self.entity_type) if self.entity_type in types else 0
        self.entity_type = types[(current + 1) % len(types)]
        self.load(keep_cursor=False)

    # Details ------------------------------------------------------------------------------------

    @on(LazyTable.Highlighted, "#entity-list")
    def _highlighted(self, event: LazyTable.Highlighted) -> None:
        self._show_detail(event.row)

    @on(LazyTable.Selected, "#entity-list")
    def _selected(self, event: LazyTable.Selected) -> None:
        self.action_mentions()

    def _show_detail(self, line: EntityLine | None) -> None:
        detail = self.query_one("#entity-detail", Static)
        mentions = self.query_one("#entity-mentions", MentionList)
        if line is None:
            detail.update("")
            mentions.set_options([])
            return
        detail.update(entity_actions.detail_text(self.store, line.entity.id, line.reliability))
        self._mentions = queries.mention_contexts(self.store, line.entity.id, limit=MENTIONS_SHOWN)
        options: list[Option | None] = []
        for index, mention in enumerate(self._mentions):
            if options:
                options.append(None)  # a rule between mentions
            options.append(Option(_mention_text(mention), id=str(index)))
        mentions.set_options(options)

    def action_mentions(self) -> None:
        mentions = self.query_one(MentionList)
        if mentions.option_count:
            mentions.focus()
            if mentions.highlighted is None:
                mentions.highlighted = 0

    @on(OptionList.OptionSelected, "#entity-mentions")
    def _open_mention(self, event: OptionList.OptionSelected) -> None:
        mention = self._mentions[int(event.option.id)]
        self.app.open_article(mention.article_id, mention.start)

    # Changes ------------------------------------------------------------------------------------

    def _entity(self) -> EntityRow | None:
        line = self.table.current_row
        if line is None:
            self.app.notify_plain("No entity selected.", severity="warning")
        return line.entity if line else None

    def action_rename(self) -> None:
        if entity := self._entity():
            entity_actions.rename(self.app, entity)

    def action_set_type(self) -> None:
        if entity := self._entity():
            entity_actions.set_type(self.app, entity)

    def action_merge(self) -> None:
        if entity := self._entity():
            entity_actions.merge(self.app, entity)

    def action_split(self) -> None:
        if entity := self._entity():
            entity_actions.split(self.app, entity)

    def action_articles(self) -> None:
        if entity := self._entity():
            self.app.show_articles(browse.ArticleQuery(entity_id=entity.id), entity_name=entity.name)

    def action_claims(self) -> None:
        if entity := self._entity():
            self.app.show_claims(speaker_entity_id=entity.id)

    def action_review(self) -> None:
        self.app.action_pane("review")

    def current_target(self) -> Target | None:
        line = self.table.current_row
        return Target("entity", line.entity.id, one_line(line.entity.name, 60)) if line else None

    def export_request(self):
        """Exactly the entities the list shows (type filter and search), in its order, with the
        counts it shows (mentions in every article, near-duplicate copies included)."""
        from tui.workers import ExportRequest

        ids = self.table.source.ids if self.table.source else []
        label = f"{len(ids):,} {noun(len(ids), 'entity')} of this view with their aliases and counts"
        return ExportRequest(kind="entities", filters={"entity_ids": list(ids), "include_duplicates": True}, label=label)


def _mention_text(mention: MentionContext) -> Text:
    text = Text()
    text.append(one_line(mention.article_title, 70) or "(untitled)", style="bold")
    text.append("\n")
    # Same-length replacements keep the name's offsets right while making the sentence one line.
    sentence = Text(literal(mention.sentence).replace("\n", " "))
    sentence.stylize("reverse", mention.name_start, mention.name_end)
    text.append_text(sentence)
    return text
