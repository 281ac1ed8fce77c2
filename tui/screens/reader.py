"""The Reader pane: one article, its highlights, a sentence cursor and claims made by keyboard."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from corpus import browse
from corpus.articles import Article, get_article
from corpus.browse import Highlight
from corpus.claims import model as claims_model
from corpus.safe_text import one_line
from corpus.sentences import Span
from tui import reader_data
from tui.screens.pane import PaneScreen, shared_bindings
from tui.targets import Target
from tui.widgets.text_panel import TextPanel
from tui.widgets.article_text import ArticleText, Mark
from tui.widgets.side_list import SideList


class ReaderScreen(PaneScreen):
    PANE = "reader"
    AUTO_FOCUS = "#article-text"
    BINDINGS = [
        Binding("c", "claim", "Claim", id="reader.claim"),
        Binding("enter", "edit_claim", "Edit claim", show=False, id="reader.edit_claim"),
        Binding("m", "move_claim", "Claim to selection", show=False, id="reader.move_claim"),
        Binding("d", "delete_claim", "Delete claim", show=False, id="reader.delete_claim"),
        Binding("y", "accept_suggestion", "Accept", id="reader.accept"),
        Binding("x", "reject_suggestion", "Reject", id="reader.reject"),
        Binding("s", "next_suggestion", "Next suggestion", show=False, id="reader.next_suggestion"),
        Binding("S", "previous_suggestion", "Previous suggestion", show=False, id="reader.previous_suggestion"),
        Binding("w", "next_claim", "Next claim", show=False, id="reader.next_claim"),
        Binding("W", "previous_claim", "Previous claim", show=False, id="reader.previous_claim"),
        Binding("n", "next_article", "Next article", show=False, id="reader.next_article"),
        Binding("p", "previous_article", "Previous article", show=False, id="reader.previous_article"),
        Binding("escape", "back", "Back to list", show=False, id="reader.back"),
        *shared_bindings(hidden=("annotate", "export",)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.article: Article | None = None
        self.highlights: list[Highlight] = []
        self._shown_article: int | None = None

    def compose_pane(self) -> ComposeResult:
        yield Static(id="reader-header")
        with Horizontal(id="reader-body"):
            yield ArticleText(id="article-text")
            with Vertical(id="reader-side"):
                yield Static(id="reader-side-title")
                yield SideList(id="reader-claims")
        yield TextPanel(id="reader-info")

    @property
    def text(self) -> ArticleText:
        return self.query_one(ArticleText)

    # Loading ------------------------------------------------------------------------------

    def needs_reload(self) -> bool:
        return self.app.current_article_id != self._shown_article or self.app.reader_offset is not None

    def load(self) -> None:
        article_id = self.app.current_article_id
        if article_id is None:
            self.article = None
            self.query_one("#reader-header", Static).update(
                Text("No article open. Choose one in the Articles pane (1) and press enter.", style="italic")
            )
            return
        first_show = article_id != self._shown_article
        self.article = get_article(self.store, article_id)
        if self.article is None:
            self.app.notify_plain(f"Article {article_id} no longer exists.", severity="warning")
            return
        self.highlights = browse.reader_highlights(self.store, article_id)
        marks = [Mark(h.start, h.end, h.kind) for h in self.highlights]
        marks += [Mark(s, e, "hit") for s, e in browse.search_hits(self.article.body, self.app.article_view.query.search)]
        offset = self.app.reader_offset
        self.app.reader_offset = None
        if first_show or offset is not None:
            bounds = reader_data.boundaries(self.store, self.article)
            self.text.show(self.article.body, bounds, marks, cursor_offset=offset)
            self._shown_article = article_id
        else:
            self.text.set_marks(marks)
            self._update_info()
        self.query_one("#reader-header", Static).update(reader_data.header(self.store, self.article))
        entries = reader_data.side_entries(self.store, article_id)
        self.call_after_refresh(self._show_side, entries)  # measured once the layout settles
        self.text.focus()

    def _show_side(self, entries) -> None:
        side = self.query_one("#reader-claims", SideList)
        side.show(entries)
        self.query_one("#reader-side").set_class(not entries, "-empty")
        self.query_one("#reader-side-title", Static).update(Text(side.summary, style="bold"))
        self._update_info()

    # What is under the cursor ---------------------------------------------------------------

    def _under(self, kind: str, span: Span | None = None) -> list[Highlight]:
        span = span or self.text.cursor_span
        if span is None:
            return []
        return [h for h in self.highlights if h.kind == kind and h.start < span.end and h.end > span.start]

    @on(ArticleText.CursorMoved)
    def _cursor_moved(self, event: ArticleText.CursorMoved) -> None:
        self._update_info()

    def _update_info(self) -> None:
        info = self.query_one("#reader-info", TextPanel)
        claims = self._under("claim")
        suggestions = self._under("suggestion")
        info.show(reader_data.info_line(self.store, self.text, claims, suggestions))
        claim_ids = {h.ref for h in claims} | {-h.ref for h in suggestions}
        self.query_one("#reader-claims", SideList).mark(claim_ids)

    def current_target(self) -> Target | None:
        if self.article is None:
            return None
        source = Target("source", self.article.source_id, self.article.source or "") if self.article.source_id else None
        article = Target("article", self.article.id, one_line(self.article.title, 60), source)
        claims = self._under("claim")
        if claims:
            return Target("claim", claims[0].ref, f"#{claims[0].ref}", article)
        return article

    # Claims -----------------------------------------------------------------------------------

    def action_claim(self) -> None:
        from tui.screens.claim_editor import ClaimEditor, new_claim_request

        span = self.text.active_span
        if self.article is None or span is None:
            self.app.notify_plain("No sentence to mark.", severity="warning")
            return
        self.app.push_screen(ClaimEditor(new_claim_request(self.article.id, span, self.text.text)), self._claim_made)

    def _claim_made(self, claim_id: int | None) -> None:
        """The selection became the claim: drop it, so the line below shows the new claim."""
        if claim_id is not None and self.text.selection is not None:
            self.text.action_clear_selection()

    def action_edit_claim(self) -> None:
        from tui.screens.claim_editor import ClaimEditor, edit_claim_request

        claims = self._under("claim")
        if not claims:
            self.action_claim()
            return
        self.app.push_screen(ClaimEditor(edit_claim_request(self.store, claims[0].ref)))

    def action_move_claim(self) -> None:
        claims = self._under("claim")
        span = self.text.selection
        if not claims or span is None:
            self.app.notify_plain("Select the new span (v, ] [ } {) on a claim first.", severity="warning")
            return
        self.app.perform(lambda: claims_model.move_claim(self.store, claims[0].ref, span.start, span.end),
                         f"Claim {claims[0].ref} now covers the selection.")

    def action_delete_claim(self) -> None:
        claims = self._under("claim")
        if not claims:
            self.app.notify_plain("No claim under the cursor.", severity="warning")
            return
        self.app.perform(lambda: claims_model.delete_claim(self.store, claims[0].ref),
                         f"Deleted claim {claims[0].ref} (u undoes).")

    def action_accept_suggestion(self) -> None:
        suggestions = self._under("suggestion")
        if not suggestions:
            self.app.notify_plain("No suggested claim under the cursor (s finds the next).", severity="warning")
            return
        self.app.perform(lambda: reader_data.accept_suggestion(self.store, suggestions[0].ref),
                         lambda claim_id: f"Accepted the suggestion as claim {claim_id}.")

    def action_reject_suggestion(self) -> None:
        suggestions = self._under("suggestion")
        if not suggestions:
            self.app.notify_plain("No suggested claim under the cursor (s finds the next).", severity="warning")
            return
        self.app.perform(lambda: reader_data.reject_suggestion(self.store, suggestions[0].ref),
                         "Rejected the suggestion; it will not be proposed again.")

    def _jump(self, kind: str, step: int) -> None:
        span = self.text.cursor_span
        if span is None:
            return
        starts = sorted({h.start for h in self.highlights if h.kind == kind})
        ahead = [s for s in starts if s >= span.end] if step > 0 else [s for s in reversed(starts) if s < span.start]
        if not ahead:
            self.app.notify_plain(f"No further {kind} in this article.", severity="information")
            return
        self.text.move_to_offset(ahead[0])

    def action_next_suggestion(self) -> None:
        self._jump("suggestion", 1)

    def action_previous_suggestion(self) -> None:
        self._jump("suggestion", -1)

    def action_next_claim(self) -> None:
        self._jump("claim", 1)

    def action_previous_claim(self) -> None:
        self._jump("claim", -1)

    @on(SideList.Chosen, "#reader-claims")
    def _side_chosen(self, event: SideList.Chosen) -> None:
        self.text.move_to_offset(event.offset)
        self.text.focus()

    # Moving between articles -------------------------------------------------------------------

    def _neighbour(self, step: int) -> None:
        if self.article is None:
            return
        following = self.app.article_view.neighbour(self.article.id, step)
        if following is None:
            self.app.notify_plain("No more articles in this direction.", severity="information")
            return
        self.app.open_article(following)

    def action_next_article(self) -> None:
        self._neighbour(1)

    def action_previous_article(self) -> None:
        self._neighbour(-1)

    def action_back(self) -> None:
        self.app.action_pane("articles")

    def export_request(self):
        from tui.workers import ExportRequest

        if self.article is None:
            return None
        return ExportRequest(kind="claims", article_ids=[self.article.id], label=f"claims of article {self.article.id}")
