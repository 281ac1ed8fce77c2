"""The one small interface every format module implements.

An importer reads one input (a file, or standard input) and yields what it found in it:
a `ParsedArticle` for each article, or a `RecordError` for one bad record in a file of many
(an invalid JSON line, a CSV row without a body) so that the rest of the file still comes in.
A problem with the input as a whole (binary, malformed XML, no article text) is raised as
`InputError`. Importers only read: cleaning, deduplication and storage happen afterwards, in
`corpus.importing`, the same way for every format.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator, Protocol


class InputError(Exception):
    """The input cannot be read at all; the message is the one-line reason."""


@dataclass
class RecordError:
    """One record of a multi-record input could not be read; the others still are."""

    origin: str  # path:line, path#entry
    reason: str


@dataclass
class ReadWarning:
    """Something the analyst should know about an input that was still read (a feed with
    malformed XML that a lenient parser recovered); not a failure."""

    origin: str
    reason: str


@dataclass
class ParsedArticle:
    """An article as an importer read it, before cleaning."""

    text: str  # the body as found, paragraphs separated by blank lines
    origin: str  # path, path:line, path#entry
    format: str
    title: str | None = None  # None: the cleaning takes the first real line as the title
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 when it could be parsed (see importers.dates)
    language: str | None = None
    source: str | None = None  # the outlet's name, when the input says it
    summary_only: bool = False  # a feed entry that carried only a summary
    metadata: dict[str, Any] = field(default_factory=dict)
    original: str | None = None  # the input as read, when `text` was derived from it (markup)

    @property
    def original_text(self) -> str:
        return self.text if self.original is None else self.original


@dataclass
class ImportOptions:
    """What the user told the importers: `--map field=column`, the `--max-size` limit."""

    field_map: dict[str, str] = field(default_factory=dict)
    max_size: int | None = None


@dataclass
class Input:
    """One thing to read: a file on disk, or bytes already read (standard input)."""

    name: str  # as shown in messages and stored as the article's origin
    path: Path | None = None
    data: bytes | None = None
    size: int | None = None  # in bytes, when the folder walk has looked already

    def read_bytes(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()

    def open_binary(self) -> IO[bytes]:
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return open(self.path, "rb")

    def head(self, size: int = 8192) -> bytes:
        if self.data is not None:
            return self.data[:size]
        with self.open_binary() as handle:
            return handle.read(size)

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower() if self.path is not None else ""


Item = ParsedArticle | RecordError | ReadWarning


class Importer(Protocol):
    name: str  # the value of `--format`
    extensions: tuple[str, ...]  # lower-case, with the dot

    def sniff(self, head: str) -> bool:
        """Does this start of a file (decoded, whitespace-stripped) look like this format?"""

    def read(self, source: Input, options: ImportOptions) -> Iterator[Item]:
        """Yield each article (or bad record) of the input; raise InputError if unreadable."""
