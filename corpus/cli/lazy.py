"""A click group that imports a command's module only when that command runs.

Some command modules pull in heavy libraries (trafilatura for import, spaCy for extraction),
so importing them all on start made bare `corpus` (the workbench) and `corpus --help` slow.
The group knows each command's module and its one-line summary; `--help` lists every command
from those summaries without importing anything, and running a command imports its modules,
which register it on the group as usual (`@cli.command()`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import click


@dataclass(frozen=True)
class LazyCommand:
    modules: tuple[str, ...]  # imported in order; the first defines the command
    summary: str  # the first paragraph of the command's help, for `--help` before it is loaded


class LazyGroup(click.Group):
    def __init__(self, *args, lazy_commands: dict[str, LazyCommand] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.lazy_commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            self.load(cmd_name)
        return self.commands.get(cmd_name)

    def load(self, cmd_name: str) -> None:
        for module in self.lazy_commands[cmd_name].modules:
            importlib.import_module(module)
        if cmd_name not in self.commands:
            raise RuntimeError(f"{self.lazy_commands[cmd_name].modules[0]} does not define the command {cmd_name!r}")

    def load_all(self) -> None:
        for name in self.lazy_commands:
            if name not in self.commands:
                self.load(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's own, but a command not loaded yet is described by its summary."""
        names = [name for name in self.list_commands(ctx) if not self._hidden(name)]
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self._described(name).get_short_help_str(limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _described(self, name: str) -> click.Command:
        if name in self.commands:
            return self.commands[name]
        return click.Command(name, help=self.lazy_commands[name].summary)

    def _hidden(self, name: str) -> bool:
        return name in self.commands and self.commands[name].hidden
