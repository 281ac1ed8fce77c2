"""Extraction throughput against a bare `nlp.pipe` of the same pipeline over the same texts.

Builds N articles from the repository's samples and the shared sample article (each copy made
distinct), then, in one run: times a bare `nlp.pipe` over the bodies, `corpus extract` with one
process on a fresh database, and `corpus extract --processes P` on another. Prints words per
second and the ratios (targets: ≥ 0.9× bare with one process, ≥ 1.6× the one-process rate with
two), and the machine's load, since the cores are shared.

    .venv/bin/python bench/extract_bench.py [--articles 300] [--processes 2] [--batch-size 32]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import nlp as pipelines  # noqa: E402
from corpus.entities import extraction  # noqa: E402
from corpus.entities.extraction import _word_count  # noqa: E402
from corpus.entities.mentions import MentionProcessor  # noqa: E402
from corpus.store import Store, utc_now  # noqa: E402

SHARED_SAMPLE = ROOT.parent / "shared" / "samples" / "articles" / "south-korea-weapons-wish-list.txt"


def sample_texts() -> list[str]:
    """The bodies of the repository's own samples once imported, plus the shared scraped article."""
    texts = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "samples.db") as store:
        from corpus.importing import import_paths

        import_paths(store, [str(ROOT / "samples")])
        texts += [row[0] for row in store.conn.execute("SELECT body FROM articles")]
    if SHARED_SAMPLE.exists():
        texts.append(SHARED_SAMPLE.read_text(encoding="utf-8"))
    return texts


def corpus_texts(n: int) -> list[str]:
    base = sample_texts()
    return [f"{base[i % len(base)]}\n\n(Copy {i}.)" for i in range(n)]


def fill(path: Path, texts: list[str]) -> Store:
    store = Store(path)
    with store.transaction():
        store.conn.executemany(
            "INSERT INTO articles (title, body, content_hash, imported_at) VALUES (?, ?, ?, ?)",
            [(f"Article {i}", t, hashlib.sha256(t.encode()).hexdigest(), utc_now()) for i, t in enumerate(texts)],
        )
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    texts = corpus_texts(args.articles)
    nlp = pipelines.load()
    info = pipelines.pipeline_info(nlp)
    print(f"{len(texts)} articles, pipeline {info}, load average before: {os.getloadavg()[0]:.2f}")

    for _ in nlp.pipe(texts[:20], batch_size=args.batch_size):  # warm up: the runs below start warm too
        pass
    started = time.perf_counter()
    words = sum(_word_count(doc) for doc in nlp.pipe(texts, batch_size=args.batch_size))
    bare = words / (time.perf_counter() - started)
    print(f"  bare nlp.pipe:                 {bare:8,.0f} words/s ({words:,} words)")

    rates = {}
    runs = [("mentions only, 1 process", 1, [MentionProcessor()]), ("corpus extract, 1 process", 1, None),
            (f"corpus extract, {args.processes} processes", args.processes, None)]
    with tempfile.TemporaryDirectory() as tmp:
        for n, (label, processes, processors) in enumerate(runs):
            with fill(Path(tmp) / f"run{n}.db", texts) as store:
                report = extraction.extract(store, processes=processes, batch_size=args.batch_size,
                                            processors=processors, refresh_candidates=False)
                assert report.extracted == len(texts), report.failed[:3]
                rates[label] = report.words / report.seconds
                print(f"  {label:<29} {rates[label]:8,.0f} words/s ({report.mentions:,} mentions stored)")
    one, many = rates[runs[1][0]], rates[runs[2][0]]
    print(f"  mention extraction alone vs bare nlp.pipe: {rates[runs[0][0]] / bare:.2f}×")
    print(f"  corpus extract (mentions + claim suggestions), one process vs bare: {one / bare:.2f}× "
          "(target ≥ 0.9×)")
    print(f"  {args.processes} processes vs one: {many / one:.2f}× (target ≥ 1.6×)")
    print(f"  load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
