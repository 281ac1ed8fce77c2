"""Import throughput and memory, each against a raw baseline measured in the same run.

    python bench/import_bench.py            # N = 20,000 text articles, 600 HTML pages
    python bench/import_bench.py -n 5000 --html 100 --no-memory

Prints:
- text: `corpus import` articles/s on N messy scraped .txt files (~4.5 KB, varied from
  samples/) vs the raw baseline; target ratio >= 0.5. "Raw" is the least work that leaves
  the same articles searchable: the rows the import stored (all its columns, original text
  included), already in memory, put with sqlite-utils `insert_all` (batches of 100, which it
  cuts to the 55 rows that fit its 999 parameters: one statement and one transaction each)
  into a plain table of the same columns with the same FTS5 index and triggers, under the
  store's journal settings (WAL, synchronous=NORMAL) and SQLite's default page cache (the
  import enlarges its own; see corpus/importing/writer.py). Everything else is the import's own
  cost and counted against it: walking the folders, reading and decoding the files, cleaning,
  fingerprinting, the exact- and near-duplicate checks, the secondary indexes, the MinHash and
  LSH tables, and the run's bookkeeping, all in batches that are each one transaction.
- html: articles/s on generated pages vs trafilatura alone on the same pages; target >= 0.8.
- memory: peak RSS of an import of N and of 4N articles, each in its own process; the
  import streams, so the two should be about equal.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from corpus.importing import import_paths  # noqa: E402
from corpus.store import Store  # noqa: E402
from importers import ImportOptions, Input, ParsedArticle, choose  # noqa: E402

FILES_PER_FOLDER = 1000
TARGET_BYTES = 4500


def sample_paragraphs() -> tuple[list[str], list[str], list[str]]:
    """Paragraphs, headlines and words of the repository's own samples."""
    paragraphs: list[str] = []
    titles: list[str] = []
    for path in sorted((REPO / "samples").rglob("*")):
        if not path.is_file() or path.name == "README.md":
            continue
        source = Input(name=str(path), path=path)
        for item in choose(source).read(source, ImportOptions()):
            if isinstance(item, ParsedArticle):
                paragraphs += [p for p in item.text.split("\n") if len(p) > 80]
                if item.title:
                    titles.append(item.title)
    words = sorted({w for p in paragraphs for w in p.split()})
    return paragraphs, titles, words


class ArticleMaker:
    """Articles that read like the samples but differ from each other as real articles do."""

    def __init__(self, seed: int = 7):
        self.random = random.Random(seed)
        self.paragraphs, self.titles, self.words = sample_paragraphs()

    def _paragraph(self) -> str:
        # Replacing a third of the words keeps the style and makes each article's shingles its own.
        words = self.random.choice(self.paragraphs).split()
        return " ".join(self.random.choice(self.words) if self.random.random() < 0.35 else w for w in words)

    def title(self, number: int) -> str:
        return f"{self.random.choice(self.titles)} ({number})"

    def paragraphs_for(self, size: int = TARGET_BYTES) -> list[str]:
        out: list[str] = []
        while sum(len(p) + 2 for p in out) < size:
            out.append(self._paragraph())
        return out

    def scraped_text(self, number: int) -> str:
        """A messy scrape: debris, the headline twice, a spliced teaser block."""
        title = self.title(number)
        body = self.paragraphs_for()
        teaser = self.random.choice(self.titles)
        middle = len(body) // 2
        parts = ["close", "close", title, title, *body[:middle], teaser, "Other Matters of Interest", teaser,
                 self._paragraph(), *body[middle:], "Share this article"]
        return "\n\n".join(parts) + "\n"

    def _chrome(self, links: int) -> str:
        """Menus, teaser lists and footers as saved news pages carry them (most of a page's bytes)."""
        items = "".join(f'<li><a href="/section/{i}">{escape(self.random.choice(self.titles))}</a></li>'
                        for i in range(links))
        return f"<ul class='menu'>{items}</ul>"

    def html_page(self, number: int) -> str:
        """A whole saved page of about 40 KB: head, scripts, menus, the article, teasers, footer."""
        title = escape(self.title(number))
        body = "\n".join(f"<p>{escape(p)}</p>" for p in self.paragraphs_for())
        script = "<script>window.dataLayer = window.dataLayer || []; " + "var x = 1; " * 600 + "</script>"
        return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Bench Review</title>
<meta property="og:site_name" content="Bench Review"><meta name="author" content="Staff Writer">
<meta property="article:published_time" content="2024-11-{1 + number % 28:02d}T08:00:00Z">
<link rel="canonical" href="https://bench.example/news/{number}">{script}</head><body>
<header><nav>{self._chrome(60)}</nav><a href="/subscribe">Subscribe</a></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Writer</p>{body}
<div class="share">Share: <a href="#">Facebook</a> <a href="#">X</a></div></article>
<aside><h2>Read more</h2>{self._chrome(30)}</aside></main>
<footer>{self._chrome(40)}<p>© 2024 Bench Review. All rights reserved.</p></footer></body></html>"""


def write_articles(folder: Path, count: int, make, suffix: str) -> int:
    total = 0
    for number in range(count):
        sub = folder / f"{number // FILES_PER_FOLDER:04d}"
        if number % FILES_PER_FOLDER == 0:
            sub.mkdir(parents=True, exist_ok=True)
        data = make(number).encode("utf-8")
        (sub / f"article-{number:06d}{suffix}").write_bytes(data)
        total += len(data)
    return total


def timed_import(folder: Path, db_path: Path) -> tuple[float, int]:
    for leftover in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        leftover.unlink(missing_ok=True)
    with Store(db_path) as store:
        started = time.perf_counter()
        summary = import_paths(store, [str(folder)])
        elapsed = time.perf_counter() - started
    assert summary.counts.failed == 0, summary.issues[:3]
    return elapsed, summary.counts.imported


def raw_insert(rows: list[dict], db_path: Path) -> float:
    """sqlite-utils insert_all of the same rows into a table with the same FTS5 index."""
    import sqlite_utils

    for leftover in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        leftover.unlink(missing_ok=True)
    db = sqlite_utils.Database(db_path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    table = db["articles"]
    table.create({column: type(value) if value is not None else str for column, value in rows[0].items()})
    table.enable_fts(["title", "body"], create_triggers=True, tokenize="porter unicode61 remove_diacritics 2")
    started = time.perf_counter()
    table.insert_all(rows, batch_size=100)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def stored_rows(db_path: Path) -> list[dict]:
    with Store(db_path) as store:
        return store.query(
            "SELECT title, body, original_text, url, canonical_url, author, published, language, origin, format,"
            " summary_only, word_count, content_hash, original_hash, source_id, metadata, imported_at,"
            " import_run_id FROM articles ORDER BY id"
        )


def bench_text(work: Path, count: int, repeat: int) -> dict:
    folder = work / "text"
    size = write_articles(folder, count, ArticleMaker().scraped_text, ".txt")
    ours, raw = [], []
    for _ in range(repeat):
        elapsed, imported = timed_import(folder, work / "ours.db")
        ours.append(imported / elapsed)
        rows = stored_rows(work / "ours.db")
        raw.append(len(rows) / raw_insert(rows, work / "raw.db"))
        del rows
    best_ours, best_raw = max(ours), max(raw)
    return {"articles": count, "mean_bytes": size // count, "import_per_s": best_ours,
            "raw_insert_all_per_s": best_raw, "ratio": best_ours / best_raw}


def bench_html(work: Path, count: int, repeat: int) -> dict:
    import trafilatura

    folder = work / "html"
    write_articles(folder, count, ArticleMaker(seed=11).html_page, ".html")
    pages = sorted(folder.rglob("*.html"))
    ours, alone = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        for page in pages:
            trafilatura.bare_extraction(page.read_bytes(), with_metadata=True, include_comments=False)
        alone.append(len(pages) / (time.perf_counter() - started))
        elapsed, imported = timed_import(folder, work / "html.db")
        ours.append(imported / elapsed)
    best_ours, best_alone = max(ours), max(alone)
    return {"pages": count, "import_per_s": best_ours, "trafilatura_alone_per_s": best_alone,
            "ratio": best_ours / best_alone}


_MEASURE_IMPORT = """
import json, os, sys, threading, time
sys.path.insert(0, {repo!r})
from corpus.store import Store
from corpus.importing import import_paths

def rss_kb(pid):
    try:
        with open(f"/proc/{{pid}}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0

def children():
    me = str(os.getpid())
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{{entry}}/stat") as stat:
                    if stat.read().rsplit(")", 1)[1].split()[1] == me:
                        yield int(entry)
            except OSError:
                pass

peak = {{"own": 0, "total": 0}}
done = threading.Event()

def sample():
    while not done.wait(0.05):
        own = rss_kb(os.getpid())
        peak["own"] = max(peak["own"], own)
        peak["total"] = max(peak["total"], own + sum(rss_kb(c) for c in children()))

threading.Thread(target=sample, daemon=True).start()
with Store(sys.argv[2]) as store:
    start = time.perf_counter()
    summary = import_paths(store, [sys.argv[1]])
    elapsed = time.perf_counter() - start
done.set()
print(json.dumps({{"imported": summary.counts.imported, "seconds": elapsed,
                  "peak_rss_mb": peak["total"] / 1024, "importer_process_mb": peak["own"] / 1024}}))
"""


def peak_rss_of_import(folder: Path, db_path: Path) -> dict:
    """Import in a fresh process, sampling the resident memory of it and its reader process.

    (The kernel's own peak figure is inherited across exec from the process that started the
    child, so it would count this benchmark's memory; sampling /proc does not.)
    """
    for leftover in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        leftover.unlink(missing_ok=True)
    code = _MEASURE_IMPORT.format(repo=str(REPO))
    result = subprocess.run([sys.executable, "-c", code, str(folder), str(db_path)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def bench_memory(work: Path, count: int) -> dict:
    maker = ArticleMaker(seed=3)
    small, large = work / "mem-n", work / "mem-4n"
    write_articles(small, count, maker.scraped_text, ".txt")
    write_articles(large, 4 * count, maker.scraped_text, ".txt")
    at_n = peak_rss_of_import(small, work / "mem-n.db")
    at_4n = peak_rss_of_import(large, work / "mem-4n.db")
    return {"n": at_n, "4n": at_4n, "growth": at_4n["peak_rss_mb"] / at_n["peak_rss_mb"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--articles", type=int, default=20_000, help="text articles (default 20,000)")
    parser.add_argument("--html", type=int, default=600, help="HTML pages (default 600)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each measurement; the best counts")
    parser.add_argument("--no-memory", action="store_true", help="skip the N / 4N peak-memory runs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    # Other programs on the machine slow both sides, but not equally: the import uses a second
    # core for reading when one is free, the raw baseline never does. Say how busy it was.
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="corpus-import-bench-") as tmp:
        work = Path(tmp)
        figures = {"text": bench_text(work, args.articles, args.repeat)}
        print(f"text  {figures['text']['import_per_s']:8,.0f} articles/s   raw insert_all "
              f"{figures['text']['raw_insert_all_per_s']:8,.0f}/s   ratio {figures['text']['ratio']:.2f} "
              f"(target >= 0.5; {figures['text']['articles']:,} articles of ~{figures['text']['mean_bytes']:,} bytes)",
              flush=True)
        if args.html:
            figures["html"] = bench_html(work, args.html, args.repeat)
            print(f"html  {figures['html']['import_per_s']:8,.1f} pages/s      trafilatura alone "
                  f"{figures['html']['trafilatura_alone_per_s']:8,.1f}/s   ratio {figures['html']['ratio']:.2f} "
                  f"(target >= 0.8)", flush=True)
        if not args.no_memory:
            figures["memory"] = bench_memory(work, args.articles)
            memory = figures["memory"]
            print(f"peak RSS  N={args.articles:,}: {memory['n']['peak_rss_mb']:.0f} MB   "
                  f"4N={4 * args.articles:,}: {memory['4n']['peak_rss_mb']:.0f} MB   "
                  f"growth x{memory['growth']:.2f} (flat when ~1.0)", flush=True)
        print(f"load average after: {os.getloadavg()[0]:.2f}", flush=True)
        if args.json:
            print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
