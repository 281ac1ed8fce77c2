"""`corpus import PATH...` and `corpus runs`: bring articles in, and see what each import did."""

from __future__ import annotations

import json
import signal
import sys
from contextlib import contextmanager
from typing import Iterator

import click

from corpus.cli import cli
from corpus.cli.context import echo_json, echo_text, fail, pass_store
from corpus.cli.exit_codes import ExitCode
from corpus.cli.progress import import_progress
from corpus.importing import (
    DEFAULT_MAX_SIZE,
    ArticlePreview,
    ImportInterrupted,
    ImportIssue,
    ImportSummary,
    human_size,
    import_paths,
    list_runs,
    parse_size,
    run_issues,
)
from corpus.safe_text import one_line
from corpus.store import Store
from corpus.wording import noun
from importers import ALIASES, FORMAT_NAMES
from importers.fields import FIELDS, FieldMapError, parse_field_map

EXIT_INTERRUPTED = 130  # what shells report for a command stopped by Ctrl-C
_STATUS_WORDS = {
    "imported": "new", "updated": "update", "exact_duplicate": "duplicate", "near_duplicate": "near-dup",
}


def _size_option(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None or value.lower() in ("none", "0"):
        return None if value else DEFAULT_MAX_SIZE
    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """`kill PID` stops an import as cleanly as Ctrl-C does."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _print_issue(issue: ImportIssue) -> None:
    label = "warning" if issue.severity == "warning" else "failed"
    echo_text(f"{label}: {one_line(issue.origin)}: {one_line(issue.reason)}", err=True)


def _print_preview(preview: ArticlePreview) -> None:
    echo_text(f"{_STATUS_WORDS.get(preview.status, preview.status):>9}  {one_line(preview.origin)}  "
              f"{one_line(preview.title, 80)}")


def _print_summary(summary: ImportSummary) -> None:
    counts = summary.counts
    rate = summary.articles / summary.elapsed if summary.elapsed > 0 else 0
    verb = "Would import" if summary.dry_run else "Imported"
    stopped = " before it was interrupted" if summary.interrupted else ""
    click.echo(f"{verb} {counts.imported:,} {noun(counts.imported, 'article')}{stopped} "
               f"({summary.articles:,} read in {summary.elapsed:.1f} s, {rate:,.0f} articles/s)")
    click.echo(f"  updated:           {counts.updated:,}")
    click.echo(f"  exact duplicates:  {counts.exact_duplicates:,} (skipped)")
    near = f"  near-duplicates:   {counts.near_duplicates:,}"
    if counts.near_duplicates and not summary.dry_run:
        near += " (imported, marked; review with `corpus duplicates`)"
    click.echo(near)
    click.echo(f"  failed:            {counts.failed:,}")
    if counts.warnings:
        click.echo(f"  warnings:          {counts.warnings:,}")
    if summary.run_id is not None and (counts.failed or counts.warnings):
        click.echo(f"Import run {summary.run_id}; `corpus runs {summary.run_id}` lists its problems again.")
    elif summary.run_id is not None:
        click.echo(f"Import run {summary.run_id}.")


def exit_code(summary: ImportSummary) -> int:
    if summary.interrupted:
        return EXIT_INTERRUPTED
    if summary.counts.stored == 0:
        return ExitCode.NOTHING_IMPORTED
    if summary.counts.failed:
        return ExitCode.PARTIAL
    return ExitCode.OK


def _run_import(store: Store, paths: tuple[str, ...], as_json: bool, dry_run: bool, **options) -> ImportSummary:
    stdin = sys.stdin.buffer if "-" in paths else None
    on_article = None
    if dry_run:
        on_article = (lambda p: echo_json(p.as_dict())) if as_json else _print_preview
    show_progress = not (as_json or dry_run)
    with import_progress(show_progress) as on_progress, _sigterm_as_interrupt():
        try:
            return import_paths(
                store, paths, dry_run=dry_run, stdin=stdin, command="corpus import " + " ".join(paths),
                on_progress=on_progress, on_issue=None if as_json and not dry_run else _print_issue,
                on_article=on_article, **options,
            )
        except ImportInterrupted as stop:
            return stop.summary


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES + tuple(ALIASES), case_sensitive=False),
              help="Read every input as this format instead of guessing from extension and content.")
@click.option("--source", default=None, metavar="NAME",
              help="Outlet name for every article (default: from the input, else the URL's domain).")
@click.option("--map", "field_map", multiple=True, metavar="FIELD=COLUMN",
              help=f"JSON/CSV: take FIELD ({', '.join(FIELDS)}) from COLUMN; repeatable; "
                   "dotted paths reach into JSON objects (source=publisher.name).")
@click.option("--max-size", callback=_size_option, default=None, metavar="SIZE",
              help=f"Skip files larger than this, e.g. 500K, 20M (default {human_size(DEFAULT_MAX_SIZE)}; 0: no limit).")
@click.option("--dry-run", is_flag=True, help="Store nothing; list each article found and what would become of it.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the summary as JSON; with --dry-run, one JSON line per article found "
                   "(source path, title, clean body, metadata, status).")
@click.option("--extract", is_flag=True, help="Then find entities in every article not yet extracted "
                                              "(as `corpus extract`).")
@click.option("--model", default=None, metavar="NAME", help="spaCy pipeline for --extract (see `corpus extract`).")
@pass_store
def import_command(store: Store, paths: tuple[str, ...], fmt: str | None, source: str | None,
                   field_map: tuple[str, ...], max_size: int | None, dry_run: bool, as_json: bool,
                   extract: bool, model: str | None) -> None:
    """Import articles from files, folders (recursively), glob patterns, or - for standard input.

    Formats: plain text, Markdown, HTML pages, RSS/Atom feeds, JSON (lists, JSON Feed),
    JSON Lines and CSV; chosen by extension and content unless --format is given. Articles are
    cleaned of scraper debris, exact duplicates are skipped and near-duplicates marked.
    Importing the same files again adds nothing (a changed clean text updates the article).

    Exit codes: 0 all imported, 3 some inputs failed, 4 nothing new stored, 130 interrupted.
    """
    try:
        mapping = parse_field_map(field_map)
    except FieldMapError as exc:
        fail(str(exc), ExitCode.USAGE)
    summary = _run_import(store, paths, as_json, dry_run, fmt=fmt, source=source, field_map=mapping,
                          max_size=max_size)
    if as_json and not dry_run:
        echo_json(summary.as_dict())
    elif as_json:
        _summary_to_stderr(summary)
    else:
        _print_summary(summary)
    # Steps that build on the imported articles run here, after the summary.
    if extract and not dry_run and not summary.interrupted:
        from corpus.cli.entities import run_extraction

        run_extraction(store, model=model)
    raise SystemExit(exit_code(summary))


def _summary_to_stderr(summary: ImportSummary) -> None:
    counts = summary.counts
    click.echo(
        f"Dry run: {counts.imported} new ({counts.near_duplicates} near-duplicates), {counts.updated} updates, "
        f"{counts.exact_duplicates} exact duplicates, {counts.failed} failed",
        err=True,
    )


@cli.command("runs")
@click.argument("run_id", type=int, required=False)
@click.option("-n", "--limit", default=20, show_default=True, help="How many runs to list.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_store
def runs_command(store: Store, run_id: int | None, limit: int, as_json: bool) -> None:
    """List import runs with their counts; with a RUN_ID, that run's failures and warnings."""
    if run_id is not None:
        if not store.scalar("SELECT 1 FROM import_runs WHERE id = ?", [run_id]):
            fail(f"no import run {run_id}")
        for origin, reason, severity in run_issues(store, run_id):
            if as_json:
                echo_json({"origin": origin, "reason": reason, "severity": severity})
            else:
                echo_text(f"{severity}: {one_line(origin)}: {one_line(reason)}")
        return
    for run in list_runs(store, limit):
        if as_json:
            echo_json(run.__dict__)
            continue
        echo_text(
            f"#{run.id} {run.started_at} {run.status:<11} imported {run.imported}, updated {run.updated}, "
            f"duplicates {run.exact_duplicates}+{run.near_duplicates} near, failed {run.failed}"
            f"{f', warnings {run.warnings}' if run.warnings else ''}  "
            f"{one_line(json.dumps(run.paths, ensure_ascii=False), 60)}"
        )
