"""The Claims pane: the claims of the open article or of the whole corpus, edited and linked."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from corpus import browse, links, notes, ratings
from corpus.articles import get_article
from corpus.browse import ClaimQuery, ClaimRow
from corpus.claims import model as claims_model
from corpus.entities import queries
from corpus.items import Item
from corpus.safe_text import one_line
from corpus.wording import noun
from tui.screens.pane import PaneScreen, shared_bindings
from tui.targets import Target
from tui.widgets.lazy_table import Column, LazyTable


class ClaimSource:
    def __init__(self, store, query: ClaimQuery) -> None:
        self.store = store
        self.query = query

    def count(self) -> int:
        return browse.count_claims(self.store, self.query)

    def fetch(self, offset: int, limit: int) -> list[ClaimRow]:
        return browse.claim_window(self.store, self.query, offset, limit)


COLUMNS = [
    Column("#", lambda r: str(r.id), width=5, justify="right"),
    Column("Speaker", lambda r: r.speaker or "—", width=18),
    Column("Verb", lambda r: r.verb or "", width=9, priority=2),
    Column("Code", lambda r: r.code, width=4),
    Column("Quote", lambda r: ("⚠ orphan: " if r.orphan else "") + r.quote, min_width=30),
    Column("Tags", lambda r: ", ".join(r.tags), width=14, priority=3),
    Column("Lk", lambda r: str(r.link_count) if r.link_count else "", width=2, priority=2, justify="right"),
]


class ClaimList(LazyTable):
    HELP_TITLE = "Claims list"


class LinkList(OptionList):
    HELP_TITLE = "Links of the claim"
    BINDINGS = [Binding("enter", "select", "Follow link", show=False), Binding("x", "remove", "Remove link")]

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.screen.remove_link(int(self.get_option_at_index(self.highlighted).id))


class ClaimSearch(Input):
    BINDINGS = [Binding("escape,down,enter", "leave", "Back to list", show=False)]

    def action_leave(self) -> None:
        self.screen.query_one(ClaimList).focus()


class ClaimsScreen(PaneScreen):
    PANE = "claims"
    AUTO_FOCUS = "#claim-list"
    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/", id="claims.search"),
        Binding("o", "toggle_scope", "Article/all", id="claims.scope"),
        Binding("v", "go_to_article", "View in text", id="claims.go"),
        Binding("f", "follow", "Links", id="claims.follow"),
        Binding("d", "delete", "Delete", show=False, id="claims.delete"),
        Binding("x", "clear_filters", "Clear filters", show=False, id="claims.clear"),
        *shared_bindings(hidden=("annotate", "export",)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.claim_query = ClaimQuery()
        self.whole_corpus = False
        self._timer: Timer | None = None

    def compose_pane(self) -> ComposeResult:
        yield ClaimSearch(placeholder="/ search quotes and speakers", id="claim-search")
        yield Static(id="claims-scope")
        yield ClaimList(COLUMNS, empty_text="No claims here yet: mark one in the Reader with c.", id="claim-list")
        yield Static(id="claim-detail")
        yield LinkList(markup=False, id="claim-links")

    @property
    def table(self) -> ClaimList:
        return self.query_one(ClaimList)

    def load(self) -> None:
        if self.app.pending_claim_view is not None:
            self.claim_query = ClaimQuery(**self.app.pending_claim_view)
            self.app.pending_claim_view = None
            self.whole_corpus = True
            self.query_one(ClaimSearch).value = ""
        article_id = None if self.whole_corpus else self.app.current_article_id
        self.claim_query = self.claim_query.with_changes(article_id=article_id)
        self.table.set_source(ClaimSource(self.store, self.claim_query), keep_cursor=True)
        scope = Text(no_wrap=True, overflow="ellipsis")
        count = self.table.row_count
        scope.append(f"{count:,} {noun(count, 'claim')}", style="bold")
        if self.claim_query.speaker_entity_id is not None:
            speaker = queries.get_entity(self.store, self.claim_query.speaker_entity_id)
            scope.append(f" by {one_line(speaker.name)} (x clears)")
        if article_id is None:
            scope.append(" in the whole corpus")
        else:
            article = get_article(self.store, article_id)
            scope.append(f" in article {article_id}: {one_line(article.title if article else '')}")
        self.query_one("#claims-scope", Static).update(scope)
        self._show_detail(self.table.current_row)

    def needs_reload(self) -> bool:
        if self.app.pending_claim_view is not None:
            return True
        return not self.whole_corpus and self.claim_query.article_id != self.app.current_article_id

    def action_toggle_scope(self) -> None:
        self.whole_corpus = not self.whole_corpus
        self.load()

    def action_search(self) -> None:
        self.query_one(ClaimSearch).focus()

    def action_clear_filters(self) -> None:
        self.claim_query = ClaimQuery()
        self.query_one(ClaimSearch).value = ""
        self.load()

    @on(Input.Changed, "#claim-search")
    def _search(self, event: Input.Changed) -> None:
        if self._timer:
            self._timer.stop()
        self._timer = self.set_timer(0.05, lambda: self._apply_search(event.value))

    def _apply_search(self, text: str) -> None:
        self.claim_query = self.claim_query.with_changes(search=text)
        self.load()

    # Details and links ----------------------------------------------------------------------

    @on(LazyTable.Highlighted, "#claim-list")
    def _highlighted(self, event: LazyTable.Highlighted) -> None:
        self._show_detail(event.row)

    def _show_detail(self, row: ClaimRow | None) -> None:
        detail = self.query_one("#claim-detail", Static)
        link_list = self.query_one("#claim-links", LinkList)
        if row is None:
            detail.update("")
            link_list.set_options([])
            return
        claim = claims_model.get_claim(self.store, row.id)
        rating = ratings.claim_rating(self.store, row.id)
        text = Text()
        text.append(f"#{claim.id} ", style="bold")
        text.append(one_line(claim.speaker) or "no speaker", style="bold")
        for part in (claim.verb, claim.stance and f"({claim.stance})", claim.cited_outlet and f"via {claim.cited_outlet}"):
            if part:
                text.append(f" {one_line(part)}")
        text.append(f"  {rating.code or 'unrated'}")
        if rating.hint:
            text.append(f"  {rating.hint}", style="italic")
        if row.tags:
            text.append("  #" + one_line(" #".join(row.tags)), style="italic")
        text.append("\n" + one_line(claim.quote, 600))
        note = notes.get_note(self.store, Item("claim", claim.id))
        if note:
            text.append("\n✎ " + one_line(note.body, 200), style="italic")
        detail.update(text)
        found = links.links_of(self.store, Item("claim", row.id))
        link_list.set_options([Option(Text(one_line(links.describe(self.store, link, Item("claim", row.id)))),
                                      id=str(link.id)) for link in found])
        link_list.display = bool(found)

    def action_follow(self) -> None:
        link_list = self.query_one(LinkList)
        if not link_list.option_count:
            self.app.notify_plain("This claim has no links (l makes one).", severity="information")
            return
        link_list.focus()
        if link_list.highlighted is None:
            link_list.highlighted = 0

    @on(OptionList.OptionSelected, "#claim-links")
    def _follow(self, event: OptionList.OptionSelected) -> None:
        row = self.table.current_row
        link = links.get_link(self.store, int(event.option.id))
        here = Item("claim", row.id)
        other = link.source if link.target == here else link.target
        self.open_item(other)

    def open_item(self, item: Item) -> None:
        if item.type == "claim":
            claim = claims_model.get_claim(self.store, item.id)
            self.whole_corpus = True
            self.load()
            self.claim_query = self.claim_query.with_changes(search="")
            self.query_one(ClaimSearch).value = ""
            position = browse.claim_position(self.store, self.claim_query, claim.id)
            self.table.reload(cursor=position or 0)
            self.table.focus()
        elif item.type == "article":
            self.app.open_article(item.id)
        elif item.type == "entity":
            self.app.show_entity(item.id)

    def remove_link(self, link_id: int) -> None:
        self.app.perform(lambda: links.remove_link(self.store, link_id), "Link removed (u undoes).")

    # Actions ----------------------------------------------------------------------------------

    @on(LazyTable.Selected, "#claim-list")
    def _edit(self, event: LazyTable.Selected) -> None:
        from tui.screens.claim_editor import ClaimEditor, edit_claim_request

        self.app.push_screen(ClaimEditor(edit_claim_request(self.store, event.row.id)))

    def action_go_to_article(self) -> None:
        row = self.table.current_row
        if row is not None:
            claim = claims_model.get_claim(self.store, row.id)
            self.app.open_article(claim.article_id, claim.start)

    def action_delete(self) -> None:
        row = self.table.current_row
        if row is not None:
            self.app.perform(lambda: claims_model.delete_claim(self.store, row.id), f"Deleted claim {row.id} (u undoes).")

    def current_target(self) -> Target | None:
        row: ClaimRow | None = self.table.current_row
        if row is None:
            return None
        article = Target("article", row.article_id, one_line(row.article_title, 60))
        return Target("claim", row.id, f"#{row.id}", article)

    def export_request(self):
        """Exactly the claims the list shows: the scope, the search, the tag and speaker filters."""
        from tui.workers import ExportRequest

        ids = browse.claim_ids(self.store, self.claim_query)
        label = f"{len(ids):,} {noun(len(ids), 'claim')} of this view"
        return ExportRequest(kind="claims", filters={"claim_ids": ids}, label=label)
