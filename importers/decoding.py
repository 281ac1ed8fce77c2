"""Bytes to text: UTF-8 with or without a byte-order mark, UTF-16, and legacy encodings.

UTF-8 is tried first because it is by far the most common and a strict decode is cheap;
anything else goes to charset-normalizer. Binary files are recognised and refused with a
reason that says what they are, so a stray PDF in a folder gets a clear one-line error.
"""

from __future__ import annotations

import codecs
import io
from typing import IO

import charset_normalizer

from importers.base import Input, InputError

_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes other than tab, newline, form feed and carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_STREAM_SAMPLE = 64 * 1024
_WESTERN = "cp1252"


def _legacy_encoding(data: bytes) -> str:
    """The code page of text that is not UTF-8.

    Short texts fit several code pages equally well, and charset-normalizer may rank, say, Mac
    Central European first for "Kyiv\x92s". Windows-1252 is by far the most common legacy
    encoding of the articles met here, so it wins whenever reading the bytes as Windows-1252 is
    among the least garbled readings.
    """
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError("binary file or unknown text encoding")
    if any(m.chaos <= best.chaos and _WESTERN in m.could_be_from_charset for m in matches):
        return _WESTERN
    return best.encoding


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def refuse_binary(head: bytes) -> None:
    """Raise InputError when the start of a file shows it is not text."""
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise InputError(f"binary file ({what}), not a supported format")
    if _bom_encoding(head) in ("utf-16", "utf-32"):
        return
    sample = head[:8192]
    if b"\x00" in sample or (sample and len(sample.translate(None, _CONTROL_BYTES)) < 0.9 * len(sample)):
        raise InputError("binary file, not text")


def decode(data: bytes) -> str:
    """The text of a whole input; raises InputError for empty or binary input."""
    if not data.strip():
        raise InputError("empty file")
    refuse_binary(data)
    encoding = _bom_encoding(data)
    if encoding:
        return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return data.decode(_legacy_encoding(data), errors="replace")


def read_text(source: Input) -> str:
    return decode(source.read_bytes())


def _stream_encoding(head: bytes) -> str:
    encoding = _bom_encoding(head)
    if encoding:
        return encoding
    try:
        # The sample may end in the middle of a character: decode it as an unfinished stream.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return _legacy_encoding(head)


def open_text(source: Input) -> IO[str]:
    """A text stream over the input, its encoding detected from the first 64 KB.

    Multi-record formats (JSON Lines, CSV) are read this way so that a large file is never
    held in memory; a byte that does not fit the detected encoding becomes U+FFFD.
    """
    binary = source.open_binary()
    try:
        head = binary.read(_STREAM_SAMPLE)
        if not head.strip():
            raise InputError("empty file")
        refuse_binary(head)
        encoding = _stream_encoding(head)
        binary.seek(0)
    except BaseException:
        binary.close()
        raise
    return io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")
