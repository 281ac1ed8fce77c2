"""Word wrapping that remembers where each screen line comes from in the text.

The reader needs to map a character offset (a sentence, a mention, a claim) to a screen line
and back, so it wraps the text itself: each line is a (start, end) range of the original
string, never a copy with changed offsets.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

_WORD = re.compile(r"\S+\s*")

_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if code != 0x0A}
_CONTROL_PICTURES.update({0x09: " ", 0x7F: "␡"})
_CONTROL_PICTURES.update({code: "�" for code in range(0x80, 0xA0)})


def literal(text: str) -> str:
    """The text with every control character but the line break replaced by one visible symbol.

    Same length, so offsets still hold; same characters that `corpus.safe_text.
    neutralise_controls` escapes (it writes `\\x1b`, four characters, which would shift them).
    """
    return text.translate(_CONTROL_PICTURES)


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Screen lines of `text` at `width` cells, as (start, end) offsets; blank lines kept."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    start = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        lines.extend(_wrap_paragraph(text, start, end, width))
        start = end + 1
    return lines


def _wrap_paragraph(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    if start == end:
        return [(start, start)]
    lines: list[tuple[int, int]] = []
    line_start = start
    used = 0
    for match in _WORD.finditer(text, start, end):
        word_start, word_end = match.span()
        word = text[word_start:word_end].rstrip()
        size = cell_len(word)
        if used and used + size > width:
            lines.append((line_start, word_start))
            line_start, used = word_start, 0
        while size > width:  # a word longer than the line is cut
            cut = _cut(text, line_start, width)
            lines.append((line_start, cut))
            line_start = cut
            size = cell_len(text[line_start:word_start + len(word)])
            used = 0
        used += cell_len(text[word_start if used else line_start:word_end])
    lines.append((line_start, end))
    return lines


def _cut(text: str, start: int, width: int) -> int:
    used = 0
    for i in range(start, len(text)):
        used += cell_len(text[i])
        if used > width:
            return max(start + 1, i)
    return len(text)
