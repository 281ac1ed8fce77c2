"""Long work off the UI thread: import, extraction and export.

Each job runs in a Textual thread worker with its own `Store` on the same database file (see
`tui.app` for why), reports progress by posting messages to the app, and ends with a
`TaskFinished` or `TaskFailed` message that carries the reason. Nothing here touches a widget.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from corpus import export
from corpus.store import Store
from corpus.wording import noun
from tui.messages import ArticlesStored, TaskFailed, TaskFinished, TaskProgress

if TYPE_CHECKING:
    from tui.app import CorpusApp

PROGRESS_INTERVAL = 0.1  # seconds between progress messages, so a fast job does not flood the UI
# Seconds between refreshes of the article list while an import stores articles: often enough
# to see them arrive, seldom enough that relisting a large corpus never makes typing stutter.
ARTICLES_INTERVAL = 1.0


@dataclass
class ExportRequest:
    kind: str  # articles, claims, entities, links
    label: str  # what is exported, for the dialog: "1,234 articles of this view"
    article_ids: list[int] | None = None
    filters: dict = field(default_factory=dict)  # other ExportFilters fields
    path: str = ""


@dataclass
class ImportRequest:
    paths: list[str]
    extract: bool = True


class _Reporter:
    """Throttled progress messages from a worker thread."""

    def __init__(self, app: "CorpusApp", task: str) -> None:
        self.app = app
        self.task = task
        self._last = 0.0

    def __call__(self, done: int, total: int | None = None, detail: str = "") -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL or (total and done >= total):
            self._last = now
            self.app.post_message(TaskProgress(self.task, done, total, detail))


class _ArticlesNotice:
    """Tells the app, at most every ARTICLES_INTERVAL, that an import stored more articles.

    The importer calls it for each article of a batch once the batch is committed, so the
    list, read on another connection, finds them there."""

    STORED = ("imported", "updated", "near_duplicate")  # an exact duplicate is skipped

    def __init__(self, app: "CorpusApp") -> None:
        self.app = app
        self._last = 0.0

    def __call__(self, article) -> None:
        now = time.monotonic()
        if article.status in self.STORED and now - self._last >= ARTICLES_INTERVAL:
            self._last = now
            self.app.post_message(ArticlesStored())


def _run(app: "CorpusApp", task: str, job: Callable[[Store, _Reporter], TaskFinished]) -> None:
    """Start `job` in a thread with its own Store; any exception becomes a TaskFailed."""

    def work() -> None:
        try:
            with Store(app.store.path) as store:
                app.post_message(job(store, _Reporter(app, task)))
        except Exception as exc:  # noqa: BLE001 - reported to the analyst, never lost
            app.post_message(TaskFailed(task, f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc)))

    app.run_worker(work, name=task, group="tasks", thread=True, exit_on_error=False)


def start_export(app: "CorpusApp", request: ExportRequest) -> None:
    def job(store: Store, report: _Reporter) -> TaskFinished:
        report(0, None, os.path.basename(request.path))
        filters = export.ExportFilters(article_ids=request.article_ids, **request.filters)
        count = export.export_to_path(store, request.kind, filters, request.path)
        exported = noun(count, export.ITEM_NOUNS[request.kind])
        return TaskFinished("Export", f"Exported {count:,} {exported} to {request.path}", [])

    _run(app, "Export", job)


def start_import(app: "CorpusApp", request: ImportRequest) -> None:
    from corpus import importing

    def job(store: Store, report: _Reporter) -> TaskFinished:
        def progress(p: importing.ImportProgress) -> None:
            report(p.inputs_done, p.inputs_total, f"{p.counts.imported:,} new")

        summary = importing.import_paths(store, request.paths, command="corpus (workbench)", on_progress=progress,
                                         on_article=_ArticlesNotice(app))
        counts = summary.counts
        failures = [f"{issue.origin}: {issue.reason}" for issue in summary.failures]
        text = (f"Imported {counts.imported:,} articles ({counts.exact_duplicates:,} exact duplicates skipped,"
                f" {counts.near_duplicates:,} near-duplicates marked, {counts.failed:,} failed)")
        if request.extract and (counts.imported or counts.updated):
            text += ". " + _extract(store, _Reporter(app, "Extraction"))
        return TaskFinished("Import", text, failures)

    _run(app, "Import", job)


def start_extraction(app: "CorpusApp") -> None:
    _run(app, "Extraction", lambda store, report: TaskFinished("Extraction", _extract(store, report), []))


def _extract(store: Store, report: _Reporter) -> str:
    from corpus.entities import extraction

    report(0, None, "loading the language model")  # seconds before the first article is done
    result = extraction.extract(store, progress=lambda done, pending, words: report(done, pending, f"{words:,} words"))
    summary = f"Extracted names from {result.extracted:,} articles ({result.mentions:,} mentions)"
    if result.candidates:
        summary += f"; {result.candidates:,} name pairs to review"
    if result.failed:
        summary += f"; {len(result.failed)} articles failed"
    return summary
