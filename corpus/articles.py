"""Articles as the rest of the workbench reads them: one article, full-text search, totals.

`replace_body` is the one place an article's text changes after import (a re-import whose
cleaning improved). It keeps the id and the original text, refreshes the fingerprints and the
duplicate status, and re-anchors the claims made on the old text, all in one transaction.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from corpus import duplicates
from corpus.fingerprints import Fingerprint, fingerprint, hash_text
from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.actions import ActionRecorder
    from corpus.store import Store

# Search snippets mark each hit with these (Unicode private-use) characters; callers turn
# them into bold text, brackets or styles of their own.
HIT_START = "\ue000"
HIT_END = "\ue001"


class SearchQueryError(ValueError):
    """A full-text query SQLite cannot parse; the message is one line for the analyst."""


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    body: str
    original_text: str | None
    url: str | None
    canonical_url: str | None
    author: str | None
    published: str | None
    language: str | None
    source: str | None
    source_id: int | None
    origin: str | None
    format: str | None
    summary_only: bool
    word_count: int
    content_hash: str
    duplicate_of: int | None
    similarity: float | None
    metadata: dict[str, Any]
    imported_at: str
    updated_at: str | None
    import_run_id: int | None


_ARTICLE_SQL = """
SELECT a.id, a.title, a.body, a.original_text, a.url, a.canonical_url, a.author, a.published,
       a.language, s.name, a.source_id, a.origin, a.format, a.summary_only, a.word_count,
       a.content_hash, a.duplicate_of, a.duplicate_similarity, a.metadata, a.imported_at,
       a.updated_at, a.import_run_id
FROM articles a LEFT JOIN sources s ON s.id = a.source_id
WHERE a.id = ?
"""


def get_article(store: "Store", article_id: int) -> Article | None:
    row = store.conn.execute(_ARTICLE_SQL, (article_id,)).fetchone()
    if row is None:
        return None
    values = list(row)
    values[13] = bool(values[13])
    values[18] = json.loads(values[18]) if values[18] else {}
    return Article(*values)


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    source: str | None
    published: str | None
    duplicate_of: int | None
    snippet: str  # hits between HIT_START and HIT_END


# A bare word with inner punctuation (Suk-yeol, U.S., 9/11) is a syntax error to FTS5; quoted,
# it is the phrase the analyst meant. Operators, prefixes (Kyi*) and quoted phrases stay as typed.
_BARE_TOKEN = re.compile(r'"[^"]*"?|[^\s"()]+')
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def _quote_punctuated_words(query: str) -> str:
    def fix(match: re.Match) -> str:
        token = match.group()
        if token.startswith('"') or token in _OPERATORS or re.fullmatch(r"[\w]+\*?|\^?[\w]+|\w+:\S*", token):
            return token
        return '"' + token + '"'

    return _BARE_TOKEN.sub(fix, query)


def _fts_error(query: str, exc: sqlite3.OperationalError) -> SearchQueryError:
    reason = str(exc).removeprefix("fts5: ")
    if reason.endswith('near ""'):
        reason = "the query ends where more was expected"
    return SearchQueryError(
        f"cannot search for {query!r}: {reason} (put words in double quotes to search for them as written)"
    )


def search(
    store: "Store", query: str, limit: int = 20, offset: int = 0, *, include_duplicates: bool = True
) -> list[SearchHit]:
    """Articles matching an FTS5 query, best first, each with a snippet of its best passage."""
    if not query.strip():
        raise SearchQueryError("empty search query")
    sql = f"""
        SELECT a.id, a.title, s.name, a.published, a.duplicate_of,
               snippet(articles_fts, -1, '{HIT_START}', '{HIT_END}', '…', 16)
        FROM articles_fts
        JOIN articles a ON a.id = articles_fts.rowid
        LEFT JOIN sources s ON s.id = a.source_id
        WHERE articles_fts MATCH ? {'' if include_duplicates else 'AND a.duplicate_of IS NULL'}
        ORDER BY bm25(articles_fts, 4.0, 1.0), a.id
        LIMIT ? OFFSET ?"""
    try:
        rows = store.conn.execute(sql, (_quote_punctuated_words(query), limit, offset)).fetchall()
    except sqlite3.OperationalError as exc:
        raise _fts_error(query, exc) from None
    return [SearchHit(*row) for row in rows]


def matching_ids_sql(query: str) -> tuple[str, list[Any]]:
    """An SQL condition on `articles.id` for a full-text query, for filters built elsewhere."""
    return "id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", [_quote_punctuated_words(query)]


def check_query(store: "Store", query: str) -> None:
    """Raise SearchQueryError now for a query FTS5 cannot parse (before a long export starts)."""
    try:
        store.conn.execute(
            "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (_quote_punctuated_words(query),)
        ).fetchall()
    except sqlite3.OperationalError as exc:
        raise _fts_error(query, exc) from None


@dataclass(frozen=True)
class CorpusStats:
    articles: int
    near_duplicates: int
    undecided_duplicates: int
    summary_only: int
    sources: int
    words: int
    first_published: str | None
    last_published: str | None
    by_source: list[tuple[str, int]]  # the ten largest outlets
    by_format: list[tuple[str, int]]
    import_runs: int
    last_import: str | None


def stats(store: "Store") -> CorpusStats:
    conn = store.conn
    totals = conn.execute(
        "SELECT COUNT(*), COUNT(duplicate_of), COALESCE(SUM(summary_only), 0), COALESCE(SUM(word_count), 0),"
        " MIN(published), MAX(published) FROM articles"
    ).fetchone()
    by_source = conn.execute(
        "SELECT COALESCE(s.name, '(unknown)'), COUNT(*) FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
        " GROUP BY a.source_id ORDER BY COUNT(*) DESC, 1 LIMIT 10"
    ).fetchall()
    by_format = conn.execute(
        "SELECT COALESCE(format, '?'), COUNT(*) FROM articles GROUP BY format ORDER BY COUNT(*) DESC"
    ).fetchall()
    runs = conn.execute("SELECT COUNT(*), MAX(started_at) FROM import_runs").fetchone()
    return CorpusStats(
        articles=totals[0],
        near_duplicates=totals[1],
        undecided_duplicates=duplicates.count_undecided(store),
        summary_only=totals[2],
        sources=conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0],
        words=totals[3],
        first_published=totals[4],
        last_published=totals[5],
        by_source=[tuple(r) for r in by_source],
        by_format=[tuple(r) for r in by_format],
        import_runs=runs[0],
        last_import=runs[1],
    )


@dataclass(frozen=True)
class BodyChange:
    article_id: int
    old_hash: str
    new_hash: str
    duplicate_of: int | None


def replace_body(
    store: "Store",
    article_id: int,
    *,
    body: str,
    title: str | None = None,
    original_text: str | None = None,
    changes: dict[str, Any] | None = None,
    fingerprint_: Fingerprint | None = None,
    act: "ActionRecorder | None" = None,
) -> BodyChange:
    """Give an article a new clean body (and title, original, other columns) in one transaction.

    The id stays; the original text is replaced only when a new one is given. The content
    hash, word count, LSH bands and duplicate status follow the new text, and claims made on
    the old text are re-anchored (`corpus.claims.reanchor_article`).
    """
    fresh = fingerprint_ or fingerprint(body)
    with store.transaction():
        old = store.conn.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if old is None:
            raise KeyError(f"no article {article_id}")
        columns: dict[str, Any] = dict(changes or {})
        columns.update(body=body, content_hash=fresh.content_hash, word_count=fresh.word_count,
                       updated_at=utc_now())
        if title is not None:
            columns["title"] = title
        if original_text is not None:
            columns.update(original_text=original_text, original_hash=hash_text(original_text))
        if act is not None:
            act.update("articles", article_id, columns)
        else:
            sets = ", ".join(f"[{c}] = ?" for c in columns)
            store.conn.execute(f"UPDATE articles SET {sets} WHERE id = ?", [*columns.values(), article_id])
        duplicates.unindex_article(store, article_id)
        duplicates.index_article(store, article_id, fresh)
        near = duplicates.reevaluate(store, article_id, fresh)
        _reanchor_claims(store, article_id, act)
    return BodyChange(article_id, old[0], fresh.content_hash, near.original_id if near else None)


def _reanchor_claims(store: "Store", article_id: int, act: "ActionRecorder | None") -> None:
    try:
        from corpus.claims import reanchor_article
    except ImportError:  # a corpus without the claims layer has nothing to re-anchor
        return
    reanchor_article(store, article_id, act=act)
