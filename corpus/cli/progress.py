"""How an import shows its progress: a rich bar on a terminal, a plain line now and then otherwise."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator

import click

from corpus.importing import ImportProgress

_PLAIN_INTERVAL = 5.0


def _plain_reporter() -> Callable[[ImportProgress], None]:
    last = [time.monotonic()]

    def report(progress: ImportProgress) -> None:
        now = time.monotonic()
        if now - last[0] < _PLAIN_INTERVAL:
            return
        last[0] = now
        files = f"{progress.inputs_done}/{progress.inputs_total}" if progress.inputs_total else str(progress.inputs_done)
        click.echo(
            f"… {progress.articles:,} articles read from {files} files"
            f" ({progress.articles_per_second:,.0f} articles/s)",
            err=True,
        )

    return report


@contextmanager
def import_progress(enabled: bool) -> Iterator[Callable[[ImportProgress], None] | None]:
    """A progress callback for the import, shown on standard error while the block runs."""
    if not enabled:
        yield None
        return
    if not sys.stderr.isatty():
        yield _plain_reporter()
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("Importing"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[articles]:>8,} articles  {task.fields[rate]:>6,.0f}/s"),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("import", total=None, articles=0, rate=0.0)

        def report(progress: ImportProgress) -> None:
            bar.update(
                task,
                total=progress.bytes_total or None,
                completed=progress.bytes_done,
                articles=progress.articles,
                rate=progress.articles_per_second,
            )

        yield report
