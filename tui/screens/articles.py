"""The Articles pane: the whole corpus as a list, searched as you type, filtered and sorted."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, Static

from corpus import browse
from corpus.browse import ArticleQuery, ArticleRow, ArticleView
from corpus.safe_text import one_line
from corpus.wording import noun
from tui.screens.pane import PaneScreen, shared_bindings
from tui.targets import Target
from tui.widgets.text_panel import TextPanel
from tui.widgets.lazy_table import Column, LazyTable

# Seconds of typing pause before the list follows the search box: long enough to take a paste
# or a repeating key as one search, far shorter than the gap between typed keys (a search
# typed past is interrupted anyway), since every millisecond here is waited after the last key.
SEARCH_DEBOUNCE = 0.01
SORT_CYCLE = ["newest", "oldest", "title", "outlet", "claims", "imported", "relevance"]


class ArticleSource:
    """The list's rows: ids from a view computed once, columns read for the rows drawn."""

    def __init__(self, store, view: ArticleView) -> None:
        self.store = store
        self.view = view

    @property
    def query(self) -> ArticleQuery:
        return self.view.query

    def count(self) -> int:
        return len(self.view)

    def fetch(self, offset: int, limit: int) -> list[ArticleRow]:
        return self.view.window(self.store, offset, limit)


def _title(row: ArticleRow) -> Text:
    return Text(one_line(row.title) or "(untitled)")


COLUMNS = [
    Column("≈", lambda r: "≈" if r.duplicate_of else "", width=1, min_width=1),
    Column("Title", _title, min_width=40),
    Column("Outlet", lambda r: r.outlet or "", width=14, priority=2),
    Column("Date", lambda r: (r.published or "")[:10], width=10, priority=1),
    Column("Tags", lambda r: ", ".join(r.tags), width=14, priority=3),
    Column("Cl", lambda r: str(r.claim_count) if r.claim_count else "", width=3, priority=2, justify="right"),
]


class ArticleList(LazyTable):
    HELP_TITLE = "Article list"
    BINDINGS = [Binding("enter", "select", "Open")]  # in the footer: the list's first key


class SearchBox(Input):
    BINDINGS = [
        Binding("escape", "leave", "Back to list"),
        Binding("down", "leave", "Back to list", show=False),
        Binding("enter", "leave", "Back to list", show=False),
    ]

    def action_leave(self) -> None:
        self.screen.query_one(ArticleList).focus()


class ArticlesScreen(PaneScreen):
    PANE = "articles"
    AUTO_FOCUS = "#article-list"
    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/", id="articles.search"),
        Binding("f", "filters", "Filter", id="articles.filters"),
        Binding("s", "sort", "Sort", id="articles.sort"),
        Binding("D", "toggle_duplicates", "Duplicates", show=False, id="articles.duplicates"),
        Binding("C", "toggle_has_claims", "Has claims", show=False, id="articles.has_claims"),
        Binding("x", "clear_filters", "Clear filters", show=False, id="articles.clear"),
        *shared_bindings(hidden=("link", "annotate",)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.article_query = ArticleQuery()
        self._search_timer: Timer | None = None
        self._entity_name: str | None = None
        self._search_prepared = False

    def compose_pane(self) -> ComposeResult:
        with Vertical(id="articles-body"):
            yield SearchBox(placeholder="/ search titles and text", id="search")
            yield TextPanel(id="view-line")
            yield Static(id="empty", classes="empty-state")
            yield ArticleList(COLUMNS, empty_text="No article matches this view.", id="article-list")
            yield TextPanel(wrap=True, id="article-detail")

    @property
    def table(self) -> ArticleList:
        return self.query_one(ArticleList)

    # Loading ------------------------------------------------------------------------------

    def needs_reload(self) -> bool:
        return self.app.pending_article_view is not None

    def load(self, *, keep_cursor: bool = True) -> None:
        """Run the current query now (on start and after changes: the cursor stays put)."""
        if self.app.pending_article_view is not None:
            query, entity_name = self.app.pending_article_view
            self.app.pending_article_view = None
            with self.query_one(SearchBox).prevent(Input.Changed):
                self.query_one(SearchBox).value = query.search
            self.article_query = query
            self._entity_name = entity_name
            keep_cursor = False
        try:
            view = self.app.lister.view(self.article_query)
        except browse.BrowseError as exc:
            self.app.notify_plain(f"Search failed: {exc}", severity="error")
            return
        if view is not None:
            self._show(view, keep_cursor=keep_cursor)
        if not self._search_prepared:
            self._search_prepared = True
            self._prepare_search()

    @work(thread=True, group="prepare-search", exit_on_error=False)
    def _prepare_search(self) -> None:
        """Once the list is up: what the first search needs is made ready before anyone types."""
        self.app.lister.prepare_search()

    def refresh_in_background(self) -> None:
        """Relist the current view off the UI thread, the cursor staying on its article (while
        an import adds articles)."""
        self._seen_version = self.app.data_version
        self._compute_view(self.article_query, keep_cursor=True)

    class ViewReady(Message):
        def __init__(self, view: ArticleView, keep_cursor: bool) -> None:
            super().__init__()
            self.view = view
            self.keep_cursor = keep_cursor

    @work(thread=True, exclusive=True, group="article-view", exit_on_error=False)
    def _compute_view(self, query: ArticleQuery, keep_cursor: bool = False) -> None:
        """Searches and filters run off the UI thread (the lister has its own connection):
        typing never waits for a query, and a result that arrives after a newer request is
        dropped."""
        try:
            view = self.app.lister.view(query)
            if view is not None:  # None: interrupted by a newer search
                self.post_message(self.ViewReady(view, keep_cursor))
        except browse.BrowseError as exc:
            self.app.call_from_thread(self.app.notify_plain, f"Search failed: {exc}", severity="error")

    @on(ViewReady)
    def _view_ready(self, message: ViewReady) -> None:
        if message.view.query == self.article_query:
            self._show(message.view, keep_cursor=message.keep_cursor)

    def _show(self, view: ArticleView, *, keep_cursor: bool) -> None:
        self.app.article_view = view
        counts = browse.corpus_counts(self.store)
        empty = counts["articles"] == 0
        self.query_one("#empty").display = empty
        self.table.display = not empty
        if empty:
            self.query_one("#empty", Static).update(_empty_text(str(self.store.path)))
        current: ArticleRow | None = self.table.current_row if keep_cursor else None
        position = view.position(current.id) if current is not None else None
        if position is None:
            self.table.set_source(ArticleSource(self.store, view), keep_cursor=keep_cursor)
        else:  # the same article under the cursor, wherever articles came in or went
            self.table.source = ArticleSource(self.store, view)
            self.table.reload(cursor=position)
        self._show_view_line(counts["articles"])

    def _show_view_line(self, total: int) -> None:
        shown = self.table.row_count
        q = self.article_query
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{shown:,}", style="bold")
        line.append(f" of {total:,} {noun(total, 'article')} · {browse.SORT_LABELS[q.effective_sort]}")
        filters = q.describe(self._entity_name)
        filtered = bool(filters or q.search)
        if not q.show_duplicates:
            filters.append("duplicates hidden")
        for label in filters:
            line.append(" · ")
            line.append(one_line(label), style="bold")
        if filtered:
            line.append(" · x clears", style="dim")
        self.query_one("#view-line", TextPanel).show(line)

    def set_query(self, query: ArticleQuery, *, entity_name: str | None = None) -> None:
        self.article_query = query
        if entity_name is not None or query.entity_id is None:
            self._entity_name = entity_name
        self.app.lister.interrupt()  # a search still running for earlier typing is of no use now
        self._compute_view(query)

    # Search -------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one(SearchBox).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, self._apply_search)

    def _apply_search(self) -> None:
        text = self.query_one(SearchBox).value
        if text != self.article_query.search:
            self.set_query(self.article_query.with_changes(search=text))

    # Filters and sort -----------------------------------------------------------------------

    def action_sort(self) -> None:
        q = self.article_query
        order = [s for s in SORT_CYCLE if s != "relevance" or browse.fts_query(q.search)]
        current = q.effective_sort
        following = order[(order.index(current) + 1) % len(order)] if current in order else order[0]
        self.set_query(q.with_changes(sort=following))

    def action_toggle_duplicates(self) -> None:
        self.set_query(self.article_query.with_changes(show_duplicates=not self.article_query.show_duplicates))

    def action_toggle_has_claims(self) -> None:
        self.set_query(self.article_query.with_changes(has_claims=not self.article_query.has_claims))

    def action_clear_filters(self) -> None:
        self.query_one(SearchBox).value = ""
        self.set_query(ArticleQuery(sort=self.article_query.sort))

    def action_filters(self) -> None:
        from tui.screens.filter_dialog import FilterDialog

        self.app.push_screen(FilterDialog(self.article_query, self._entity_name), self._filters_chosen)

    def _filters_chosen(self, chosen) -> None:
        if chosen is not None:
            query, entity_name = chosen
            self.set_query(query.with_changes(search=self.article_query.search), entity_name=entity_name)

    # Rows -----------------------------------------------------------------------------------

    @on(LazyTable.Highlighted, "#article-list")
    def _highlighted(self, event: LazyTable.Highlighted) -> None:
        detail = self.query_one("#article-detail", TextPanel)
        row: ArticleRow | None = event.row
        if row is None:
            detail.show("")
            return
        detail.show(_detail_text(self.store, row, self.article_query.search, detail.size.width - 2))

    @on(LazyTable.Selected, "#article-list")
    def _selected(self, event: LazyTable.Selected) -> None:
        self.app.open_article(event.row.id)

    def current_target(self) -> Target | None:
        row: ArticleRow | None = self.table.current_row
        if row is None:
            return None
        source = browse.article_source(self.store, row.id)
        parent = Target("source", source[0], source[1]) if source else None
        return Target("article", row.id, one_line(row.title, 60), parent)

    def export_request(self):
        from tui.workers import ExportRequest

        ids = list(self.app.article_view.ids)
        label = f"{len(ids):,} {noun(len(ids), 'article')} of this view"
        return ExportRequest(kind="articles", article_ids=ids, label=label)


def _detail_text(store, row: ArticleRow, search: str, width: int) -> Text:
    text = Text(no_wrap=False, overflow="ellipsis")
    meta = [m for m in (row.outlet, (row.published or "")[:10], browse.article_url(store, row.id)) if m]
    if row.duplicate_of:
        meta.insert(0, f"≈ near-duplicate of #{row.duplicate_of}")
    text.append(one_line(" · ".join(meta), max(20, width)), style="bold")
    text.append("\n")
    snippet = browse.article_snippet(store, row.id, search)
    for part, hit in snippet:
        text.append(part, style="reverse" if hit else "")
    return text


def _empty_text(path: str) -> Text:
    text = Text()
    text.append("This corpus has no articles yet.\n\n", style="bold")
    text.append("Press ")
    text.append("i", style="bold reverse")
    text.append(" to import a file or a folder (plain text, HTML, RSS/Atom, JSON/JSONL, CSV).")
    text.append(" Names are extracted right after the import.\n\nOr, in a shell:\n\n")
    text.append(f"    corpus --db {path} import PATH --extract\n", style="bold")
    return text
