"""`corpus export KIND -o FILE`: annotated sets as CSV or JSON Lines, with filters."""

from __future__ import annotations

import sys

import click

from corpus import export
from corpus.cli import cli
from corpus.cli.context import fail, pass_store
from corpus.store import Store

KINDS = ("articles", "claims", "entities", "links")


@cli.command("export")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("-o", "--output", required=True, help="File to write, or - for standard output.")
@click.option("--format", "fmt", type=click.Choice(export.FORMATS), default=None,
              help="csv or jsonl (default: from the file name, else csv).")
@click.option("--excel", is_flag=True, help="Start the CSV with a byte-order mark for Excel.")
@click.option("--search", default=None, help="Full-text query on article title and body.")
@click.option("--source", default=None, help="Only this outlet (source name).")
@click.option("--since", default=None, help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", default=None, help="Published on or before this date (YYYY-MM-DD).")
@click.option("--tag", default=None, help="Only items carrying this tag.")
@click.option("--entity", default=None, help="Only items mentioning this entity (name or id).")
@click.option("--credibility", default=None, help="Only claims rated this credibility (e.g. 1, 1-2).")
@click.option("--include-duplicates", is_flag=True, help="Also export near-duplicate articles.")
@pass_store
def export_command(store: Store, kind: str, output: str, fmt: str | None, excel: bool, **filters) -> None:
    """Export articles, claims, entities or links (cells that a spreadsheet would run as a
    formula are prefixed with a quote)."""
    fmt = fmt or ("jsonl" if output.endswith((".jsonl", ".ndjson")) else "csv")
    chosen = export.ExportFilters(**filters)
    try:
        if output == "-":
            count = export.write_table(export.build(store, kind, chosen), sys.stdout, fmt, excel=excel)
        else:
            count = export.export_to_path(store, kind, chosen, output, fmt, excel=excel)
    except export.ExportError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output}: {exc.strerror or exc}")
    if output != "-":
        click.echo(f"Exported {count} {kind} to {output}", err=True)
