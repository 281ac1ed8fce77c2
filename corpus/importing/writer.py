"""Storing prepared articles: deduplicate, insert or update, count, in atomic batches.

Articles are judged and written a batch at a time (four hundred, or half a second's worth):
the database is asked about the whole batch in a handful of queries, and the new articles,
their MinHash signatures and LSH bands are written up to a thousand rows a statement. A
batch is one transaction, with the run's counters and issues, so an article is stored whole
or not at all, and after a kill the database says exactly what was imported.

Articles of the batch are not in the database yet while it is judged, so the batch keeps
their keys and fingerprints in memory (`Recent`) to catch duplicates among them. A dry run
uses the same judging, writes nothing, and keeps that memory for the whole run.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from corpus import duplicates, fingerprints
from corpus.articles import replace_body
from corpus.importing.inputs import ImportIssue
from corpus.importing.prepare import PreparedArticle
from corpus.importing.runs import (
    EXACT_DUPLICATE,
    IMPORTED,
    NEAR_DUPLICATE,
    UPDATED,
    ImportCounts,
    record_issue,
    save_counts,
)
from corpus.sources import SourceCache
from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.store import Store

_MAX_ROWS_A_STATEMENT = 1000  # keeps the statement's text well below SQLite's limit on its length
_MAX_PARAMETERS = 300  # three keys an article, below the smallest SQL parameter limit in use
_MATCH_COLUMNS = "id, title, body, original_hash, content_hash, canonical_url, summary_only, format, import_run_id"
# A bigger page cache and rarer WAL checkpoints while importing (pages an import touches again,
# such as the full-text index's, then reach the database file once, not at every checkpoint).
_TUNED_PRAGMAS = {"cache_size": -64 * 1024, "wal_autocheckpoint": 8000}
_INSERT_COLUMNS = (
    "id", "title", "body", "original_text", "url", "canonical_url", "author", "published", "language",
    "origin", "format", "summary_only", "word_count", "content_hash", "original_hash",
    "source_id", "duplicate_of", "duplicate_similarity", "metadata", "imported_at", "import_run_id",
)
_INSERT_ARTICLES = f"INSERT INTO articles ({', '.join(_INSERT_COLUMNS)}) VALUES"


@dataclass(frozen=True)
class Match:
    id: int
    title: str
    body: str
    original_hash: str | None
    content_hash: str
    canonical_url: str | None
    summary_only: bool
    format: str | None
    import_run_id: int | None


@dataclass(frozen=True)
class Outcome:
    status: str  # imported, updated, exact_duplicate, near_duplicate
    article_id: int | None
    duplicate_of: int | None = None
    similarity: float | None = None
    copied_origin: str | None = None  # dry runs: the earlier article of the same run it copies


def keys_of(article: PreparedArticle) -> list[str]:
    keys = [article.fingerprint.content_hash, article.original_hash]
    if article.canonical_url:
        keys.append(article.canonical_url)
    return keys


def same_input(article: PreparedArticle, match: Match) -> bool:
    """Is this the article stored before, coming back (same original text or same URL)?"""
    if match.original_hash == article.original_hash:
        return True
    if not article.canonical_url or match.canonical_url != article.canonical_url:
        return False
    return match.format == article.format or bool(match.summary_only and not article.summary_only)


def judge(article: PreparedArticle, matches: list[Match], run_id: int | None) -> tuple[str, Match | None]:
    """What to do with an article given the stored ones it matches: insert, update or skip."""
    if not matches:
        return IMPORTED, None
    for match in matches:
        if not same_input(article, match):
            continue
        if match.import_run_id == run_id and run_id is not None:
            return EXACT_DUPLICATE, match  # two records of this very import: the first wins
        if article.summary_only and not match.summary_only:
            return EXACT_DUPLICATE, match  # never replace a full text with a summary
        if (match.body, match.title) != (article.body, article.title):
            taken = any(m.content_hash == article.fingerprint.content_hash and m.id != match.id for m in matches)
            return (EXACT_DUPLICATE, match) if taken else (UPDATED, match)
        return EXACT_DUPLICATE, match
    return EXACT_DUPLICATE, matches[0]


def stored_matches(store: "Store", articles: list[PreparedArticle]) -> dict[str, list[Match]]:
    """Stored articles sharing a content hash, original hash or canonical URL, by that key."""
    keys = list({key for article in articles for key in keys_of(article)})
    found: dict[str, list[Match]] = {}
    for start in range(0, len(keys), _MAX_PARAMETERS):
        chunk = keys[start:start + _MAX_PARAMETERS]
        marks = ", ".join("?" for _ in chunk)
        rows = store.conn.execute(
            f"SELECT {_MATCH_COLUMNS} FROM articles WHERE content_hash IN ({marks})"
            f" OR original_hash IN ({marks}) OR canonical_url IN ({marks})", chunk * 3,
        )
        for row in rows:
            match = Match(*row)
            for key in {match.content_hash, match.original_hash, match.canonical_url} & set(chunk):
                found.setdefault(key, []).append(match)
    return found


@dataclass
class _Accepted:
    """An article accepted but not stored yet (or, in a dry run, never stored)."""

    article_id: int | None
    origin: str
    fingerprint: fingerprints.Fingerprint
    root: int | None  # the stored article it copies
    root_origin: str | None
    _distinct: np.ndarray | None = field(default=None, repr=False)

    def distinct(self) -> np.ndarray:
        if self._distinct is None:
            self._distinct = self.fingerprint.distinct_shingles()
        return self._distinct


class Recent:
    """Keys and fingerprints of accepted articles the database does not hold yet."""

    def __init__(self) -> None:
        self.by_key: dict[str, _Accepted] = {}
        self.by_bucket: dict[int, list[_Accepted]] = {}

    def clear(self) -> None:
        self.by_key.clear()
        self.by_bucket.clear()

    def add(self, article: PreparedArticle, accepted: _Accepted) -> None:
        for key in keys_of(article):
            self.by_key.setdefault(key, accepted)
        for bucket in article.fingerprint.buckets:
            self.by_bucket.setdefault(bucket, []).append(accepted)

    def seen(self, article: PreparedArticle) -> _Accepted | None:
        return next((self.by_key[k] for k in keys_of(article) if k in self.by_key), None)

    def near(self, fingerprint: fingerprints.Fingerprint) -> tuple[_Accepted, float] | None:
        candidates = {id(a): a for b in fingerprint.buckets for a in self.by_bucket.get(b, ())}
        best: tuple[_Accepted, float] | None = None
        for other in candidates.values():
            estimate = fingerprints.estimated_similarity(fingerprint.signature, other.fingerprint.signature)
            if estimate < fingerprints.NEAR_DUPLICATE_THRESHOLD - 0.2:
                continue
            similarity = fingerprints.jaccard(fingerprint.distinct_shingles(), other.distinct())
            if similarity >= fingerprints.NEAR_DUPLICATE_THRESHOLD and (best is None or similarity > best[1]):
                best = (other, similarity)
        return best


class ArticleWriter:
    """Judges and writes one import run's articles in batches; with `dry_run`, only judges."""

    def __init__(self, store: "Store", run_id: int | None, *, dry_run: bool = False,
                 batch_articles: int = 400, batch_seconds: float = 0.5):
        self.store = store
        self.run_id = run_id
        self.dry_run = dry_run
        self.counts = ImportCounts()
        self.sources = SourceCache(store)
        self.batch_articles = 1 if dry_run else batch_articles
        self.batch_seconds = batch_seconds
        self.recent = Recent()
        self._articles: list[PreparedArticle] = []
        self._issues: list[ImportIssue] = []
        self._started = time.monotonic()
        self._restore = [] if dry_run else self._tune_connection()

    def _tune_connection(self) -> list[str]:
        conn = self.store.conn
        restore = [f"PRAGMA {name} = {conn.execute(f'PRAGMA {name}').fetchone()[0]}" for name in _TUNED_PRAGMAS]
        for name, value in _TUNED_PRAGMAS.items():
            conn.execute(f"PRAGMA {name} = {value}")
        return restore

    def close(self) -> None:
        """Put back the connection's settings."""
        for statement in self._restore:
            self.store.conn.execute(statement)
        self._restore = []

    def write(self, article: PreparedArticle) -> list[tuple[PreparedArticle, Outcome]]:
        """Queue an article; returns the outcomes of the batch when this completes one."""
        if not self._articles:
            self._started = time.monotonic()
        self._articles.append(article)
        if len(self._articles) >= self.batch_articles or time.monotonic() - self._started >= self.batch_seconds:
            return self.commit()
        return []

    def issue(self, issue: ImportIssue) -> None:
        self.counts.record_issue(issue.severity)
        if not self.dry_run:
            self._issues.append(issue)

    def commit(self) -> list[tuple[PreparedArticle, Outcome]]:
        """Judge and store the queued articles and issues in one transaction."""
        articles, self._articles = self._articles, []
        issues, self._issues = self._issues, []
        if self.dry_run:
            return self._judge_all(articles)
        if not articles and not issues:
            return []
        counts_before = ImportCounts(**vars(self.counts))
        try:
            with self.store.transaction():
                done = self._judge_all(articles)
                for issue in issues:
                    record_issue(self.store, self.run_id, issue)
                save_counts(self.store, self.run_id, self.counts)
        except BaseException:
            vars(self.counts).update(vars(counts_before))  # nothing of the batch was stored
            self.sources.forget()
            # Queued again: after Ctrl-C the import commits what it holds, this batch included.
            self._articles, self._issues = articles + self._articles, issues + self._issues
            raise
        finally:
            self.recent.clear()
        return done

    def _judge_all(self, articles: list[PreparedArticle]) -> list[tuple[PreparedArticle, Outcome]]:
        if not articles:
            return []
        matches = stored_matches(self.store, articles)
        members = duplicates.bucket_members(self.store, (b for a in articles for b in a.fingerprint.buckets))
        next_id = (self.store.scalar("SELECT MAX(id) FROM articles") or 0) + 1
        done, rows = [], []
        for article in articles:
            outcome, row = self._judge(article, matches, members, next_id)
            if row is not None:
                rows.append(row)
                next_id += 1
            self.counts.record(outcome.status)
            done.append((article, outcome))
        if rows and not self.dry_run:
            self._store_new(rows, [a for a, o in done if o.status in (IMPORTED, NEAR_DUPLICATE)])
        return done

    def _judge(self, article: PreparedArticle, matches: dict[str, list[Match]], members: dict[int, list[int]],
               next_id: int) -> tuple[Outcome, list[Any] | None]:
        earlier = self.recent.seen(article)
        if earlier is not None:  # a copy of an article earlier in this batch (or dry run)
            return Outcome(EXACT_DUPLICATE, earlier.article_id, copied_origin=earlier.origin), None
        found = {m.id: m for key in keys_of(article) for m in matches.get(key, [])}
        status, match = judge(article, list(found.values()), self.run_id)
        if status == EXACT_DUPLICATE:
            return Outcome(status, match.id), None
        if status == UPDATED:
            return self._update(article, match), None
        return self._accept(article, members, next_id)

    def _update(self, article: PreparedArticle, match: Match) -> Outcome:
        if self.dry_run:
            return Outcome(UPDATED, match.id)
        change = replace_body(
            self.store, match.id, body=article.body, title=article.title, original_text=article.original_text,
            fingerprint_=article.fingerprint, changes=self._provenance(article),
        )
        self.recent.add(article, _Accepted(match.id, article.origin, article.fingerprint, None, None))
        return Outcome(UPDATED, match.id, change.duplicate_of)

    def _accept(self, article: PreparedArticle, members: dict[int, list[int]],
                next_id: int) -> tuple[Outcome, list[Any]]:
        fingerprint = article.fingerprint
        stored = None
        if fingerprint.buckets:
            candidates = duplicates.rank_candidates(fingerprint.buckets, members)
            stored = duplicates.find_near_duplicate(self.store, fingerprint, candidate_ids=candidates)
        article_id = None if self.dry_run else next_id
        if stored is not None:
            outcome = Outcome(NEAR_DUPLICATE, article_id, stored.original_id, stored.similarity)
        elif fingerprint.buckets and (recent := self.recent.near(fingerprint)) is not None:
            other, similarity = recent
            root = other.root or other.article_id
            outcome = Outcome(NEAR_DUPLICATE, article_id, root, round(similarity, 4),
                              None if root is not None else (other.root_origin or other.origin))
        else:
            outcome = Outcome(IMPORTED, article_id)
        self.recent.add(article, _Accepted(article_id, article.origin, fingerprint, outcome.duplicate_of,
                                           outcome.copied_origin))
        return outcome, self._row(article, article_id, outcome)

    def _provenance(self, article: PreparedArticle) -> dict[str, Any]:
        return {
            "origin": article.origin, "format": article.format, "summary_only": int(article.summary_only),
            "url": article.url, "canonical_url": article.canonical_url,
            "author": article.author, "published": article.published, "language": article.language,
            "metadata": json.dumps(article.metadata, ensure_ascii=False, default=str) if article.metadata else None,
            "import_run_id": self.run_id,
            "source_id": None if self.dry_run else self.sources.id_for(article.source, article.source_domain),
        }

    def _row(self, article: PreparedArticle, article_id: int | None, outcome: Outcome) -> list[Any]:
        row = article.row()
        row.update(self._provenance(article))
        row.update(id=article_id, duplicate_of=outcome.duplicate_of, duplicate_similarity=outcome.similarity,
                   imported_at=utc_now())
        return [row[c] for c in _INSERT_COLUMNS]

    def _store_new(self, rows: list[list[Any]], articles: list[PreparedArticle]) -> None:
        ids = [row[0] for row in rows]
        _insert_rows(self.store, _INSERT_ARTICLES, rows)
        _insert_rows(self.store, "INSERT INTO article_minhash (article_id, signature) VALUES", [
            (i, fingerprints.signature_bytes(a.fingerprint.signature))
            for i, a in zip(ids, articles) if a.fingerprint.signature is not None
        ])
        _insert_rows(self.store, "INSERT OR IGNORE INTO article_lsh (bucket, article_id) VALUES",
                     [(bucket, i) for i, a in zip(ids, articles) for bucket in a.fingerprint.buckets])


def _insert_rows(store: "Store", insert: str, rows: list) -> None:
    """`insert` ("INSERT INTO t (a, b) VALUES") of all the rows, as many a statement as SQLite allows.

    Not one statement a row: the full-text index writes out the terms it has gathered at each
    statement that changes it, so a statement an article leaves a tiny index segment per article,
    which measured about twice as slow as one statement for many articles.
    """
    if not rows:
        return
    conn = store.conn
    width = len(rows[0])
    marks = f"({', '.join('?' * width)})"
    per_statement = max(1, min(_MAX_ROWS_A_STATEMENT, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    for start in range(0, len(rows), per_statement):
        chunk = rows[start:start + per_statement]
        conn.execute(f"{insert} {', '.join([marks] * len(chunk))}", [value for row in chunk for value in row])
