"""What every pane shares: the pane bar, the footer, and the actions that work everywhere.

`t` tag, `l` link, `a` annotate, `r` rate and `e` export act on the pane's current item (the
highlighted article, the claim under the reader's cursor, the selected entity...), which each
pane names through `current_target()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from corpus.wording import plural
from tui.targets import Target
from tui.widgets.pane_bar import PaneBar

if TYPE_CHECKING:
    from tui.app import CorpusApp
    from tui.workers import ExportRequest


def shared_bindings(hidden: tuple[str, ...] = ()) -> list[Binding]:
    """The actions every pane has, listed after the pane's own so the footer shows those first;
    `hidden` keeps some out of the footer where they seldom apply (they stay in help and palette)."""
    return [
        Binding(key, action, description, show=action not in hidden, id=action)
        for key, action, description in (
            ("t", "tag", "Tag"), ("l", "link", "Link"), ("a", "annotate", "Note"), ("r", "rate", "Rate"),
            ("e", "export", "Export"),
        )
    ]


class PaneScreen(Screen):
    PANE = ""

    app: "CorpusApp"

    def __init__(self) -> None:
        super().__init__()
        self._seen_version = -1

    def compose(self) -> ComposeResult:
        yield PaneBar(self.PANE)
        yield from self.compose_pane()
        yield Footer(compact=True)

    def compose_pane(self) -> ComposeResult:
        yield from ()

    @property
    def store(self):
        return self.app.store

    # Data -------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Reload what the pane shows from the database."""
        self._seen_version = self.app.data_version
        self.load()

    def load(self) -> None:
        pass

    def on_screen_resume(self) -> None:
        if self._seen_version != self.app.data_version or self.needs_reload():
            self.refresh_data()

    def needs_reload(self) -> bool:
        return False

    # The item the shared actions apply to -------------------------------------------------

    def current_target(self) -> Target | None:
        return None

    def _target_for(self, verb: str, kinds: tuple[str, ...]) -> Target | None:
        target = self.current_target()
        if target is None:
            self.app.notify_plain(f"Nothing selected to {verb}.", severity="warning")
            return None
        if target.kind in kinds:
            return target
        fallback = target.fallback(kinds)
        if fallback is None:
            plurals = [plural(k) for k in kinds]
            works_on = ", ".join(plurals[:-1]) + " and " + plurals[-1] if len(plurals) > 1 else plurals[0]
            self.app.notify_plain(f"{verb.capitalize()} works on {works_on}, not on {plural(target.kind)}.",
                                  severity="warning")
        return fallback

    def action_tag(self) -> None:
        from tui.screens.actions import tag_target

        if target := self._target_for("tag", ("article", "claim")):
            tag_target(self.app, target)

    def action_link(self) -> None:
        from tui.screens.actions import link_target

        if target := self._target_for("link", ("claim", "article", "entity")):
            link_target(self.app, target)

    def action_annotate(self) -> None:
        from tui.screens.actions import annotate_target

        if target := self._target_for("annotate", ("claim", "article", "entity")):
            annotate_target(self.app, target)

    def action_rate(self) -> None:
        from tui.screens.actions import rate_target

        if target := self._target_for("rate", ("claim", "entity", "source")):
            rate_target(self.app, target)

    def export_request(self) -> "ExportRequest | None":
        return None

    def action_export(self) -> None:
        from tui.screens.export_dialog import ExportDialog
        from tui import workers

        request = self.export_request()
        if request is None:
            self.app.notify_plain("Nothing to export here.", severity="warning")
            return
        self.app.push_screen(ExportDialog(request), lambda chosen: chosen and workers.start_export(self.app, chosen))
