"""The layout is the architecture: the domain and importers never load Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import click

import corpus
import importers
from corpus.cli import cli

REPO = Path(__file__).resolve().parent.parent


def _modules(package) -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
        if not info.name.startswith("corpus.cli")
    ]


def test_domain_and_importers_do_not_load_textual() -> None:
    modules = _modules(corpus) + _modules(importers)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def _commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix=f"{prefix}{name} ")


def test_every_command_explains_itself() -> None:
    cli.load_all()  # commands are imported lazily, when they run
    missing = [name for name, command in _commands(cli) if not (command.help or "").strip()]
    assert missing == []


def test_import_contracts_hold() -> None:
    """pyproject.toml's import-linter contracts: no Textual in the domain, no SQL in the TUI."""
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--config", str(REPO / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout[-2000:]
