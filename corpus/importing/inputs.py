"""What to read: files, folders (recursively), glob patterns, and `-` for standard input.

The walk is a generator and reads each folder's names in sorted order, so the import order
is stable and memory does not grow with the size of the collection. Inside folders, hidden
files and folders and project files (README, LICENSE, …) are skipped; a file named on the
command line is always read. Symlink loops, unreadable folders and files over the size limit
are reported as issues, and the walk goes on.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from importers import Input

STDIN_NAME = "<stdin>"
DEFAULT_MAX_SIZE = 100 * 1024 * 1024
_PROJECT_FILES = re.compile(
    r"^(?:readme|license|licence|copying|notice|changelog|changes|authors|contributing)(?:[.\-_].*)?$",
    re.IGNORECASE,
)
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class ImportIssue:
    """A failure (or, with severity "warning", a notice) about one input or record."""

    origin: str  # path, path:line, path#entry
    reason: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def parse_size(text: str) -> int:
    """`500K`, `20M`, `1G`, `1048576` → bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", text, re.IGNORECASE)
    if not match:
        raise ValueError(f"{text!r} is not a size (examples: 500K, 20M, 1G)")
    factor = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)


def _oversized(name: str, size: int, max_size: int | None) -> ImportIssue | None:
    if max_size is not None and size > max_size:
        return ImportIssue(name, f"{human_size(size)}, over the --max-size limit of {human_size(max_size)}")
    return None


def _stat_problem(path: Path, exc: OSError) -> ImportIssue:
    if exc.errno == errno.ELOOP:
        return ImportIssue(str(path), "symlink loop")
    if exc.errno == errno.ENOENT and path.is_symlink():
        return ImportIssue(str(path), f"broken symlink (points to {os.readlink(path)})")
    if exc.errno == errno.ENOENT:
        return ImportIssue(str(path), "no such file or folder")
    return ImportIssue(str(path), f"cannot read ({exc.strerror or exc})")


class InputWalker:
    """Yields an `Input` for each file to read, or an `ImportIssue` for what cannot be."""

    def __init__(self, max_size: int | None = DEFAULT_MAX_SIZE, stdin: BinaryIO | None = None):
        self.max_size = max_size
        self.stdin = stdin

    def walk(self, paths: Iterable[str]) -> Iterator[Input | ImportIssue]:
        for raw in paths:
            if raw == "-":
                yield self._stdin()
            elif not os.path.lexists(raw) and _GLOB_CHARS.search(raw):
                yield from self._glob(raw)
            else:
                yield from self._path(Path(raw), explicit=True, ancestors=())

    def _stdin(self) -> Input | ImportIssue:
        if self.stdin is None:
            return ImportIssue(STDIN_NAME, "standard input is not available here")
        limit = self.max_size
        data = self.stdin.read() if limit is None else self.stdin.read(limit + 1)
        if limit is not None and len(data) > limit:
            return ImportIssue(STDIN_NAME, f"more than the --max-size limit of {human_size(limit)}")
        return Input(name=STDIN_NAME, data=data)

    def _glob(self, pattern: str) -> Iterator[Input | ImportIssue]:
        matches = sorted(glob.iglob(pattern, recursive=True))
        if not matches:
            yield ImportIssue(pattern, "no files match this pattern")
        for match in matches:
            yield from self._path(Path(match), explicit=True, ancestors=())

    def _path(self, path: Path, explicit: bool, ancestors: tuple[tuple[int, int], ...]) -> Iterator[Input | ImportIssue]:
        try:
            info = path.stat()
        except OSError as exc:
            yield _stat_problem(path, exc)
            return
        if stat.S_ISDIR(info.st_mode):
            yield from self._folder(path, (info.st_dev, info.st_ino), ancestors)
        elif stat.S_ISREG(info.st_mode):
            found = Input(name=str(path), path=path, size=info.st_size)
            yield _oversized(str(path), info.st_size, self.max_size) or found
        elif explicit:
            yield ImportIssue(str(path), "not a regular file or folder")

    def _folder(self, path: Path, key: tuple[int, int], ancestors: tuple) -> Iterator[Input | ImportIssue]:
        if key in ancestors:
            yield ImportIssue(str(path), "symlink loop (leads back to a folder it is inside)")
            return
        try:
            with os.scandir(path) as entries:
                names = sorted(e.name for e in entries if not _skipped(e.name))
        except OSError as exc:
            yield ImportIssue(str(path), f"cannot read the folder ({exc.strerror or exc})")
            return
        for name in names:
            yield from self._path(path / name, explicit=False, ancestors=(*ancestors, key))


def _skipped(name: str) -> bool:
    return name.startswith(".") or bool(_PROJECT_FILES.match(name))


def plan(paths: Iterable[str], max_size: int | None = DEFAULT_MAX_SIZE) -> tuple[int, int]:
    """How many files and bytes an import of these paths will read (standard input not counted)."""
    files = size = 0
    for item in InputWalker(max_size, stdin=None).walk(p for p in paths if p != "-"):
        if isinstance(item, Input) and item.path is not None:
            files += 1
            size += item.size or 0
    return files, size
