"""The Python-heavy steps of candidate generation, split over the machine's cores.

Workers are forked, so they see the caller's data structures without copying them; where fork
is unsafe (a threaded process such as the workbench) or the work is small, it runs in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")
# Below this many items a pool costs more than it saves.
MIN_ITEMS = 20_000


def _worth_forking(items: int) -> bool:
    cores = os.cpu_count() or 1
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    return cores >= 2 and items >= MIN_ITEMS and forkable


@contextmanager
def in_background(func: Callable[[], T], items: int) -> Iterator[Callable[[], T]]:
    """Start `func()` in a forked child (when `items` make it worth it) while the caller goes on.

    Yields a function that waits for the result. `func` must be a module-level function
    reading module-level data set before the call. Small jobs simply run first, in-process.
    """
    if not _worth_forking(items):
        result = func()
        yield lambda: result
        return
    pool = multiprocessing.get_context("fork").Pool(1)
    try:
        pending = pool.apply_async(func)
        yield pending.get
    finally:
        pool.terminate()
        pool.join()


def map_slices(func: Callable[[int, int], T], items: int) -> list[T]:
    """`func(start, stop)` over consecutive slices of range(items), results in slice order.

    `func` must be a module-level function reading module-level data set before the call.
    """
    cores = os.cpu_count() or 1
    if not _worth_forking(items):
        return [func(0, items)]
    step = -(-items // cores)
    bounds = [(start, min(items, start + step)) for start in range(0, items, step)]
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        return pool.starmap(func, bounds)
