"""What every command shares: where the database is, and one open Store per invocation."""

from __future__ import annotations

import functools
import json
import sys
from typing import Any, Callable

import click

from corpus.cli.exit_codes import ExitCode
from corpus.safe_text import neutralise_controls
from corpus.store import DB_ENV_VAR, Store, StoreError, default_db_path


class CliContext:
    def __init__(self, db_path: str | None = None):
        self.db_path = db_path
        self._store: Store | None = None

    def store(self, db_path: str | None = None) -> Store:
        if self._store is None:
            try:
                self._store = Store.open(db_path or self.db_path or default_db_path())
            except StoreError as exc:
                fail(str(exc))
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def db_option(func: Callable) -> Callable:
    """`--db PATH` on a subcommand too, so it works before or after the command name."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False),
        envvar=DB_ENV_VAR,
        default=None,
        help=f"Database file (default: ${DB_ENV_VAR} or ./corpus.db).",
    )(func)


def pass_store(func: Callable) -> Callable:
    """Give the command an open Store as its first argument, honouring `--db` wherever given."""

    @db_option
    @click.pass_context
    @functools.wraps(func)
    def wrapper(ctx: click.Context, *args, db_path: str | None = None, **kwargs):
        cli_ctx: CliContext = ctx.ensure_object(CliContext)
        return func(cli_ctx.store(db_path), *args, **kwargs)

    return wrapper


def fail(message: str, code: ExitCode = ExitCode.ERROR) -> None:
    """Print one clear line to stderr and exit; never a traceback for expected problems."""
    _error_line(message)
    sys.exit(int(code))


def for_each(items, do: Callable[[Any], None], errors: type[Exception] | tuple[type[Exception], ...]) -> None:
    """`do(item)` for each of several ids: one that fails with `errors` gets its error line and
    the others go on; the command then exits with the error code."""
    failed = False
    for item in items:
        try:
            do(item)
        except errors as exc:
            _error_line(str(exc))
            failed = True
    if failed:
        sys.exit(int(ExitCode.ERROR))


def _error_line(message: str) -> None:
    click.echo(f"Error: {neutralise_controls(message)}", err=True)


def echo_text(text: str, **kwargs: Any) -> None:
    """Print article text as data: no markup interpretation, control sequences neutralised."""
    click.echo(neutralise_controls(text), **kwargs)


def echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))
