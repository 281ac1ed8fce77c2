"""Parsing in worker processes: each loads the pipeline once and returns small results.

The main process keeps the database: it reads bodies, hands out batches, and saves what comes
back, keeping only a few batches in flight so memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections import deque
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from corpus import nlp as nlp_module
from corpus.entities import ruler

if TYPE_CHECKING:
    from corpus.entities.extraction import Parsed
    from corpus.store import Store

_worker: dict = {}
IN_FLIGHT_PER_PROCESS = 2


def _init_worker(model: str | None, patterns: list[dict], processors) -> None:
    # Ctrl-C is the main process's to handle: it stops the pool and keeps what was saved.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    nlp = nlp_module.load(model)
    ruler.install(nlp, patterns)
    _worker.update(nlp=nlp, processors=processors)


def _parse_batch(batch: list[tuple[str, int]]) -> list["Parsed"]:
    from corpus.entities.extraction import parse, with_text

    nlp, processors = _worker["nlp"], _worker["processors"]
    return [parse(doc, article_id, processors, text)
            for doc, (article_id, text) in nlp.pipe(with_text(batch), as_tuples=True, batch_size=len(batch))]


def _context():
    # fork shares the already loaded pipeline for free, but is unsafe in a threaded process
    # (the TUI runs extraction in a worker thread); spawn loads it again in each worker.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _batches(texts: Iterator[tuple[str, int]], size: int) -> Iterator[list[tuple[str, int]]]:
    batch: list[tuple[str, int]] = []
    for item in texts:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def parse_in_workers(store: "Store", ids: Sequence[int], model: str | None, patterns: list[dict],
                     processors, processes: int, batch_size: int,
                     bodies: Callable[["Store", Sequence[int]], Iterator[tuple[str, int]]]):
    """Yield parsed batches in order of completion, `processes` workers parsing meanwhile."""
    pool = _context().Pool(processes, initializer=_init_worker, initargs=(model, patterns, processors))
    try:
        pending: deque = deque()
        source = _batches(bodies(store, ids), batch_size)
        limit = processes * IN_FLIGHT_PER_PROCESS
        for batch in source:
            pending.append(pool.apply_async(_parse_batch, (batch,)))
            while len(pending) >= limit:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
