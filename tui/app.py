"""The workbench application: five panes, global keys, background work, undo and redo.

Threading: the app's `Store` (one SQLite connection) is used only on the UI thread. Each
background worker (import, extraction, export) opens its own `Store` on the same file: SQLite
connections must not be shared between threads without serialising every call, and with WAL
the UI keeps reading while a worker writes (the busy timeout queues the rare concurrent
writes). The one exception is the article lister, a read-only connection opened with
`check_same_thread=False` that search workers share behind its lock, because it keeps the
corpus's date order in memory between searches. Workers report by posting messages; they
never touch widgets.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from corpus import actions
from corpus.browse import ArticleLister, ArticleQuery, ArticleView
from corpus.store import Store
from tui.commands import CorpusCommands
from tui.messages import ArticlesStored, TaskFailed, TaskFinished, TaskProgress
from tui.screens.articles import ArticlesScreen
from tui.screens.help import HelpScreen

T = TypeVar("T")


class CorpusApp(App):
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute, so subclasses elsewhere find it too
    TITLE = "corpus"
    # Panes other than the first are imported when first shown: the list appears sooner.
    MODES = {
        "articles": ArticlesScreen,
        "reader": lambda: _pane("reader", "ReaderScreen"),
        "entities": lambda: _pane("entities", "EntitiesScreen"),
        "claims": lambda: _pane("claims", "ClaimsScreen"),
        "review": lambda: _pane("review", "ReviewScreen"),
    }
    DEFAULT_MODE = "articles"
    COMMANDS = App.COMMANDS | {CorpusCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    NOTIFICATION_TIMEOUT = 6

    BINDINGS = [
        Binding("1", "pane('articles')", "Articles", show=False, id="pane.articles"),
        Binding("2", "pane('reader')", "Reader", show=False, id="pane.reader"),
        Binding("3", "pane('entities')", "Entities", show=False, id="pane.entities"),
        Binding("4", "pane('claims')", "Claims", show=False, id="pane.claims"),
        Binding("5", "pane('review')", "Review", show=False, id="pane.review"),
        Binding("u", "undo", "Undo", show=False, id="undo"),
        Binding("ctrl+r", "redo", "Redo", show=False, id="redo"),
        Binding("i", "import_path", "Import", show=False, id="import"),
        # Shown on the pane bar rather than in the footer, so they stay visible at any width.
        Binding("question_mark", "help", "Help", key_display="?", show=False, id="help"),
        Binding("q", "quit", "Quit", show=False, id="quit"),
    ]

    data_version: reactive[int] = reactive(0)
    task_status: reactive[str] = reactive("")

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._lister: ArticleLister | None = None
        self.current_article_id: int | None = None
        self.reader_offset: int | None = None  # where the reader should put its cursor next
        self.current_entity_id: int | None = None
        # Views requested by another pane, applied by the target pane when it is next shown.
        self.pending_article_view: tuple[ArticleQuery, str | None] | None = None
        self.pending_claim_view: dict | None = None
        # The Articles pane's current list, for next/previous in the reader and for export.
        self.article_view = ArticleView(ArticleQuery(), [])

    @property
    def lister(self) -> ArticleLister:
        """The article list's queries, on a connection of their own that searches may use
        from a worker thread (the lister serialises its use with a lock)."""
        if self._lister is None:
            self._lister = ArticleLister(Store(self.store.path, check_same_thread=False))
        return self._lister

    def on_unmount(self) -> None:
        if self._lister is not None:
            self._lister.store.close()

    # Panes ------------------------------------------------------------------------------

    def action_pane(self, name: str) -> None:
        if self.current_mode != name:
            self.switch_mode(name)

    def open_article(self, article_id: int, offset: int | None = None) -> None:
        """Show an article in the reader, with the cursor on the sentence at `offset`."""
        self.current_article_id = article_id
        self.reader_offset = offset
        if self.current_mode == "reader":
            self.screen.refresh_data()
        else:
            self.switch_mode("reader")

    def show_entity(self, entity_id: int) -> None:
        """Show an entity, with its mentions, in the Entities pane."""
        self.current_entity_id = entity_id
        if self.current_mode == "entities":
            self.screen.refresh_data()
        else:
            self.switch_mode("entities")

    def show_articles(self, query: ArticleQuery, *, entity_name: str | None = None) -> None:
        """Show the Articles pane with this view (e.g. the articles that mention an entity)."""
        self.pending_article_view = (query, entity_name)
        if self.current_mode == "articles":
            self.screen.refresh_data()
        else:
            self.switch_mode("articles")

    def show_claims(self, **view) -> None:
        """Show the Claims pane narrowed to `view` (ClaimQuery fields) across the corpus."""
        self.pending_claim_view = view
        if self.current_mode == "claims":
            self.screen.refresh_data()
        else:
            self.switch_mode("claims")

    # Changes ----------------------------------------------------------------------------

    def changed(self) -> None:
        """Something was written: every pane reloads when next shown, the current one now."""
        self.data_version += 1
        refresh = getattr(self.screen, "refresh_data", None)
        if refresh is None:  # a dialog is on top: refresh the pane underneath
            for screen in reversed(self.screen_stack):
                refresh = getattr(screen, "refresh_data", None)
                if refresh:
                    break
        if refresh:
            refresh()

    def perform(self, work: Callable[[], T], done: str | Callable[[T], str] | None = None) -> T | None:
        """Run one analyst change through the domain; report the outcome, never crash on it."""
        try:
            result = work()
        except Exception as exc:  # noqa: BLE001 - any failure is shown to the analyst with its reason
            self.notify_plain(f"{exc}", title="Not done", severity="error")
            return None
        self.changed()
        if done:
            self.notify_plain(done(result) if callable(done) else done)
        return result

    def notify_plain(self, message: str, *, title: str = "", severity: str = "information") -> None:
        """Notifications carry data (paths, names, reasons): never read as markup."""
        self.notify(message, title=title, severity=severity, markup=False)

    def action_undo(self) -> None:
        try:
            undone = actions.undo(self.store)
        except actions.ActionConflict as exc:
            self.notify_plain(f"Cannot undo: {exc}", severity="error")
            return
        self.changed()
        self.notify_plain(f"Undone: {undone.summary}" if undone else "Nothing to undo.")

    def action_redo(self) -> None:
        try:
            redone = actions.redo(self.store)
        except actions.ActionConflict as exc:
            self.notify_plain(f"Cannot redo: {exc}", severity="error")
            return
        self.changed()
        self.notify_plain(f"Redone: {redone.summary}" if redone else "Nothing to redo.")

    # Help and palette -------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own commands, minus its key panel: `?` shows ours.
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command

    # Background work --------------------------------------------------------------------

    def action_import_path(self) -> None:
        from tui.screens.import_dialog import ImportDialog

        self.push_screen(ImportDialog(), self._start_import)

    def _start_import(self, request) -> None:
        if request:
            from tui import workers

            workers.start_import(self, request)

    def action_extract(self) -> None:
        from tui import workers

        workers.start_extraction(self)

    def on_task_progress(self, message: TaskProgress) -> None:
        if message.total:
            share = message.done / message.total
            bar = "█" * round(share * 10) + "░" * (10 - round(share * 10))
            self.task_status = f"{message.task} {bar} {message.done}/{message.total} {message.detail}".rstrip()
        else:
            done = f" {message.done}" if message.done else ""
            self.task_status = f"{message.task}…{done} {message.detail}".rstrip()

    def on_articles_stored(self, message: ArticlesStored) -> None:
        """An import is storing articles: the list shows them as they come (relisted off the UI
        thread); the other panes reload when next shown, and everything once it has finished."""
        self.data_version += 1
        for screen in self.screen_stack:
            if isinstance(screen, ArticlesScreen):
                screen.refresh_in_background()

    def on_task_finished(self, message: TaskFinished) -> None:
        self.task_status = ""
        self.changed()
        self.notify_plain(message.summary, title=message.task)
        for failure in message.failures[:5]:
            self.notify_plain(failure, title=f"{message.task}: failed", severity="warning")
        if len(message.failures) > 5:
            self.notify_plain(f"…and {len(message.failures) - 5} more failures", severity="warning")

    def on_task_failed(self, message: TaskFailed) -> None:
        self.task_status = ""
        self.changed()
        self.notify_plain(message.reason, title=f"{message.task} failed", severity="error")


def _pane(module: str, name: str) -> Screen:
    from importlib import import_module

    return getattr(import_module(f"tui.screens.{module}"), name)()


def run_app(store: Store) -> None:
    CorpusApp(store).run()
