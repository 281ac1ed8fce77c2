"""`corpus export KIND -o FILE`: annotated sets as CSV or JSON Lines, with filters."""

from __future__ import annotations

import os
import sys

import click

from corpus import export
from corpus.cli import cli
from corpus.cli.context import fail, pass_store
from corpus.store import Store
from corpus.wording import noun

KINDS = ("articles", "claims", "entities", "links")


@cli.command("export")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("-o", "--output", required=True, help="File to write, or - for standard output.")
@click.option("--format", "fmt", type=click.Choice(export.FORMATS), default=None,
              help="csv or jsonl (default: from the file name, else csv).")
@click.option("--excel", is_flag=True, help="Start the CSV with a byte-order mark for Excel.")
@click.option("--search", default=None, help="Full-text query on article title and body.")
@click.option("--source", default=None, help="Only articles of this outlet (name or id; see `corpus stats`).")
@click.option("--since", default=None, help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", default=None, help="Published on or before this date (YYYY-MM-DD).")
@click.option("--tag", default=None,
              help="Only items carrying this tag (a claim also matches when its article carries it).")
@click.option("--entity", default=None, help="Only items mentioning this entity (name or id).")
@click.option("--credibility", default=None,
              help="Only claims rated so: 2, a range 1-2, a list 1,3, or 'unrated' (claims export only).")
@click.option("--include-duplicates", is_flag=True, help="Also export near-duplicate articles.")
@pass_store
def export_command(store: Store, kind: str, output: str, fmt: str | None, excel: bool, **filters) -> None:
    """Export articles, claims, entities or links (cells that a spreadsheet would run as a
    formula are prefixed with a quote).

    \b
    corpus export claims -o claims.csv --tag topic:air-defence --credibility 1-2
    corpus export claims -o claims.jsonl --entity "Yoon Suk Yeol" --since 2024-11
    corpus export articles -o - --source Reuters --format jsonl
    """
    fmt = fmt or ("jsonl" if output.endswith((".jsonl", ".ndjson")) else "csv")
    if excel and fmt != "csv":
        fail("--excel adds a byte-order mark to CSV; JSON Lines has none")
    chosen = export.ExportFilters(**filters)
    try:
        if output == "-":
            count = export.write_table(export.build(store, kind, chosen), sys.stdout, fmt, excel=excel)
        else:
            count = export.export_to_path(store, kind, chosen, output, fmt, excel=excel)
    except export.ExportError as exc:
        fail(str(exc))
    except BrokenPipeError:
        # The reader (`| head`) has all it wanted: stop quietly, as other Unix tools do, and
        # point stdout at /dev/null so the flush at exit cannot fail again.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return
    except OSError as exc:
        fail(f"{output}: {exc.strerror or exc}")
    if output != "-":
        click.echo(f"Exported {count} {noun(count, export.ITEM_NOUNS[kind])} to {output}", err=True)
