"""The reading stage of an import: in the writer's own thread, or beside it in a process.

Reading, cleaning and fingerprinting is Python work; storing is mostly SQLite's. A large import
with a processor core to spare reads in a separate process, so both run at once. Otherwise it
reads in the calling thread: a second thread would not help, since two threads of one
interpreter take turns holding its lock, and measured slower than one. Either way the items
are handed over one by one (through a pipe of bounded size), so memory stays flat however many
articles pass through.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None

from corpus.importing.inputs import ImportIssue, InputWalker
from corpus.importing.prepare import InputDone, PreparedArticle, read_input
from importers import ImportOptions, Input

_CHUNK = 16  # items sent together by a process reader
_FRAMES_AHEAD = 32  # chunks read ahead of the pipe: some 500 articles, about 7 MB
_PIPE_SIZES = (4 * 1024 * 1024, 1024 * 1024)  # what Linux allows (1 MB for a normal user by default)
# Starting a reader process costs about a third of a second; it pays off from about this much input.
PROCESS_MIN_FILES = 300
PROCESS_MIN_BYTES = 4 * 1024 * 1024
_IDLE_SAMPLE_SECONDS = 0.1


@dataclass(frozen=True)
class ReadRequest:
    paths: list[str]
    fmt: str | None
    options: ImportOptions
    source: str | None


class _Done:
    pass


@dataclass
class _Failure:
    exc: BaseException


def prepared_items(request: ReadRequest, stdin: BinaryIO | None = None) -> Iterator[PreparedArticle | ImportIssue | InputDone]:
    for item in InputWalker(request.options.max_size, stdin).walk(request.paths):
        if isinstance(item, ImportIssue):
            yield item
            continue
        yield from read_input(item, request.fmt, request.options, request.source)
        yield InputDone(item.name, _size(item))


def _size(item: Input) -> int:
    if item.data is not None:
        return len(item.data)
    if item.size is not None:
        return item.size
    try:
        return item.path.stat().st_size if item.path else 0
    except OSError:
        return 0


class InlineReader:
    """Reads in the calling thread, item by item as the writer asks for them."""

    def __init__(self, request: ReadRequest, stdin: BinaryIO | None):
        self._request, self._stdin = request, stdin

    def start(self) -> None:
        """Nothing runs ahead of the writer."""

    def __iter__(self) -> Iterator[Any]:
        return prepared_items(self._request, self._stdin)

    def close(self) -> None:
        """Nothing to stop."""


def _frame(item: Any) -> bytes:
    payload = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    return len(payload).to_bytes(8, "little") + payload


class _Sender:
    """Writes the reader process's frames to the pipe from a thread of its own.

    The pipe holds about seventy articles (a megabyte, what Linux gives a normal user), fewer
    than the writer stores in one transaction; while it commits, the reading goes on into a
    queue of up to `_FRAMES_AHEAD` frames instead of waiting for room in the pipe. The queue
    is bounded, so memory stays flat. Once the importing process is gone (writing fails), the
    frames are dropped and `send` says so.
    """

    def __init__(self, out: BinaryIO):
        self._out = out
        self._frames: queue.Queue[bytes | None] = queue.Queue(maxsize=_FRAMES_AHEAD)
        self.gone = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (frame := self._frames.get()) is not None:
            if self.gone:
                continue  # keep taking frames, so that `send` never waits for a reader of the pipe
            try:
                self._out.write(frame)
            except OSError:  # a broken pipe: the importing process has stopped
                self.gone = True

    def ahead(self) -> bool:
        """Is the reading well ahead of the writer (a quarter of the queue filled or more)?"""
        return self._frames.qsize() >= _FRAMES_AHEAD // 4

    def send(self, item: Any) -> bool:
        """Queue an item for the pipe; False once the importing process is gone."""
        if self.gone:
            return False
        self._frames.put(_frame(item))
        return True

    def finish(self) -> None:
        self._frames.put(None)
        self._thread.join()
        if not self.gone:
            try:
                self._out.flush()
            except OSError:
                pass


def _fingerprint(chunk: list) -> None:
    """Work out the fingerprints of the chunk's articles here, to be sent along with them."""
    for item in chunk:
        if isinstance(item, PreparedArticle):
            _ = item.fingerprint


def serve(request: ReadRequest, out: BinaryIO) -> None:
    """The reader process's work: prepared items, in chunks, as length-prefixed pickles.

    Fingerprinting an article is the one step either side can do (prepare.py). The writer
    does it, unless the reading is well ahead of it: then this process does it, so that
    whichever side has time to spare takes it on.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the importing process's to handle
    sender = _Sender(out)
    chunk: list = []
    try:
        for item in prepared_items(request):
            chunk.append(item)
            if len(chunk) >= _CHUNK:
                if sender.ahead():
                    _fingerprint(chunk)
                if not sender.send(chunk):
                    return
                chunk = []
        sender.send(chunk)
        sender.send(_Done())
    except BaseException as exc:
        try:
            failure = _Failure(exc)
            pickle.dumps(failure)
        except Exception:
            failure = _Failure(RuntimeError(f"{type(exc).__name__}: {exc}"))
        sender.send(failure)
    finally:
        sender.finish()


_BOOTSTRAP = (
    "import pickle, sys\n"
    "sys.path[:0] = pickle.loads(sys.stdin.buffer.read(int.from_bytes(sys.stdin.buffer.read(8), 'little')))\n"
    "from corpus.importing.readers import serve\n"
    "request = pickle.loads(sys.stdin.buffer.read(int.from_bytes(sys.stdin.buffer.read(8), 'little')))\n"
    "serve(request, sys.stdout.buffer)\n"
)


def _widen_pipe(stream: BinaryIO) -> None:
    """Room for a batch or more of articles in the pipe (64 KB holds about four), so the reader
    keeps working while the writer commits instead of waiting for it."""
    setpipe = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl else None
    if setpipe is None:
        return
    for size in _PIPE_SIZES:
        try:
            fcntl.fcntl(stream.fileno(), setpipe, size)
            return
        except OSError:
            continue


class ProcessReader:
    """Runs the reading stage in a child Python process (a plain subprocess, so nothing of the
    calling program is imported again there)."""

    def __init__(self, request: ReadRequest):
        self._request = request
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _BOOTSTRAP], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, start_new_session=False,
        )
        _widen_pipe(self._process.stdout)
        self._process.stdin.write(_frame([p for p in sys.path if p]) + _frame(self._request))
        self._process.stdin.close()

    def _receive(self) -> Any:
        stream = self._process.stdout
        size = stream.read(8)
        if len(size) < 8:
            code = self._process.wait()
            raise RuntimeError(f"the import's reader process stopped unexpectedly (exit code {code})")
        return pickle.loads(stream.read(int.from_bytes(size, "little")))

    def __iter__(self) -> Iterator[Any]:
        while True:
            received = self._receive()
            if isinstance(received, _Done):
                return
            if isinstance(received, _Failure):
                raise received.exc
            yield from received

    def close(self) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process.stdout.close()


def _processor_times() -> tuple[int, int]:
    """Idle and total time of all processors so far, in clock ticks (Linux's /proc/stat)."""
    with open("/proc/stat", encoding="ascii") as stat:
        ticks = [int(value) for value in stat.readline().split()[1:9]]  # user … steal
    return ticks[3] + ticks[4], sum(ticks)


def _idle_cores() -> float | None:
    """How many processors' worth of time is idle now, over a tenth of a second (None off Linux)."""
    try:
        idle_before, total_before = _processor_times()
        time.sleep(_IDLE_SAMPLE_SECONDS)
        idle_after, total_after = _processor_times()
    except (OSError, ValueError, IndexError):
        return None
    total = total_after - total_before
    return (os.cpu_count() or 1) * (idle_after - idle_before) / total if total > 0 else None


def _a_core_is_free() -> bool:
    """Is a core free for a reader process, besides the one the writer needs?

    What counts is how busy the processors are now, measured while this process waits: the
    load average lags by a minute and counts this process's own work just before (a
    benchmark's preparations, say). With one of two cores taken by other work, reading in
    the writer's thread measured as fast as a reader process.
    """
    cores = os.cpu_count() or 1
    idle = _idle_cores()
    if idle is None:
        try:
            idle = cores - os.getloadavg()[0]
        except (AttributeError, OSError):  # no load average on this system
            idle = float(cores)
    return cores >= 2 and idle >= 1.5


def _large(paths: list[str], max_size: int | None) -> bool:
    """Are there at least `PROCESS_MIN_FILES` files or `PROCESS_MIN_BYTES` to read? (It stops
    counting there: the reader process starts without waiting for a walk of all the inputs.)"""
    files = size = 0
    for item in InputWalker(max_size, stdin=None).walk(p for p in paths if p != "-"):
        if isinstance(item, Input) and item.path is not None:
            files += 1
            size += item.size or 0
            if files >= PROCESS_MIN_FILES or size >= PROCESS_MIN_BYTES:
                return True
    return False


def open_reader(request: ReadRequest, stdin: BinaryIO | None):
    """A process reader for a large import of files when a core is free, else an inline one."""
    if "-" not in request.paths and _large(request.paths, request.options.max_size) and _a_core_is_free():
        return ProcessReader(request)
    return InlineReader(request, stdin)
