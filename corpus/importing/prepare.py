"""Reading and preparing articles: everything of an import that needs no database.

Each input goes through its importer, and each article found is cleaned here. This stage is
a pure function of the inputs and needs no database, so a large import can run it in a
separate process while the writer stores the articles before (readers.py).

An article's fingerprints are worked out from its clean body when first asked for: by the
writer as it judges the article, or by a reader process that is well ahead of the writer
(readers.serve), so that whichever side has time to spare does that work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from corpus import fingerprints
from corpus.cleaning import clean_text
from corpus.fingerprints import Fingerprint, hash_text
from corpus.importing.inputs import ImportIssue
from corpus.sources import source_name
from corpus.urls import canonical_url, domain_of
from importers import ImportOptions, Input, InputError, ParsedArticle, ReadWarning, RecordError, choose


@dataclass
class PreparedArticle:
    """An article ready to store: clean text, provenance and fingerprints."""

    origin: str
    format: str
    title: str
    body: str
    original_text: str
    original_hash: str
    url: str | None
    canonical_url: str | None
    author: str | None
    published: str | None
    language: str | None
    source: str | None
    source_domain: str | None
    summary_only: bool
    metadata: dict[str, Any]
    removed: list[str] = field(default_factory=list)  # what the cleaning took out
    _fingerprint: Fingerprint | None = field(default=None, repr=False)

    @property
    def fingerprint(self) -> Fingerprint:
        if self._fingerprint is None:
            self._fingerprint = fingerprints.fingerprint(self.body)
        return self._fingerprint

    def row(self) -> dict[str, Any]:
        """The `articles` columns this article sets (ids and times are the writer's)."""
        return {
            "title": self.title, "body": self.body, "original_text": self.original_text,
            "url": self.url, "canonical_url": self.canonical_url, "author": self.author,
            "published": self.published, "language": self.language, "origin": self.origin,
            "format": self.format, "summary_only": int(self.summary_only),
            "word_count": self.fingerprint.word_count, "content_hash": self.fingerprint.content_hash,
            "original_hash": self.original_hash,
        }


@dataclass(frozen=True)
class InputDone:
    """Marks the end of one input, for progress: its name and size in bytes."""

    name: str
    size: int


def _language(value: str | None) -> str | None:
    """`en_US`, ` EN-us ` → `en-us`."""
    tag = (value or "").strip().replace("_", "-").lower()
    return tag or None


def prepare(parsed: ParsedArticle, source_override: str | None = None) -> PreparedArticle | ImportIssue:
    cleaned = clean_text(parsed.text, parsed.title)
    if not cleaned.body.strip():
        return ImportIssue(parsed.origin, "no article text left after cleaning")
    domain = domain_of(parsed.url)
    original = parsed.original_text
    return PreparedArticle(
        origin=parsed.origin,
        format=parsed.format,
        title=cleaned.title,
        body=cleaned.body,
        original_text=original,
        original_hash=hash_text(original),
        url=parsed.url.strip() if parsed.url else None,
        canonical_url=canonical_url(parsed.url),
        author=" ".join(parsed.author.split()) if parsed.author else None,
        published=parsed.published,
        language=_language(parsed.language),
        source=source_name(source_override or parsed.source, domain),
        source_domain=domain,
        summary_only=parsed.summary_only,
        metadata=parsed.metadata,
        removed=cleaned.removed,
    )


def read_input(
    source: Input, fmt: str | None, options: ImportOptions, source_override: str | None = None
) -> Iterator[PreparedArticle | ImportIssue]:
    """Every article of one input, prepared; a problem becomes an issue and reading goes on."""
    try:
        importer = choose(source, fmt)
        for item in importer.read(source, options):
            if isinstance(item, RecordError):
                yield ImportIssue(item.origin, item.reason)
            elif isinstance(item, ReadWarning):
                yield ImportIssue(item.origin, item.reason, severity="warning")
            else:
                yield prepare(item, source_override)
    except InputError as exc:
        yield ImportIssue(source.name, str(exc))
    except OSError as exc:
        yield ImportIssue(source.name, f"cannot read ({exc.strerror or exc})")
    except (RecursionError, MemoryError, ValueError, LookupError, TypeError, AttributeError) as exc:
        # A parser library choking on hostile input must not end the whole import.
        yield ImportIssue(source.name, f"cannot read ({type(exc).__name__}: {exc})")
