"""The command palette (ctrl+p): every key binding of the current pane and of the app, by name,
plus the commands that have no key (run extraction, sort by…)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Callable

from textual.actions import parse as parse_action
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

if TYPE_CHECKING:
    from textual.screen import Screen

PANE_NAMES = {"articles": "Articles", "reader": "Reader", "entities": "Entities", "claims": "Claims", "review": "Review"}


@dataclass
class PaletteCommand:
    name: str
    help: str
    run: Callable[[], object]


def own_actions(node: DOMNode) -> set[str]:
    """The actions bound by the workbench's own classes: Textual's scrolling and paging keys of
    every widget would bury them in the palette."""
    actions = set()
    for cls in type(node).__mro__:
        if cls.__module__.split(".")[0] == "tui":
            actions.update(b.action if isinstance(b, Binding) else b[1] for b in cls.__dict__.get("BINDINGS", []))
    return actions


def _binding_commands(screen: "Screen") -> list[PaletteCommand]:
    """One command per binding of the screen's widgets, the screen itself and the app."""
    seen: set[tuple[int, str]] = set()
    commands: list[PaletteCommand] = []
    nodes: list[DOMNode] = [*screen.walk_children(with_self=False), screen, screen.app]
    for node in nodes:
        owner = getattr(node, "HELP_TITLE", None) or ("" if node in (screen, screen.app) else type(node).__name__)
        own = own_actions(node)
        for key, binding in node._bindings:
            if binding.action in {"command_palette", "app.command_palette"} or not binding.description:
                continue
            if binding.action not in own or not _enabled(node, binding.action):
                continue
            if (id(node), binding.action) in seen:
                continue
            seen.add((id(node), binding.action))
            keys = ", ".join(
                screen.app.get_key_display(b) for _, b in node._bindings if b.action == binding.action
            )
            prefix = f"{owner}: " if owner else ""
            commands.append(
                PaletteCommand(
                    f"{prefix}{binding.description}",
                    f"key {keys}" + (f" — {binding.tooltip}" if binding.tooltip else ""),
                    partial(_run_binding, node, binding.action),
                )
            )
    return commands


def _enabled(node: DOMNode, action: str) -> bool:
    """False for a binding the node turns off where it is now (the keys of the other queue)."""
    _, name, parameters = parse_action(action)
    return node.check_action(name, parameters) is not False


async def _run_binding(node: DOMNode, action: str) -> None:
    if hasattr(node, "focus") and getattr(node, "can_focus", False):
        node.focus()
    await node.run_action(action)


def _extra_commands(screen: "Screen") -> list[PaletteCommand]:
    app = screen.app
    extras = [PaletteCommand(f"Go to {label}", f"pane {n + 1}", partial(app.action_pane, name))
              for n, (name, label) in enumerate(PANE_NAMES.items())]
    extras.append(PaletteCommand("Run entity extraction", "find names in articles not yet analysed",
                                 partial(app.run_action, "extract")))
    extras.extend(getattr(screen, "palette_commands", lambda: [])())
    return extras


class CorpusCommands(Provider):
    def _commands(self) -> list[PaletteCommand]:
        return _extra_commands(self.screen) + _binding_commands(self.screen)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)
