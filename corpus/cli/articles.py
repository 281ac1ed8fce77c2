"""`corpus stats`, `corpus search QUERY`, `corpus show ARTICLE_ID`: read the corpus."""

from __future__ import annotations

import sys
from dataclasses import asdict

import click

from corpus import articles
from corpus.cli import cli
from corpus.cli.context import echo_json, echo_text, fail, pass_store
from corpus.safe_text import neutralise_controls, one_line
from corpus.store import Store


def _highlight(snippet: str, styled: bool) -> str:
    text = " ".join(neutralise_controls(snippet).split())
    if styled:
        start, end = click.style("", bold=True).removesuffix("\x1b[0m"), "\x1b[0m"
    else:
        start, end = "«", "»"
    return text.replace(articles.HIT_START, start).replace(articles.HIT_END, end)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@pass_store
def stats(store: Store, as_json: bool) -> None:
    """How many articles, outlets, duplicates and import runs the corpus holds."""
    figures = articles.stats(store)
    if as_json:
        echo_json(asdict(figures))
        return
    click.echo(f"Articles:          {figures.articles:,} ({figures.words:,} words)")
    click.echo(f"Near-duplicates:   {figures.near_duplicates:,} ({figures.undecided_duplicates:,} to review)")
    click.echo(f"Summary only:      {figures.summary_only:,}")
    click.echo(f"Outlets:           {figures.sources:,}")
    if figures.first_published:
        click.echo(f"Published:         {figures.first_published[:10]} to {(figures.last_published or '')[:10]}")
    click.echo(f"Import runs:       {figures.import_runs:,}"
               + (f" (last {figures.last_import})" if figures.last_import else ""))
    if figures.by_format:
        click.echo("Formats:           " + ", ".join(f"{name} {count:,}" for name, count in figures.by_format))
    if figures.by_source:
        click.echo("Largest outlets:")
        for name, count in figures.by_source:
            echo_text(f"  {count:>7,}  {one_line(name, 60)}")


@cli.command()
@click.argument("query")
@click.option("-n", "--limit", default=20, show_default=True, help="How many articles to show.")
@click.option("--offset", default=0, help="Skip this many results (paging).")
@click.option("--no-duplicates", is_flag=True, help="Leave out near-duplicate copies.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (hits marked «like this»).")
@pass_store
def search(store: Store, query: str, limit: int, offset: int, no_duplicates: bool, as_json: bool) -> None:
    """Full-text search of titles and bodies (SQLite FTS5: words, "exact phrases", OR, NOT, prefix*)."""
    try:
        hits = articles.search(store, query, limit, offset, include_duplicates=not no_duplicates)
    except articles.SearchQueryError as exc:
        fail(str(exc))
    styled = not as_json and sys.stdout.isatty()
    for hit in hits:
        if as_json:
            echo_json({**asdict(hit), "snippet": _highlight(hit.snippet, False)})
            continue
        details = " · ".join(p for p in (hit.source, (hit.published or "")[:10]) if p)
        copy = f"  (near-duplicate of #{hit.duplicate_of})" if hit.duplicate_of else ""
        echo_text(f"#{hit.id}  {one_line(hit.title, 90)}" + (f"  ·  {one_line(details)}" if details else "") + copy)
        click.echo(f"      {_highlight(hit.snippet, styled)}")
    if not hits and not as_json:
        click.echo("No articles match.", err=True)


@cli.command()
@click.argument("article_id", type=int)
@click.option("--original", is_flag=True, help="Print the text as it was imported, before cleaning.")
@click.option("--json", "as_json", is_flag=True, help="Print every field as one JSON object.")
@pass_store
def show(store: Store, article_id: int, original: bool, as_json: bool) -> None:
    """Print one article: its provenance, then its clean text (or the original with --original)."""
    article = articles.get_article(store, article_id)
    if article is None:
        fail(f"no article {article_id}")
    if as_json:
        echo_json(asdict(article))
        return
    fields = [
        ("Outlet", article.source), ("Author", article.author), ("Published", article.published),
        ("URL", article.url), ("Language", article.language),
        ("Origin", f"{article.origin} ({article.format})"),
        ("Imported", f"{article.imported_at}, run {article.import_run_id}"
         + (f"; text updated {article.updated_at}" if article.updated_at else "")),
    ]
    if article.duplicate_of:
        fields.append(("Duplicate of", f"#{article.duplicate_of} (similarity {article.similarity:.2f})"))
    if article.summary_only:
        fields.append(("Text", "summary only (the feed carried no full text)"))
    echo_text(f"#{article.id}  {one_line(article.title)}")
    for label, value in fields:
        if value:
            echo_text(f"{label + ':':<14}{one_line(str(value))}")
    echo_text("")
    echo_text(article.original_text if original and article.original_text is not None else article.body)
