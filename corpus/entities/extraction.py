"""`corpus extract`: one spaCy pass over every article not yet processed by this pipeline.

Incremental and resumable: an article is pending when it has no extraction state, when its body
changed since (the state keeps a hash of the body that was extracted), or when it was extracted
by another pipeline or version. Articles are committed in batches as they finish, so an
interrupted run keeps what it finished and the next run does the rest.

Each parsed article goes through a list of DocProcessors (mentions first, then claim
suggestions, which resolve speakers through the mentions saved just before them in the same
transaction). With `processes > 1`, worker processes each load the pipeline once and return only
the processors' small picklable results, never Docs.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from corpus import nlp as nlp_module
from corpus.doc_processing import doc_text, keep_text, sentence_spans
from corpus.entities import candidates, ruler
from corpus.entities.saving import Saver
from corpus.store import in_lists, placeholders

if TYPE_CHECKING:
    from spacy.language import Language

    from corpus.doc_processing import DocProcessor
    from corpus.store import Store

DEFAULT_BATCH_SIZE = 32
Progress = Callable[[int, int, int], None]  # articles done, articles pending, words done


@dataclass
class ExtractionReport:
    pipeline: str
    pending: int
    extracted: int = 0
    mentions: int = 0
    noise: int = 0
    words: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0
    candidates: int | None = None


@dataclass(frozen=True)
class Parsed:
    """What one parsed article yields, small enough to send back from a worker process."""

    article_id: int
    body_hash: str
    sentences: list[tuple[int, int]]
    words: int
    results: list[Any]


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def default_processors() -> list["DocProcessor"]:
    """Mentions first: the claim suggester resolves speakers through the mentions just saved."""
    from corpus.claims import ClaimSuggester
    from corpus.entities.mentions import MentionProcessor

    return [MentionProcessor(), ClaimSuggester()]


def pending_article_ids(store: "Store", info: nlp_module.PipelineInfo, redo: bool = False) -> list[int]:
    if redo:
        return [row[0] for row in store.conn.execute("SELECT id FROM articles ORDER BY id")]
    store.conn.create_function("corpus_sha256", 1, body_hash, deterministic=True)
    rows = store.conn.execute(
        """SELECT a.id FROM articles a LEFT JOIN extraction_state s ON s.article_id = a.id
           WHERE s.article_id IS NULL OR s.pipeline != ? OR s.pipeline_version != ?
              OR s.body_hash != corpus_sha256(a.body)
           ORDER BY a.id""",
        (info.name, info.version),
    )
    return [row[0] for row in rows]


def _bodies(store: "Store", ids: Sequence[int], chunk: int = 256) -> Iterator[tuple[str, int]]:
    for part in in_lists(list(ids), chunk):
        rows = dict(store.conn.execute(f"SELECT id, body FROM articles WHERE id IN ({placeholders(part)})", part))
        for article_id in part:
            if article_id in rows:
                yield rows[article_id], article_id


def _word_count(doc) -> int:
    """Tokens that are not punctuation or space, counted in C (iterating Tokens is slow)."""
    from spacy.attrs import IS_PUNCT, IS_SPACE

    return len(doc) - doc.count_by(IS_PUNCT).get(1, 0) - doc.count_by(IS_SPACE).get(1, 0)


def parse(doc, article_id: int, processors: Sequence["DocProcessor"], text: str | None = None) -> Parsed:
    """Run the processors over one Doc; `text` is the body it was made from, when known."""
    if text is not None:
        keep_text(doc, text)
    return Parsed(
        article_id=article_id,
        body_hash=body_hash(doc_text(doc)),
        sentences=sentence_spans(doc),
        words=_word_count(doc),
        results=[p.analyse(doc) for p in processors],
    )


def extract(store: "Store", *, model: str | None = None, processes: int = 1,
            batch_size: int = DEFAULT_BATCH_SIZE, redo: bool = False,
            processors: Sequence["DocProcessor"] | None = None, progress: Progress | None = None,
            refresh_candidates: bool = True) -> ExtractionReport:
    """Extract every pending article; raises ModelNotFound when no pipeline can be loaded."""
    started = time.perf_counter()
    peeked = None if redo else nlp_module.peek_pipeline_info(model)
    if peeked is not None and not pending_article_ids(store, peeked):
        # Nothing to do: answer at once instead of loading the pipeline for nothing.
        return ExtractionReport(pipeline=str(peeked), pending=0, seconds=time.perf_counter() - started)
    nlp = nlp_module.load(model)
    info = nlp_module.pipeline_info(nlp)
    patterns = ruler.confirmed_patterns(store)
    ruler.install(nlp, patterns)
    processors = list(processors) if processors is not None else default_processors()
    ids = pending_article_ids(store, info, redo)
    report = ExtractionReport(pipeline=str(info), pending=len(ids))
    saver = Saver(store, info, processors, report, progress, body_hash)
    try:
        if processes > 1 and len(ids) > batch_size:
            from corpus.entities.workers import parse_in_workers

            batches = parse_in_workers(store, ids, model, patterns, processors, processes, batch_size,
                                       _bodies)
        else:
            batches = _parse_here(nlp, _bodies(store, ids), processors, batch_size)
        for batch in batches:
            saver.save(batch)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        ruler.install(nlp, [])  # the cached pipeline is shared: leave it as it was loaded
    report.seconds = time.perf_counter() - started
    if refresh_candidates and not report.interrupted and report.extracted:
        report.candidates = candidates.refresh(store)
    return report


def _parse_here(nlp: "Language", texts: Iterator[tuple[str, int]], processors, batch_size: int):
    batch: list[Parsed] = []
    for doc, (article_id, text) in nlp.pipe(with_text(texts), as_tuples=True, batch_size=batch_size):
        batch.append(parse(doc, article_id, processors, text))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def with_text(texts: Iterable[tuple[str, int]]) -> Iterator[tuple[str, tuple[int, str]]]:
    """(text, article id) pairs as `nlp.pipe(as_tuples=True)` takes them, the text kept as context
    for `parse` (so the Doc's text is never rebuilt from its tokens)."""
    return ((text, (article_id, text)) for text, article_id in texts)
