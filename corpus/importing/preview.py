"""What became of each article an import read: `ArticlePreview`, sent to `on_article`.

In a dry run it says what the import would do: each article is judged against the database
as it is (read only) and against the articles seen earlier in the same run, which a dry run
keeps in memory (their hashes and fingerprints, a few KB an article).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from corpus.importing.prepare import PreparedArticle
from corpus.importing.writer import Outcome


@dataclass(frozen=True)
class ArticlePreview:
    origin: str
    format: str
    status: str  # imported, updated, exact_duplicate, near_duplicate
    title: str
    body: str
    url: str | None
    canonical_url: str | None
    author: str | None
    published: str | None
    language: str | None
    source: str | None
    summary_only: bool
    word_count: int
    duplicate_of: int | None
    similarity: float | None
    article_id: int | None  # the stored article (None in a dry run for a new one)
    duplicate_of_origin: str | None  # in a dry run: the earlier article of the same run it copies
    removed: list[str]  # what the cleaning took out
    metadata: dict[str, Any]

    @classmethod
    def of(cls, article: PreparedArticle, outcome: Outcome) -> "ArticlePreview":
        return cls(
            origin=article.origin, format=article.format, status=outcome.status, title=article.title,
            body=article.body, url=article.url, canonical_url=article.canonical_url, author=article.author,
            published=article.published, language=article.language, source=article.source,
            summary_only=article.summary_only, word_count=article.fingerprint.word_count,
            duplicate_of=outcome.duplicate_of, similarity=outcome.similarity, article_id=outcome.article_id,
            duplicate_of_origin=outcome.copied_origin,
            removed=article.removed, metadata=article.metadata,
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
