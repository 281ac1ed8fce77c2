"""Automatic identity: names that differ only in ways that never change who is meant.

Two names with the same `identity_key` are one alias, merged without asking: case, straight or
curly possessives, a leading "the", quotes, hyphen versus space, diacritics, dots in
abbreviations (U.S. / US) and whitespace.

`trim_span` does the same at the mention level: the stored mention of "the Kyiv Post’s" is
"Kyiv Post", with offsets that point at exactly those characters of the body.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

APOSTROPHES = "'’‘`´ʼ"
QUOTES = "\"“”„‟«»‹›" + APOSTROPHES
_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(rf"(?:[{APOSTROPHES}]s|(?<=s)[{APOSTROPHES}])$", re.IGNORECASE)
_NON_WORD = re.compile(r"[^0-9A-Za-z]+")
_NO_QUOTES = str.maketrans("", "", QUOTES)
_DOTTED = re.compile(r"(?<=\w)\.(?=\w)|(?<=\b\w)\.$")


@lru_cache(maxsize=200_000)
def identity_key(name: str) -> str:
    """The key under which spellings of one name are one alias ('' when nothing is left)."""
    return cased_key(name).lower()


# Most names are plain words: nothing below would change them but hyphens and spacing.
_PLAIN = re.compile(r"[A-Za-z0-9 -]*")


@lru_cache(maxsize=200_000)
def cased_key(name: str) -> str:
    """The identity key before lower-casing: the same words, as written (for explanations)."""
    if _PLAIN.fullmatch(name) and not _LEADING_ARTICLE.match(name.lstrip()):
        return " ".join(name.replace("-", " ").split())
    text = name if name.isascii() else unicodedata.normalize("NFKC", name)
    text = text.strip(QUOTES + " \t\n")
    text = _POSSESSIVE.sub("", text)
    text = _LEADING_ARTICLE.sub("", text)
    if "." in text:
        text = _DOTTED.sub("", text)  # U.S. -> US before dots become word breaks
    if not text.isascii():
        text = unidecode(text)
    return " ".join(_NON_WORD.sub(" ", text.translate(_NO_QUOTES)).split())


def key_tokens(key: str) -> list[str]:
    return key.split()


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) of `text` to the name itself: no leading "the", quotes or possessive."""
    changed = True
    while changed and start < end:
        changed = False
        span = text[start:end]
        stripped = span.lstrip(QUOTES + " \t\n")
        if stripped != span:
            start += len(span) - len(stripped)
            changed = True
            span = stripped
        stripped = span.rstrip(QUOTES + " \t\n") if not _POSSESSIVE.search(span) else span
        if stripped != span:
            end -= len(span) - len(stripped)
            changed = True
            span = stripped
        article = _LEADING_ARTICLE.match(span)
        if article and article.end() < len(span):
            start += article.end()
            changed = True
        possessive = _POSSESSIVE.search(text[start:end])
        if possessive and possessive.start() > 0:
            end = start + possessive.start()
            changed = True
    return start, end


def extend_hyphenated(text: str, end: int) -> int:
    """Extend a name cut inside a hyphenated word ("Yoon Suk|-yeol") to the end of that word."""
    if end + 1 < len(text) and text[end] == "-" and text[end + 1].isalpha():
        end += 1
        while end < len(text) and (text[end].isalnum() or (text[end] == "-" and end + 1 < len(text)
                                                            and text[end + 1].isalnum())):
            end += 1
    return end


def display_form(name: str) -> str:
    """A name as shown and stored: surrounding quotes and inner runs of whitespace removed."""
    return " ".join(name.strip(QUOTES + " ").split())


_CAPITALISED_KINDS = frozenset({"PERSON", "GPE", "LOC", "FAC"})
_SHORT_CAPS = 5  # NATO, DPRK, KYIV: four letters or fewer in capitals may well be an acronym


def readable_case(name: str, label: str | None) -> str:
    """A name seen only in capitals (a dateline, a byline) as a person or place is written:
    "STOCKHOLM" is Stockholm. Short words, and organisations (UNESCO), stay as they are."""
    if label not in _CAPITALISED_KINDS or not name.isupper():
        return name
    words = re.findall(r"[^\W\d_]+", name)
    if not words or min(len(w) for w in words) < _SHORT_CAPS:
        return name
    return name.title()
