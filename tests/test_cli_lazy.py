"""`corpus` imports a command's module only when that command runs; `--help` stays complete."""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys

import click
from click.testing import CliRunner

from corpus.cli import LAZY_COMMANDS, cli

HEAVY = ("trafilatura", "spacy", "numpy", "sqlite_utils", "textual")


def test_the_table_names_every_command_with_its_own_summary() -> None:
    import corpus.cli as package

    for info in pkgutil.iter_modules(package.__path__):  # a new command module must be in the table
        importlib.import_module(f"corpus.cli.{info.name}")
    cli.load_all()
    assert set(cli.commands) == set(LAZY_COMMANDS)
    for name, lazy in LAZY_COMMANDS.items():
        command = cli.commands[name]
        assert command.callback.__module__ == lazy.modules[0], name
        for limit in (45, 300):
            summary = click.Command(name, help=lazy.summary).get_short_help_str(limit)
            assert summary == command.get_short_help_str(limit), name


def _help(load_all_first: bool) -> tuple[str, str]:
    code = (
        "import sys\n"
        "from corpus.cli import cli, main\n"
        f"if {load_all_first!r}:\n    cli.load_all()\n"
        "sys.argv = ['corpus', '--help']\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        f"print('LOADED', sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "COLUMNS": "100"})
    help_text, loaded = result.stdout.rsplit("LOADED", 1)
    return help_text, loaded.strip()


def test_help_lists_every_command_without_importing_heavy_libraries() -> None:
    help_text, loaded = _help(load_all_first=False)
    assert loaded == "[]"
    assert help_text == _help(load_all_first=True)[0]  # the same as with every command imported
    for name in LAZY_COMMANDS:
        assert f"\n  {name} " in help_text


def test_a_command_runs_after_loading_its_module(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "c.db"), "stats", "--json"])
    assert result.exit_code == 0, result.output
    assert '"articles": 0' in result.output
