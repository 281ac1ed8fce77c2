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
import signal
import subprocess
import sys
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
_PIPE_SIZES = (4 * 1024 * 1024, 1024 * 1024)  # what Linux allows (1 MB for a normal user by default)
# Starting a reader process costs about a second; it pays off from about this much input.
PROCESS_MIN_FILES = 300
PROCESS_MIN_BYTES = 4 * 1024 * 1024


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


def serve(request: ReadRequest, out: BinaryIO) -> None:
    """The reader process's work: prepared items, in chunks, as length-prefixed pickles.

    A full pipe blocks the writes, which keeps memory flat; when the importing process is
    gone, the next write fails and the reader ends.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the importing process's to handle
    chunk: list = []
    try:
        for item in prepared_items(request):
            chunk.append(item)
            if len(chunk) >= _CHUNK:
                out.write(_frame(chunk))
                chunk = []
        out.write(_frame(chunk))
        out.write(_frame(_Done()))
    except BrokenPipeError:
        return
    except BaseException as exc:
        try:
            failure = _Failure(exc)
            pickle.dumps(failure)
        except Exception:
            failure = _Failure(RuntimeError(f"{type(exc).__name__}: {exc}"))
        out.write(_frame(failure))
    out.flush()


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


def _a_core_is_free() -> bool:
    """A reader process only helps when it has a processor core of its own."""
    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this system
        busy = 0.0
    return cores - busy >= 1.0


def open_reader(request: ReadRequest, stdin: BinaryIO | None, files: int | None, size: int | None):
    """A process reader for a large import of files when a core is free, else an inline one."""
    large = (files or 0) >= PROCESS_MIN_FILES or (size or 0) >= PROCESS_MIN_BYTES
    if large and "-" not in request.paths and _a_core_is_free():
        return ProcessReader(request)
    return InlineReader(request, stdin)
