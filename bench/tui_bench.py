"""How fast the workbench answers on a large corpus, driven through Textual's pilot.

    .venv/bin/python bench/tui_bench.py [--articles 100000] [--keep DIR]

Generates a corpus of N articles straight into a fresh database (sqlite-utils insert_all into
the real schema, FTS triggers included), then measures, in one run:

- start to an interactive article list (the first rows drawn and keys answered),
  next to the bare SQL a list window needs (count + first window);
- last typed search key to updated results, next to the bare FTS count + window query;
- key-to-screen latency moving through the list and through the reader;
- keystrokes of two workflows: a claim with speaker, tag and credibility from an open
  article, and one review decision.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.store import Store, utc_now  # noqa: E402

WORDS = (
    "ministry defence weapons missiles artillery shells delegation officials government parliament "
    "approval support policy conflict region troops forces intelligence report sources analysts "
    "minister president envoy talks negotiations sanctions exports supplies stockpile systems air "
    "ground border security agreement partners allies summit statement interview newspaper agency "
    "pressure strategy decision cautious request assistance aid humanitarian military economic"
).split()
PLACES = ["Kyiv", "Kiev", "Seoul", "Moscow", "Odesa", "Odessa", "Kharkiv", "Warsaw", "Berlin", "Tokyo"]
PEOPLE = ["Yoon Suk-yeol", "Volodymyr Zelensky", "Zelenskyy", "Rustam Umerov", "Andrey Rudenko", "Doo Jin-ho"]
OUTLETS = [f"{name} {kind}" for name in ("Northern", "Eastern", "Pacific", "Capital", "Harbour", "Valley",
                                          "Metro", "Coastal", "Central", "Western")
           for kind in ("Courier", "Times", "Post", "Herald", "Wire")]
SYLLABLES = "ka lo mi ter san vel dor ri na pol gra ven tis mar cu bel ro den fa lin shi zor ta ne".split()
VOCABULARY_SIZE = 20_000
SEARCH_RANKS = (3, 30, 300, 3000)  # words from the most common to rare ones, searched as typed


def vocabulary(seed: int) -> list[str]:
    """News-like words by frequency rank: real ones first, then made-up ones (Zipf's law)."""
    rng = random.Random(seed)
    words = list(dict.fromkeys(w.lower() for w in WORDS + PLACES))
    seen = set(words)
    while len(words) < VOCABULARY_SIZE:
        word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _sentence(rng: random.Random, words: list[str], weights: list[float]) -> str:
    text = " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(8, 18)))
    if rng.random() < 0.3:
        return f"“{text.capitalize()},” {rng.choice(PEOPLE)} said."
    return f"{text.capitalize()}."


def _article(rng: random.Random, n: int, source_ids: list[int], run_id: int, pool: list[str],
             now: str) -> dict:
    # Sentences drawn from a pre-made pool: generating every sentence anew would dominate the run.
    paragraphs = [" ".join(rng.choices(pool, k=rng.randint(2, 4))) for _ in range(rng.randint(3, 6))]
    body = "\n\n".join(paragraphs)
    day = 1 + rng.randrange(3 * 365)
    published = time.strftime("%Y-%m-%d", time.gmtime(1_600_000_000 + day * 86400))
    return {
        "id": n, "title": f"{rng.choice(PLACES)} {paragraphs[0][:60].rstrip()} {n}", "body": body,
        "published": published, "source_id": rng.choice(source_ids), "content_hash": f"h{n}",
        "word_count": len(body.split()), "duplicate_of": (n - 1) if n > 1 and rng.random() < 0.03 else None,
        "imported_at": now, "import_run_id": run_id, "format": "generated", "origin": f"bench:{n}",
    }


def generate(path: Path, count: int, seed: int = 7) -> float:
    """Write `count` articles into a new database at `path`; returns the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    with Store(path) as store:
        db = store.db
        db["sources"].insert_all([{"name": o, "created_at": utc_now()} for o in OUTLETS])
        source_ids = [r["id"] for r in db.query("SELECT id FROM sources")]
        run_id = db["import_runs"].insert({"started_at": utc_now(), "status": "finished"}).last_pk
        # Index once at the end instead of row by row: the same FTS content, several times faster.
        triggers = [r["sql"] for r in db.query(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles'")]
        for name in [r["name"] for r in db.query(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles'")]:
            db.execute(f"DROP TRIGGER [{name}]")
        with db.conn:
            words = vocabulary(seed)
            weights, total = [], 0.0
            for rank in range(1, len(words) + 1):
                total += 1 / rank
                weights.append(total)
            pool = [_sentence(rng, words, weights) for _ in range(20_000)]
            now = utc_now()
            db["articles"].insert_all((_article(rng, n, source_ids, run_id, pool, now)
                                       for n in range(1, count + 1)), batch_size=2000)
        db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
        for sql in triggers:
            db.execute(sql)
    return time.perf_counter() - started


# Measurements ---------------------------------------------------------------------------------

def searches(seed: int = 7) -> list[str]:
    """What the benchmark types: single words from common to rare, and two-word searches."""
    words = vocabulary(seed)
    single = [words[rank] for rank in SEARCH_RANKS]
    return single + [f"{words[5]} {words[40][:4]}", f"{words[100]} {words[1000][:5]}"]


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else float("nan")


def raw_list_seconds(path: Path, search: str = "") -> float:
    """The floor for a list, on a fresh connection: the ids in date order from the index, or
    the ids the full-text index returns for the search, with no filtering or joins at all."""
    import sqlite3

    from corpus.browse import fts_query

    started = time.perf_counter()
    conn = sqlite3.connect(path)
    if search:
        conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [fts_query(search)]).fetchall()
    else:
        conn.execute("SELECT id FROM articles INDEXED BY articles_published"
                     " ORDER BY published DESC, id DESC").fetchall()
    conn.close()
    return time.perf_counter() - started


async def _until(condition, timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen did not update")
        await asyncio.sleep(0.001)


class _Frames:
    """When the app last produced a screen update (the headless driver computes it, then drops it)."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def after(self, moment: float) -> float | None:
        later = [t for t in self.times if t >= moment]
        return later[0] - moment if later else None


def _timed(app_class):
    class Timed(app_class):
        frames = _Frames()

        def _display(self, screen, renderable) -> None:
            if renderable is not None:
                self.frames.times.append(time.perf_counter())
            super()._display(screen, renderable)

    return Timed


async def _key_to_screen(pilot, key: str) -> float | None:
    before = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    return pilot.app.frames.after(before)


def _recording(method, times: list[float]):
    def wrapper(*args, **kwargs):
        result = method(*args, **kwargs)
        times.append(time.perf_counter())
        return result

    return wrapper


async def bare_key_latency(size: tuple[int, int], presses: int = 30) -> list[float]:
    """Baseline: the same measure on an app whose key handler only changes one label."""
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("0", id="label")

        def on_key(self, event) -> None:
            self.query_one("#label", Static).update(str(time.perf_counter()))

    app = _timed(Bare)()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return [t for t in [await _key_to_screen(pilot, "j") for _ in range(presses)] if t is not None]


async def measure_app(path: Path, size: tuple[int, int]) -> dict:
    from tui.app import CorpusApp
    from tui.screens.articles import ArticleList
    from tui.widgets.article_text import ArticleText

    results: dict = {}
    started = time.perf_counter()
    app = _timed(CorpusApp)(Store(path))
    async with app.run_test(size=size) as pilot:
        table = app.screen.query_one(ArticleList)
        await pilot.pause()
        results["first_list"] = time.perf_counter() - started
        await pilot.press("j")
        await _until(lambda: table.cursor == 1)
        await pilot.pause()
        results["interactive"] = time.perf_counter() - started
        results["rows"] = table.row_count

        keys = ["j"] * 30 + ["k"] * 10 + ["pagedown"] * 10 + ["end", "home", "G", "pageup"]
        results["list_keys"] = [t for t in [await _key_to_screen(pilot, key) for key in keys] if t is not None]

        search_times = []
        for text in searches():
            await pilot.press("slash", "ctrl+u")
            await pilot.pause(0.2)
            keys = [{" ": "space"}.get(c, c) for c in text]
            await pilot.press(*keys[:-1])
            shown: list[float] = []
            table.set_source = _recording(table.set_source, shown)
            before = time.perf_counter()
            await pilot.press(keys[-1])
            await _until(lambda: table.source.query.search == text)
            await pilot.pause()
            del table.set_source
            # From the last key to the first frame drawn after the list took the new results.
            search_times.append(shown[-1] - before + (app.frames.after(shown[-1]) or 0.0))
        results["search"] = search_times
        results["search_raw"] = [raw_list_seconds(path, t) for t in searches()]
        results["search_hits"] = []
        for text in searches():
            from corpus.browse import ArticleQuery, open_view

            results["search_hits"].append(len(open_view(app.store, ArticleQuery(search=text))))

        await pilot.press("escape", "enter")
        await pilot.pause()
        reader = app.screen.query_one(ArticleText)
        keys = ["j"] * 20 + ["k"] * 5 + ["right_square_bracket"] * 5 + ["right_curly_bracket", "escape"]
        results["reader_keys"] = [t for t in [await _key_to_screen(pilot, key) for key in keys] if t is not None]
        results["reader_sentences"] = len(reader.bounds.sentences)
    return results


_COLD_START = """
import asyncio, sys
import corpus.cli  # what the `corpus` command imports before it opens the workbench
if sys.argv[2:] == ["eager"]:
    corpus.cli.cli.load_all()  # every command module, as the group loaded them before it was lazy
from corpus.store import Store
from tui.app import CorpusApp
from tui.screens.articles import ArticleList

async def main():
    app = CorpusApp(Store(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        assert app.screen.query_one(ArticleList).cursor == 1
        print("ready", flush=True)

asyncio.run(main())
"""


def cold_start_seconds(path: Path) -> dict[str, float]:
    """Fresh processes, each the best of three: as `corpus` starts, to an interactive list (the
    clock stops when the list has answered a key, before the process exits); the same with
    every command module imported up front; `corpus --help` and Python alone, to their exit."""
    import subprocess

    corpus_help = [sys.executable, "-c",
                   "import sys; sys.argv = ['corpus', '--help']; import corpus.cli; corpus.cli.main()"]
    runs = {
        "workbench": [sys.executable, "-c", _COLD_START, str(path)],
        "eager": [sys.executable, "-c", _COLD_START, str(path), "eager"],
        "help": corpus_help,
        "python": [sys.executable, "-c", "pass"],
    }
    best = {}
    for name, command in runs.items():
        times = []
        for _ in range(3):
            started = time.perf_counter()
            with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as process:
                for line in process.stdout:
                    if line.startswith("ready"):  # the list answers keys: the clock stops, not at exit
                        break
                times.append(time.perf_counter() - started)
                process.stdout.read()
            if process.returncode:
                raise RuntimeError(f"{name}: exit code {process.returncode}")
        best[name] = min(times)
    return best


def datatable_baseline(path: Path, size: tuple[int, int]) -> float:
    """A plain DataTable loaded with every row of the list, as the naive version would."""
    from textual.app import App
    from textual.widgets import DataTable

    rows = Store(path).query("SELECT title, published FROM articles WHERE duplicate_of IS NULL"
                             " ORDER BY published DESC, id DESC")

    class Plain(App):
        def compose(self):
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Title", "Date")
            table.add_rows((r["title"], r["published"]) for r in rows)

    async def run() -> float:
        started = time.perf_counter()
        async with Plain().run_test(size=size) as pilot:
            await pilot.pause()
        return time.perf_counter() - started

    return asyncio.run(run())


# Keystrokes --------------------------------------------------------------------------------------

CLAIM_KEYS = ["c", "Y", "o", "enter", "t", "tab", "enter", "2", "ctrl+s"]


async def count_keystrokes(path: Path) -> dict:
    """Press the workflows on the imported samples and check their result in the database."""
    from corpus import tags
    from corpus.claims import model as claims_model
    from corpus.entities import decisions
    from corpus.items import Item
    from tui.app import CorpusApp
    from tui.widgets.article_text import ArticleText

    with Store(path) as store:
        other = store.scalar("SELECT id FROM articles ORDER BY id LIMIT 1")
        tags.add_tags(store, Item("article", other), ["topic:air-defence"])  # a tag to complete
        article = store.scalar("SELECT id FROM articles WHERE title LIKE 'Seoul Weighs%'")
    app = CorpusApp(Store(path))
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article(article)
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        await pilot.press("j")  # onto Yoon's sentence (navigation, not counted)
        assert "Yoon said" in text.text[text.cursor_span.start:text.cursor_span.end]
        for key in CLAIM_KEYS:
            await pilot.press(key)
        await pilot.pause()
        with Store(path) as store:
            claim = claims_model.claims_of_article(store, article)[0]
            claim_tags = [t.tag for t in tags.tags_of(store, Item("claim", claim.id))]
        assert claim.speaker.startswith("Yoon") and claim.credibility == 2 and claim_tags == ["topic:air-defence"]

        await pilot.press("5")
        await pilot.pause()
        pair = (app.screen.shown.left_id, app.screen.shown.right_id)
        await pilot.press("y")
        await pilot.pause()
        with Store(path) as store:
            assert decisions.current_decision(store, *pair).verdict == "same"
    return {"claim": len(CLAIM_KEYS), "review": 1}


def samples_db(directory: Path) -> Path:
    from corpus.entities.extraction import extract
    from corpus.importing import import_paths

    path = directory / "samples.db"
    with Store(path) as store:
        import_paths(store, [str(Path(__file__).resolve().parent.parent / "samples")])
        extract(store)
    return path


# Report ------------------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--size", default="120x40", help="terminal size, e.g. 80x24")
    parser.add_argument("--datatable", action="store_true", help="also time a plain DataTable with every row")
    parser.add_argument("--keep", default=None, help="write the generated corpus here and keep it")
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x"))
    directory = Path(args.keep or tempfile.mkdtemp(prefix="tui-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "corpus.db"
    try:
        if not path.exists():
            print(f"generating {args.articles:,} articles…", flush=True)
            print(f"  generated in {generate(path, args.articles):.1f} s")
        raw_start = raw_list_seconds(path)
        r = asyncio.run(measure_app(path, size))
        bare = asyncio.run(bare_key_latency(size))
        print(f"\nCorpus: {args.articles:,} articles, {r['rows']:,} in the list; terminal {args.size}")
        print("\nStart to an interactive article list (target ≤ 1 s)")
        print(f"  first rows drawn          {_ms(r['first_list'])}")
        print(f"  first key answered        {_ms(r['interactive'])}")
        print(f"  raw SQL: the ids in order {_ms(raw_start)}   (ratio {r['interactive'] / raw_start:.1f}×)")
        cold = cold_start_seconds(path)
        print(f"  in a fresh process, imports included {_ms(cold['workbench'])}"
              f"   (bare Python starts in {_ms(cold['python'])})")
        print(f"    with every command module imported up front {_ms(cold['eager'])}"
              f"   (lazy commands save {cold['eager'] - cold['workbench']:.2f} s)")
        print(f"  `corpus --help` {_ms(cold['help'])}   ({cold['help'] / cold['python']:.1f}× bare Python)")
        if args.datatable:
            plain = datatable_baseline(path, size)
            print(f"  plain DataTable, all rows {_ms(plain)}   (lazy list is {plain / r['interactive']:.1f}× faster)")
        search, raw = r["search"], r["search_raw"]
        from tui.screens.articles import SEARCH_DEBOUNCE

        print("\nLast typed search key to updated results (target ≤ 100 ms;"
              f" includes the {SEARCH_DEBOUNCE * 1000:.0f} ms typing pause)")
        print(f"  median {_ms(_median(search))}   worst {_ms(max(search))}")
        print(f"  raw SQL (the full-text ids alone) median {_ms(_median(raw))}   worst {_ms(max(raw))}")
        for text, took, bare_sql, hits in zip(searches(), search, raw, r["search_hits"]):
            print(f"    {text!r:24} {hits:7,} hits {_ms(took)}   raw {_ms(bare_sql)}")
        print("\nKey to screen: key sent to the next frame drawn (target ≤ 50 ms)")
        print(f"  baseline: a bare Textual app changing one label   median {_ms(_median(bare))}"
              f"   p95 {_ms(_p95(bare))}")
        print(f"  article list   median {_ms(_median(r['list_keys']))}   p95 {_ms(_p95(r['list_keys']))}"
              f"   worst {_ms(max(r['list_keys']))} (includes End/Home jumps across 100,000 rows)")
        print(f"  reader ({r['reader_sentences']} sentences) median {_ms(_median(r['reader_keys']))}"
              f"   p95 {_ms(_p95(r['reader_keys']))}   worst {_ms(max(r['reader_keys']))}")
        keys = asyncio.run(count_keystrokes(samples_db(directory)))
        print("\nKeystrokes (checked in the database)")
        print(f"  claim with speaker, one tag and credibility, from the open article: {keys['claim']}"
              f"  ({' '.join(CLAIM_KEYS)}; target ≤ 10)")
        print(f"  one review decision: {keys['review']}  (y; target 1)")
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
