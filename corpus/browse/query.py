"""Pieces every list query shares: the WHERE builder, LIKE escaping, and search as typed."""

from __future__ import annotations

import re

MIN_PREFIX = 3  # a word still being typed is searched as a prefix once it has this many letters

_FTS_TERM = re.compile(r'"[^"]*"?|[^\s"]+')
_WORD = re.compile(r"\w+", re.UNICODE)


class BrowseError(Exception):
    """A query the database cannot run as given (an unknown sort, a broken database)."""


class Where:
    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list = []

    def add(self, clause: str, *params) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def like(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') matching `text` anywhere."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_query(text: str) -> str:
    """Turn what an analyst types into a safe FTS5 query.

    Every word must appear; "quoted words", and words joined by punctuation (Suk-yeol),
    must appear as a phrase; the word being typed (the last, when no space follows it) is a
    prefix once it has MIN_PREFIX letters, and is left out before that (one or two letters would match most of a large corpus and only
    slow the list down). FTS5 operators typed by the user are searched for as words, so no
    input is a syntax error.
    """
    text = text or ""
    terms = _FTS_TERM.findall(text)
    typing = bool(terms) and not text.endswith((" ", '"'))
    parts: list[str] = []
    for n, term in enumerate(terms):
        words = _WORD.findall(term)
        if not words:
            continue
        # "quoted words", and a word with inner punctuation (Suk-yeol, U.S.), are phrases.
        phrase = '"' + " ".join(words) + '"'
        if term.startswith('"') and term.endswith('"') and len(term) > 1:
            parts.append(phrase)
        elif not (typing and n == len(terms) - 1):
            parts.append(phrase)
        elif len(words) > 1 or len(words[-1]) >= MIN_PREFIX:
            parts.append(phrase + "*")
    return " ".join(parts)
