"""The `corpus` command: a thin click layer over the domain. Bare `corpus` opens the TUI."""

from __future__ import annotations

import click

from corpus.cli.context import CliContext, db_option
from corpus.cli.lazy import LazyCommand, LazyGroup

# Each module holds one group of commands; importing it adds them to `cli`. The summaries are
# the first paragraph of each command's help (tests/test_cli_lazy.py keeps them in step).
_ANNOTATE = ("corpus.cli.annotate",)
LAZY_COMMANDS = {
    "claims": LazyCommand(("corpus.cli.claims", "corpus.cli.claims_suggest"),
                          "Claims: attributed spans of articles (list, show, add, suggest, accept, reject,"
                          " attribute, delete)."),
    "duplicates": LazyCommand(("corpus.cli.duplicates",),
                              "Near-duplicate articles (syndicated copies): list them, undecided first, and decide."),
    "entities": LazyCommand(("corpus.cli.entities",),
                            "Entities: list, show, review candidates, compare names, merge, split, rename, alias,"
                            " type."),
    "export": LazyCommand(("corpus.cli.export",),
                          "Export articles, claims, entities or links (cells that a spreadsheet would run as a"
                          " formula are prefixed with a quote)."),
    "extract": LazyCommand(("corpus.cli.entities",),
                           "Find people, places and organisations in articles not yet processed by this pipeline."),
    "history": LazyCommand(("corpus.cli.history",),
                           "List recent analyst actions, newest first, with their state (done, undone, discarded)."),
    "import": LazyCommand(("corpus.cli.importing",),
                          "Import articles from files, folders (recursively), glob patterns, or - for standard"
                          " input."),
    "link": LazyCommand(_ANNOTATE, "Link two items: `corpus link claim:3 corroborates claim:9`."),
    "links": LazyCommand(_ANNOTATE, "The links from and to an item, to follow them."),
    "note": LazyCommand(_ANNOTATE,
                        "Read or write the note of an article, claim or entity (TEXT, - for stdin, or --edit)."),
    "rate": LazyCommand(_ANNOTATE,
                        "Admiralty ratings: reliability A-F of a source or entity, credibility 1-6 of a claim."),
    "redo": LazyCommand(("corpus.cli.history",), "Redo the action most recently undone."),
    "runs": LazyCommand(("corpus.cli.importing",),
                        "List import runs with their counts; with a RUN_ID, that run's failures and warnings."),
    "search": LazyCommand(("corpus.cli.articles",),
                          'Full-text search of titles and bodies (SQLite FTS5: words, "exact phrases", OR, NOT,'
                          " prefix*)."),
    "show": LazyCommand(("corpus.cli.articles",),
                        "Print one article: its provenance, then its clean text (or the original with --original)."),
    "stats": LazyCommand(("corpus.cli.articles",),
                         "How many articles, outlets, duplicates and import runs the corpus holds."),
    "tag": LazyCommand(_ANNOTATE, "Tag an article or claim: `corpus tag claim:3 topic:air-defence urgent`."),
    "tags": LazyCommand(_ANNOTATE, "List tags starting with PREFIX, most used first (or the tags of one --item)."),
    "undo": LazyCommand(("corpus.cli.history",),
                        "Undo the latest analyst action (tag, claim, link, rating, note, entity decision…)."),
    "unlink": LazyCommand(_ANNOTATE, "Remove links by id (see `corpus links ITEM`)."),
    "untag": LazyCommand(_ANNOTATE, "Remove the analyst's tags from an article or claim."),
}


@click.group(cls=LazyGroup, lazy_commands=LAZY_COMMANDS, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
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


def main() -> None:
    cli(prog_name="corpus")
