"""Sentence and token boundaries of an article, and keyboard span selection over them.

The reader moves a cursor sentence by sentence and lets the analyst select a claim without a
mouse: a selection starts as the current sentence and grows or shrinks by token or by sentence
at either end. Everything here works on character offsets into the clean body, the same
offsets claims and mentions are stored with.

Where sentence boundaries come from: when the article has been through spaCy extraction, its
parser's sentences are stored and used (so the cursor agrees with the sentence index of
mentions and with the suggested claims); otherwise `split_sentences` cuts the text with a
fast regular expression, so a freshly imported article can be read and annotated at once.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A sentence ends at . ! ? (or …), possibly followed by closing quotes or brackets, then
# whitespace and something that can open a sentence. Line breaks always end a sentence:
# scraped articles keep one paragraph (or headline, or caption) per line.
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9À-Þ])""")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gen col lt sgt capt gov pres st jr sr inc ltd co corp vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec no fig approx dept est u.s u.k e.g i.e".split()
)
_TOKEN = re.compile(r"\w+(?:['’.\-]+\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


def _is_abbreviation(text: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lower().lstrip("(\"'“‘")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def split_sentences(text: str) -> list[Span]:
    """Sentences of `text` as spans without surrounding whitespace, in order."""
    spans: list[Span] = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        start = line_start
        for match in _SENTENCE_END.finditer(text, line_start, line_end):
            if match.group().startswith(".") and _is_abbreviation(text, match.start()):
                continue
            span = _strip(text, start, match.end())
            if span:
                spans.append(span)
            start = match.end()
        span = _strip(text, start, line_end)
        if span:
            spans.append(span)
        line_start = line_end + 1
    return spans


def split_tokens(text: str) -> list[Span]:
    """Words (with inner apostrophes, hyphens and dots) and single punctuation marks."""
    return [Span(m.start(), m.end()) for m in _TOKEN.finditer(text)]


class Boundaries:
    """The sentences and tokens of one text, with lookups by character offset."""

    def __init__(self, text: str, sentences: list[Span] | None = None):
        self.text = text
        if sentences:
            # A parser's sentences carry their trailing whitespace; a selection should not.
            sentences = [span for span in (_strip(text, s.start, s.end) for s in sentences) if span]
        self.sentences = sentences or split_sentences(text)
        self.tokens = split_tokens(text)
        self._sentence_starts = [s.start for s in self.sentences]
        self._token_ends = [t.end for t in self.tokens]
        self._token_starts = [t.start for t in self.tokens]

    def sentence_index_at(self, offset: int) -> int:
        """The sentence containing `offset`, or the nearest one before it."""
        if not self.sentences:
            return -1
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def sentence(self, index: int) -> Span:
        return self.sentences[max(0, min(index, len(self.sentences) - 1))]

    def next_token_end(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._token_ends, offset)
        return self._token_ends[i] if i < len(self._token_ends) else None

    def previous_token_end(self, offset: int) -> int | None:
        i = bisect.bisect_left(self._token_ends, offset) - 1
        return self._token_ends[i] if i >= 0 else None

    def next_token_start(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._token_starts, offset)
        return self._token_starts[i] if i < len(self._token_starts) else None

    def previous_token_start(self, offset: int) -> int | None:
        i = bisect.bisect_left(self._token_starts, offset) - 1
        return self._token_starts[i] if i >= 0 else None


# Selection moves. Each returns a new span, or the same one when the move is impossible
# (a selection never becomes empty and never leaves the text).


def grow_end_by_token(b: Boundaries, sel: Span) -> Span:
    end = b.next_token_end(sel.end)
    return Span(sel.start, end) if end is not None else sel


def shrink_end_by_token(b: Boundaries, sel: Span) -> Span:
    end = b.previous_token_end(sel.end)
    return Span(sel.start, end) if end is not None and end > sel.start else sel


def grow_start_by_token(b: Boundaries, sel: Span) -> Span:
    start = b.previous_token_start(sel.start)
    return Span(start, sel.end) if start is not None else sel


def shrink_start_by_token(b: Boundaries, sel: Span) -> Span:
    start = b.next_token_start(sel.start)
    return Span(start, sel.end) if start is not None and start < sel.end else sel


def grow_end_by_sentence(b: Boundaries, sel: Span) -> Span:
    for sentence in b.sentences:
        if sentence.end > sel.end:
            return Span(sel.start, sentence.end)
    return sel


def shrink_end_by_sentence(b: Boundaries, sel: Span) -> Span:
    ends = [s.end for s in b.sentences if sel.start < s.end < sel.end]
    return Span(sel.start, ends[-1]) if ends else sel


def grow_start_by_sentence(b: Boundaries, sel: Span) -> Span:
    starts = [s.start for s in b.sentences if s.start < sel.start]
    return Span(starts[-1], sel.end) if starts else sel


def shrink_start_by_sentence(b: Boundaries, sel: Span) -> Span:
    for sentence in b.sentences:
        if sel.start < sentence.start < sel.end:
            return Span(sentence.start, sel.end)
    return sel
