"""The `corpus` command: a thin click layer over the domain. Bare `corpus` opens the TUI."""

from __future__ import annotations

import click

from corpus.cli.context import CliContext, db_option


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.version_option(package_name="corpus")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None) -> None:
    """Curate a corpus of news articles: import, entities, claims, export.

    Run without a command to open the workbench on the database.
    """
    cli_ctx = ctx.ensure_object(CliContext)
    cli_ctx.db_path = db_path
    ctx.call_on_close(cli_ctx.close)
    if ctx.invoked_subcommand is None:
        from tui.app import run_app

        run_app(cli_ctx.store())


def _register() -> None:
    # Each module holds one group of commands; importing it adds them to `cli`.
    from corpus.cli import export, history  # noqa: F401
    from corpus.cli import articles, duplicates, importing  # noqa: F401
    from corpus.cli import annotate, claims, claims_suggest  # noqa: F401
    from corpus.cli import entities  # noqa: F401


_register()


def main() -> None:
    cli(prog_name="corpus")
