"""The Review pane: name pairs that may be one entity, and articles that may be copies.

One pair at a time, both sides with their context; one key decides and moves on (`y` same,
`n` different, `m` unsure, `s` skip). On a pair already decided (`b` goes back to one, or
enter on the history), the key of its decision clears it. `D` switches to the duplicate-
article queue, which works the same way (`y` a copy, `n` not a copy, `m` unsure).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from corpus.safe_text import one_line
from tui import review_data
from tui.review_data import DuplicateView, PairView
from tui.screens.pane import PaneScreen, shared_bindings
from tui.targets import Target


class HistoryList(OptionList):
    """The recent decisions of the queue shown; a key changes the highlighted one to the
    decision it names, in the words of the history's entries."""

    HELP_TITLE = "Recent decisions"
    BINDINGS = [
        Binding("y", "change('same')", "Same"),
        Binding("n", "change('different')", "Different"),
        # The same keys on the duplicate-article history, named as its entries read.
        Binding("y", "change_copy('same')", "Duplicate"),
        Binding("n", "change_copy('different')", "Not a duplicate"),
        Binding("m", "change('unsure')", "Unsure"),
        Binding("x", "clear", "Clear"),
        Binding("enter", "select", "Show pair", show=False),
        Binding("escape", "leave", "Back to queue"),
        # The queue's own keys still work here; out of the footer, which names the history's keys.
        Binding("s", "screen.skip", "Skip", show=False),
        Binding("b", "screen.back", "Back", show=False),
        Binding("D", "screen.switch_queue", "Names/duplicates", show=False),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        duplicates = getattr(self.screen, "mode", "names") == "duplicates"
        if action == "change" and parameters != ("unsure",):
            return not duplicates
        if action == "change_copy":
            return duplicates
        return True

    def action_change(self, verdict: str) -> None:
        if self.highlighted is not None:
            self.screen.change_history(self.highlighted, verdict)

    def action_change_copy(self, verdict: str) -> None:
        self.action_change(verdict)

    def action_clear(self) -> None:
        if self.highlighted is not None:
            self.screen.change_history(self.highlighted, None)

    def action_leave(self) -> None:
        self.screen.set_focus(None)


class ReviewScreen(PaneScreen):
    PANE = "review"
    AUTO_FOCUS = ""  # nothing: the decision keys belong to the pane, not to the history list
    BINDINGS = [
        Binding("y", "decide('same')", "Same", id="review.same"),
        Binding("n", "decide('different')", "Different", id="review.different"),
        # The same keys on the duplicate-article queue, named for its question: is it a copy?
        Binding("y", "decide_copy('same')", "Copy", id="review.copy"),
        Binding("n", "decide_copy('different')", "Not a copy", id="review.not_copy"),
        Binding("m", "decide('unsure')", "Unsure", id="review.unsure"),
        Binding("s", "skip", "Skip", id="review.skip"),
        Binding("b", "back", "Back", id="review.back"),
        Binding("D", "switch_queue", "Names/duplicates", id="review.switch"),
        Binding("h,tab", "history", "History", show=False, id="review.history"),
        Binding("o", "open_left", "Open left", show=False, id="review.open_left"),
        Binding("O", "open_right", "Open right", show=False, id="review.open_right"),
        *shared_bindings(hidden=("tag", "link", "annotate", "rate", "export",)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.mode = "names"
        self.queue = review_data.NameQueue()
        self.duplicates = review_data.DuplicateQueue()
        self.shown: PairView | DuplicateView | None = None
        self._history = []

    def compose_pane(self) -> ComposeResult:
        yield Static(id="review-status")
        with Horizontal(id="review-cards"):
            yield Static(id="review-left", classes="card")
            yield Static(id="review-right", classes="card")
        yield Static(id="review-score")
        with Vertical(id="review-history-box"):
            yield Static(id="review-history-title")
            yield HistoryList(markup=False, id="review-history")

    # Loading --------------------------------------------------------------------------------

    def load(self) -> None:
        if self.mode == "names":
            self.shown = self.queue.current(self.store)
        else:
            self.shown = self.duplicates.current(self.store)
        self._display()

    def _display(self) -> None:
        status = self.query_one("#review-status", Static)
        left, right = self.query_one("#review-left", Static), self.query_one("#review-right", Static)
        score = self.query_one("#review-score", Static)
        status.update(review_data.status_line(self.store, self.mode, self.shown))
        if self.shown is None:
            left.update(Text("Nothing left to review here.", style="italic"))
            right.update(Text("D switches between name pairs and duplicate articles.", style="dim"))
            score.update("")
        else:
            left.update(self.shown.left_text)
            right.update(self.shown.right_text)
            score.update(self.shown.score_text)
        self._history = review_data.history(self.store, self.mode)
        title = "Recent decisions (h: focus · y n m change · x clear · enter show)"
        self.query_one("#review-history-title", Static).update(Text(title, style="bold"))
        history = self.query_one(HistoryList)
        keep = history.highlighted
        history.set_options([Option(entry.label) for entry in self._history])
        if keep is not None and self._history:
            history.highlighted = min(keep, len(self._history) - 1)

    # Deciding -------------------------------------------------------------------------------

    def action_decide(self, verdict: str) -> None:
        if self.shown is None:
            self.app.notify_plain("Nothing to decide.", severity="information")
            return
        queue = self.queue if self.mode == "names" else self.duplicates
        outcome = self.app.perform(lambda: queue.decide(self.store, self.shown, verdict))
        if outcome is not None:
            self.app.notify_plain(outcome)

    def action_decide_copy(self, verdict: str) -> None:
        self.action_decide(verdict)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide" and parameters != ("unsure",):
            return self.mode == "names"
        if action == "decide_copy":
            return self.mode == "duplicates"
        return True

    def action_skip(self) -> None:
        if self.shown is not None:
            (self.queue if self.mode == "names" else self.duplicates).skip(self.shown)
            self.load()

    def action_back(self) -> None:
        queue = self.queue if self.mode == "names" else self.duplicates
        if not queue.back(self.store):
            self.app.notify_plain("No earlier pair in this session.", severity="information")
        self.load()

    def action_switch_queue(self) -> None:
        self.mode = "duplicates" if self.mode == "names" else "names"
        self.refresh_bindings()
        self.load()

    def action_history(self) -> None:
        history = self.query_one(HistoryList)
        if history.option_count:
            history.focus()
            if history.highlighted is None:
                history.highlighted = 0

    def change_history(self, index: int, verdict: str | None) -> None:
        entry = self._history[index]
        queue = self.queue if self.mode == "names" else self.duplicates
        outcome = self.app.perform(lambda: queue.change(self.store, entry, verdict))
        if outcome is not None:
            self.app.notify_plain(outcome)

    @on(OptionList.OptionSelected, "#review-history")
    def _show_history(self, event: OptionList.OptionSelected) -> None:
        queue = self.queue if self.mode == "names" else self.duplicates
        queue.show(self._history[event.option_index])
        self.set_focus(None)
        self.load()

    def _open(self, side: str) -> None:
        if self.shown is None:
            return
        article_id, offset = self.shown.article_of(side)
        if article_id is not None:
            self.app.open_article(article_id, offset)

    def action_open_left(self) -> None:
        self._open("left")

    def action_open_right(self) -> None:
        self._open("right")

    def current_target(self) -> Target | None:
        if isinstance(self.shown, PairView):
            return Target("entity", self.shown.left_id, one_line(self.shown.left_name, 60))
        if isinstance(self.shown, DuplicateView):
            return Target("article", self.shown.pair.article_id, one_line(self.shown.pair.article_title, 60))
        return None
