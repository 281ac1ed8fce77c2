"""Writing parsed articles: one transaction per batch, one statement per table where possible.

A batch is first written as a whole: bodies checked with one query, each processor's earlier
output cleared and its new results written for all the batch's articles at once (processors
with `clear_many`/`save_many`), and the extraction states in one statement. Should anything in
it fail, the batch is rolled back to its savepoint and written again article by article, each
in a savepoint of its own, so the one bad article is reported and the others are kept.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable

from corpus.store import in_lists, placeholders, utc_now

if TYPE_CHECKING:
    from corpus.entities.extraction import ExtractionReport, Parsed
    from corpus.store import Store


class ArticleChanged(ValueError):
    """The body in the database is not the one that was parsed."""

    def __init__(self) -> None:
        super().__init__("the article was changed or deleted while it was being parsed")


class Saver:
    """Writes parsed batches and counts what was committed in the report."""

    def __init__(self, store: "Store", info, processors, report: "ExtractionReport",
                 progress: Callable[[int, int, int], None] | None, body_hash: Callable[[str], str]):
        self.store, self.info, self.processors = store, info, processors
        self.report, self.progress, self.body_hash = report, progress, body_hash

    def save(self, batch: list["Parsed"]) -> None:
        failed: list[tuple[int, str]] = []
        with self.store.transaction():
            try:
                with self.store.transaction():
                    self._save_all(batch)
                done = batch
            except Exception:  # find the article at fault; the others are written one by one
                done, failed = self._save_each(batch)
        # Counted only once committed: an interrupted batch leaves nothing behind, nor in the report.
        report = self.report
        report.extracted += len(done)
        report.words += sum(p.words for p in done)
        for parsed in done:
            mentions, noise = _mention_counts(parsed.results)
            report.mentions += mentions
            report.noise += noise
        report.failed.extend(failed)
        if self.progress:
            self.progress(report.extracted + len(report.failed), report.pending, report.words)

    def _save_all(self, batch: list["Parsed"]) -> None:
        store = self.store
        ids = [p.article_id for p in batch]
        bodies: dict[int, str] = {}
        for part in in_lists(ids):
            bodies.update(store.conn.execute(f"SELECT id, body FROM articles WHERE id IN ({placeholders(part)})",
                                             part))
        if any(p.article_id not in bodies or self.body_hash(bodies[p.article_id]) != p.body_hash for p in batch):
            raise ArticleChanged()
        for processor in reversed(self.processors):
            clear_many = getattr(processor, "clear_many", None)
            if clear_many is not None:
                clear_many(store, ids)
            else:
                for article_id in ids:
                    processor.clear(store, article_id)
        for index, processor in enumerate(self.processors):
            items = [(p.article_id, p.results[index]) for p in batch]
            save_many = getattr(processor, "save_many", None)
            if save_many is not None:
                save_many(store, items)
            else:
                for article_id, result in items:
                    processor.save(store, article_id, result)
        self._record(batch)

    def _save_each(self, batch: list["Parsed"]) -> tuple[list["Parsed"], list[tuple[int, str]]]:
        done, failed = [], []
        for parsed in batch:
            try:
                with self.store.transaction():
                    self._save_all([parsed])
            except Exception as exc:  # one bad article must not stop the run
                failed.append((parsed.article_id, f"{type(exc).__name__}: {exc}"))
                continue
            done.append(parsed)
        return done, failed

    def _record(self, batch: list["Parsed"]) -> None:
        now = utc_now()
        self.store.conn.executemany(
            "INSERT OR REPLACE INTO extraction_state (article_id, body_hash, pipeline, pipeline_version,"
            " extracted_at, sentences, mention_count) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(p.article_id, p.body_hash, self.info.name, self.info.version, now,
              json.dumps(p.sentences, separators=(",", ":")), _mention_counts(p.results)[0]) for p in batch],
        )


def _mention_counts(results: list[Any]) -> tuple[int, int]:
    from corpus.entities.mentions import Analysis

    for result in results:
        if isinstance(result, Analysis):
            return len(result.mentions), result.noise
    return 0, 0
