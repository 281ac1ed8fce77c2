"""Extraction throughput against a bare `nlp.pipe` of the same pipeline over the same texts.

Builds N articles from the repository's samples and the shared sample article (each copy made
distinct), then, in each of R rounds: times a bare `nlp.pipe` over the bodies, `corpus extract`
with mention extraction only, `corpus extract` as it runs by default (mentions + claim
suggestions), each with one process on a fresh database, and `corpus extract --processes P`.
The order of the runs rotates from round to round. Each round's ratios are against that
round's bare rate; the medians over the rounds are the figures (targets: ≥ 0.9× bare with one
process, ≥ 1.6× the one-process rate with P processes, claim suggestions ≤ 1.15× the time of
mentions alone). The cores are shared, so the ratios are given both in wall-clock time and in
this process's CPU time (which other programs' load disturbs much less), with the load average.

    .venv/bin/python bench/extract_bench.py [--articles 300] [--rounds 3] [--processes 2] [--batch-size 32]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
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


BARE, MENTIONS, DEFAULT = "bare nlp.pipe", "corpus extract, mentions only", "corpus extract (default)"


def bare_run(nlp, texts: list[str], batch_size: int) -> tuple[int, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    words = sum(_word_count(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    return words, time.perf_counter() - wall, time.process_time() - cpu


def extract_run(path: Path, texts: list[str], processes: int, batch_size: int,
                processors) -> tuple[int, float, float]:
    with fill(path, texts) as store:
        cpu = time.process_time()
        report = extraction.extract(store, processes=processes, batch_size=batch_size,
                                    processors=processors, refresh_candidates=False)
        cpu = time.process_time() - cpu
        assert report.extracted == len(texts), report.failed[:3]
    path.unlink()
    return report.words, report.seconds, cpu


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    texts = corpus_texts(args.articles)
    nlp = pipelines.load()
    info = pipelines.pipeline_info(nlp)
    print(f"{len(texts)} articles, pipeline {info}, {args.rounds} rounds, "
          f"load average before: {os.getloadavg()[0]:.2f}")
    for _ in nlp.pipe(texts[:20], batch_size=args.batch_size):  # warm up: the runs below start warm too
        pass

    many = f"corpus extract, {args.processes} processes"
    runs = {
        BARE: lambda path: bare_run(nlp, texts, args.batch_size),
        MENTIONS: lambda path: extract_run(path, texts, 1, args.batch_size, [MentionProcessor()]),
        DEFAULT: lambda path: extract_run(path, texts, 1, args.batch_size, None),
        many: lambda path: extract_run(path, texts, args.processes, args.batch_size, None),
    }
    names = list(runs)
    ratios: dict[str, list[float]] = {key: [] for key in ("default", "mentions", "suggest", "processes",
                                                          "default_cpu", "mentions_cpu", "suggest_cpu")}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.rounds):
            order = names[n % len(names):] + names[:n % len(names)]
            results = {name: runs[name](Path(tmp) / f"run{n}.db") for name in order}
            rate = {name: words / wall for name, (words, wall, _) in results.items()}
            cpu_rate = {name: words / cpu for name, (words, _, cpu) in results.items()}
            ratios["default"].append(rate[DEFAULT] / rate[BARE])
            ratios["mentions"].append(rate[MENTIONS] / rate[BARE])
            ratios["suggest"].append(rate[MENTIONS] / rate[DEFAULT])
            ratios["processes"].append(rate[many] / rate[DEFAULT])
            ratios["default_cpu"].append(cpu_rate[DEFAULT] / cpu_rate[BARE])
            ratios["mentions_cpu"].append(cpu_rate[MENTIONS] / cpu_rate[BARE])
            ratios["suggest_cpu"].append(cpu_rate[MENTIONS] / cpu_rate[DEFAULT])
            print(f"round {n + 1} (load average {os.getloadavg()[0]:.2f}):")
            for name in names:
                words, wall, cpu = results[name]
                print(f"  {name:<33} {rate[name]:8,.0f} words/s wall, {cpu_rate[name]:8,.0f} words/s CPU "
                      f"({words:,} words)")
    print(f"medians over {args.rounds} rounds (wall clock; this process's CPU time):")
    print(f"  mention extraction alone vs bare nlp.pipe: {median(ratios['mentions']):.2f}× "
          f"(CPU {median(ratios['mentions_cpu']):.2f}×)")
    print(f"  corpus extract (mentions + claim suggestions), one process vs bare: {median(ratios['default']):.2f}× "
          f"(CPU {median(ratios['default_cpu']):.2f}×; target ≥ 0.9×)")
    print(f"  claim suggestions' cost, extract time with / without them: {median(ratios['suggest']):.3f}× "
          f"(CPU {median(ratios['suggest_cpu']):.3f}×; target ≤ 1.15×)")
    print(f"  {args.processes} processes vs one: {median(ratios['processes']):.2f}× (target ≥ 1.6×)")
    print(f"  per round, default vs bare: {', '.join(f'{r:.2f}' for r in ratios['default'])}")
    print(f"  load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
