"""Names the model finds that are not names: capitalised common words and headline fragments.

A name without a single capital letter ("integer", "langparser.y", "n’t") is not a name in
English text. Two more signals, both read from the article itself rather than from a word list:

- a single capitalised word that the same article also uses as an ordinary lower-case word is
  a common noun capitalised by a headline or a title ("Defense" next to "air defense missiles");
- a name found only in headline-cased lines ("Polish Foundation Brings Battlefield Healthcare
  Workers to Ukraine") and never in the running text is a fragment of a headline, often of a
  teaser for another article spliced into the page.

Names the analyst confirmed (found by the entity ruler) are never noise.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from corpus.doc_processing import doc_text
from corpus.entities.normalise import identity_key

if TYPE_CHECKING:
    from spacy.tokens import Doc

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_FUNCTION_WORDS = frozenset(
    "a an and as at but by for from in into of on or over the to up upon vs via with without "
    "is are was be its it".split()
)
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
MIN_HEADLINE_WORDS = 4
HEADLINE_CAPITALISED_SHARE = 0.8


def is_headline_cased(line: str) -> bool:
    """A line of capitalised words without a closing full stop: a headline, not a sentence."""
    line = line.strip()
    if not line or line[-1] in ".!?…\"”’:;,":
        return False
    words = [w for w in _WORD.findall(line)[1:] if w.lower() not in _FUNCTION_WORDS]
    if len(words) < MIN_HEADLINE_WORDS:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= HEADLINE_CAPITALISED_SHARE


class NoiseFilter:
    """Judges the names found in one parsed article."""

    def __init__(self, doc: "Doc"):
        self.doc = doc
        self.text = doc_text(doc)

    @cached_property
    def _lower_words(self) -> frozenset[str]:
        return frozenset(_LOWER_WORD.findall(self.text))

    @cached_property
    def _headline_ranges(self) -> list[tuple[int, int]]:
        ranges, offset = [], 0
        for line in self.text.split("\n"):
            if is_headline_cased(line):
                ranges.append((offset, offset + len(line)))
            offset += len(line) + 1
        return ranges

    @cached_property
    def _running_text_keys(self) -> frozenset[str]:
        keys = set()
        for ent in self.doc.ents:
            if not self._in_headline(ent.start_char):
                keys.add(identity_key(ent.text))
        return frozenset(keys)

    def _in_headline(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self._headline_ranges)

    def is_noise(self, surface: str, start: int, end: int) -> bool:
        if not any(c.isupper() for c in surface):
            return True
        words = surface.split()
        if len(words) == 1 and surface[:1].isupper() and surface[1:].islower():
            if surface.lower() in self._lower_words:
                return True
        if self._headline_ranges and self._in_headline(start):
            return identity_key(surface) not in self._running_text_keys
        return False
