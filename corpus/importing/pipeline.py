"""`import_paths`: read, prepare, deduplicate and store everything under some paths.

Two stages: a reader (`corpus.importing.readers`) walks the inputs, runs the importers,
cleans and fingerprints; the writer (`corpus.importing.writer`) deduplicates and stores, in
the calling thread. Nothing here prints: the caller follows along through callbacks, and gets
the outcome, failures included, as data.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Iterable

from corpus.importing.inputs import DEFAULT_MAX_SIZE, ImportIssue, plan
from corpus.importing.prepare import PreparedArticle
from corpus.importing.preview import ArticlePreview
from corpus.importing.readers import ReadRequest, open_reader
from corpus.importing.runs import FINISHED, INTERRUPTED, ImportCounts, finish_run, start_run
from corpus.importing.writer import ArticleWriter
from importers import ImportOptions, importer_named

if TYPE_CHECKING:
    from corpus.store import Store

_PROGRESS_INTERVAL = 0.1


@dataclass
class ImportProgress:
    """Where an import stands; sent to `on_progress` a few times a second and at the end."""

    inputs_done: int
    inputs_total: int | None
    bytes_done: int
    bytes_total: int | None
    articles: int  # articles read so far, whatever became of them
    counts: ImportCounts
    elapsed: float
    current: str | None = None

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.elapsed if self.elapsed > 0 else 0.0

    def snapshot(self) -> "ImportProgress":
        """A copy that later progress does not change (safe to hand to another thread)."""
        return replace(self, counts=replace(self.counts))


@dataclass
class ImportSummary:
    run_id: int | None  # None for a dry run, which records nothing
    counts: ImportCounts
    issues: list[ImportIssue] = field(default_factory=list)
    articles: int = 0
    elapsed: float = 0.0
    interrupted: bool = False
    dry_run: bool = False

    @property
    def failures(self) -> list[ImportIssue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[ImportIssue]:
        return [i for i in self.issues if i.severity == "warning"]

    def as_dict(self) -> dict[str, Any]:
        counts = self.counts
        return {
            "run_id": self.run_id, "dry_run": self.dry_run, "interrupted": self.interrupted,
            "articles_read": self.articles, "imported": counts.imported, "updated": counts.updated,
            "exact_duplicates": counts.exact_duplicates, "near_duplicates": counts.near_duplicates,
            "failed": counts.failed, "warnings": counts.warnings, "seconds": round(self.elapsed, 3),
            "errors": [{"origin": i.origin, "reason": i.reason} for i in self.failures],
            "warning_messages": [{"origin": i.origin, "reason": i.reason} for i in self.warnings],
        }


class ImportInterrupted(KeyboardInterrupt):
    """Ctrl-C (or a cancel) stopped the import; whole articles stored so far are kept."""

    def __init__(self, summary: ImportSummary):
        super().__init__("import interrupted")
        self.summary = summary


def _report(done: list, on_article: Callable[[ArticlePreview], None] | None) -> None:
    if on_article is not None:
        for article, outcome in done:
            on_article(ArticlePreview.of(article, outcome))


def import_paths(
    store: "Store",
    paths: Iterable[str],
    *,
    fmt: str | None = None,
    source: str | None = None,
    field_map: dict[str, str] | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
    dry_run: bool = False,
    stdin: BinaryIO | None = None,
    command: str | None = None,
    on_progress: Callable[[ImportProgress], None] | None = None,
    on_issue: Callable[[ImportIssue], None] | None = None,
    on_article: Callable[[ArticlePreview], None] | None = None,
    cancel: threading.Event | None = None,
) -> ImportSummary:
    """Import every article under `paths` (files, folders, globs, "-" for `stdin`).

    Returns the summary, failures included as data; raises `ImportInterrupted` (with the
    summary) on Ctrl-C or when `cancel` is set. Each article found is passed to `on_article`
    with what became of it (with `dry_run`, what would: nothing is written), a batch at a time.
    """
    paths = list(paths)
    if fmt:
        fmt = importer_named(fmt).name  # an unknown format fails before anything starts
    options = ImportOptions(field_map=dict(field_map or {}), max_size=max_size)
    reader = open_reader(ReadRequest(paths, fmt, options, source), stdin)
    started = time.monotonic()
    reader.start()  # a reader process gets going while the inputs are counted and the run recorded
    try:
        totals = plan(paths, max_size)
        run_id = None if dry_run else start_run(
            store, paths, {"format": fmt, "source": source, "map": options.field_map, "max_size": max_size}, command
        )
        sink = ArticleWriter(store, run_id, dry_run=dry_run)
    except BaseException:
        reader.close()
        raise
    summary = ImportSummary(run_id=run_id, counts=sink.counts, dry_run=dry_run)
    progress = ImportProgress(0, totals[0], 0, totals[1], 0, sink.counts, 0.0)
    last_report = 0.0
    status = FINISHED
    try:
        for item in reader:
            if cancel is not None and cancel.is_set():
                raise KeyboardInterrupt
            if isinstance(item, PreparedArticle):
                summary.articles += 1
                progress.articles += 1
                _report(sink.write(item), on_article)
            elif isinstance(item, ImportIssue):
                sink.issue(item)
                summary.issues.append(item)
                if on_issue is not None:
                    on_issue(item)
            else:
                progress.inputs_done += 1
                progress.bytes_done += item.size
                progress.current = item.name
            now = time.monotonic()
            if on_progress is not None and now - last_report >= _PROGRESS_INTERVAL:
                last_report = now
                progress.elapsed = now - started
                on_progress(progress.snapshot())
        _report(sink.commit(), on_article)
    except KeyboardInterrupt:
        status = INTERRUPTED
        summary.interrupted = True
        _report(sink.commit(), on_article)  # the articles read so far are stored, each whole
    except BaseException:
        status = INTERRUPTED  # the batch in hand was not stored; a new import will bring it in
        raise
    finally:
        reader.close()
        sink.close()
        summary.elapsed = time.monotonic() - started
        if run_id is not None:
            finish_run(store, run_id, sink.counts, status)
        if on_progress is not None:
            progress.elapsed = summary.elapsed
            on_progress(progress.snapshot())
    if summary.interrupted:
        raise ImportInterrupted(summary)
    return summary
