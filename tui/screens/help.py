"""`?`: every key of the focused pane, grouped by the part of the screen that owns it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


@dataclass
class KeyHelp:
    keys: list[str]
    description: str


def _owner_name(node: DOMNode, screen: Screen) -> str:
    if node is screen.app:
        return "Everywhere"
    if node is screen:
        return f"{getattr(screen, 'PANE', '').capitalize() or 'This'} pane"
    return getattr(node, "HELP_TITLE", None) or type(node).__name__


# Keys Textual gives every scrolling widget or screen that mean nothing in this app.
_GENERIC = {"command_palette", "app.command_palette", "scroll_left", "scroll_right", "page_left", "page_right",
            "copy_text", "app.copy_text", "screen.copy_text", "maximize", "screen.maximize", "minimize",
            "screen.minimize"}


def key_groups(screen: Screen) -> list[tuple[str, list[KeyHelp]]]:
    """The keys active on `screen` (focused widget first, then the pane, then the app)."""
    groups: dict[int, tuple[str, dict[str, KeyHelp]]] = {}
    for key, active in screen.active_bindings.items():
        binding: Binding = active.binding
        if binding.action in _GENERIC or binding.system:
            continue
        description = binding.description or binding.action.replace("_", " ")
        name, entries = groups.setdefault(id(active.node), (_owner_name(active.node, screen), {}))
        display = screen.app.get_key_display(Binding(key, binding.action))
        entries.setdefault(description, KeyHelp([], description)).keys.append(display)
    ordered = sorted(groups.values(), key=lambda g: {"Everywhere": 2}.get(g[0], 0 if "pane" not in g[0] else 1))
    return [(name, list(entries.values())) for name, entries in ordered]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", key_display="esc")]

    def __init__(self, for_screen: Screen) -> None:
        super().__init__()
        self.for_screen = for_screen

    def compose(self) -> ComposeResult:
        groups = key_groups(self.for_screen)
        with VerticalScroll(id="help-body", classes="dialog"):
            with Horizontal(id="help-columns"):
                yield Static(_render(groups[:1]), classes="help-column")
                yield Static(_render(groups[1:]), classes="help-column")

    def on_mount(self) -> None:
        body = self.query_one("#help-body")
        body.focus()  # arrows and page keys scroll a long list
        body.border_title = "Keys of this pane"
        body.border_subtitle = "esc closes · ctrl+p runs any action by name"

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


def _render(groups: list[tuple[str, list[KeyHelp]]]) -> Text:
    text = Text()
    for name, entries in groups:
        text.append(f"{name}\n", style="bold underline")
        for entry in entries:
            text.append(f"{' '.join(entry.keys):>11} ", style="bold")
            text.append(f"{entry.description}\n")
        text.append("\n")
    return text
