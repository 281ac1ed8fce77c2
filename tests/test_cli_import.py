"""The import, search, show, stats and duplicates commands as a user runs them."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus.cli import cli

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
FIXED_NOW = "2025-01-01T00:00:00+00:00"


def run(db: Path, *args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)


@pytest.mark.parametrize("reader", ["inline", "process"])
def test_import_then_export_matches_the_golden_csv(db_path: Path, tmp_path: Path, monkeypatch, reader: str) -> None:
    monkeypatch.chdir(REPO)  # origins are the relative paths given
    monkeypatch.setattr("corpus.importing.writer.utc_now", lambda: FIXED_NOW)
    # Large imports read in a separate process, small ones in the writer's thread: both must agree.
    monkeypatch.setattr("corpus.importing.readers.PROCESS_MIN_FILES", 1 if reader == "process" else 10**9)
    monkeypatch.setattr("corpus.importing.readers._a_core_is_free", lambda: reader == "process")
    imported = run(db_path, "import", "samples")
    assert imported.exit_code == 0, imported.output
    assert "Imported 11 articles" in imported.stdout
    assert "exact duplicates:  1 (skipped)" in imported.stdout
    assert "near-duplicates:   1" in imported.stdout
    out = tmp_path / "articles.csv"
    exported = run(db_path, "export", "articles", "-o", str(out), "--include-duplicates")
    assert exported.exit_code == 0, exported.output
    assert out.read_bytes() == (GOLDEN / "articles.csv").read_bytes()


def test_export_leaves_near_duplicates_out_unless_asked_and_filters(db_path: Path, tmp_path: Path) -> None:
    run(db_path, "import", str(REPO / "samples"))
    out = tmp_path / "a.jsonl"
    assert run(db_path, "export", "articles", "-o", str(out)).exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 10 and all(r["duplicate_of"] is None for r in rows)
    run(db_path, "export", "articles", "-o", str(out), "--search", "Suk-yeol", "--since", "2024-11-01")
    titles = [json.loads(line)["title"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert titles == ["Yoon Suk Yeol Says Weapons for Ukraine Are Not Ruled Out"]
    run(db_path, "export", "articles", "-o", str(out), "--source", "northern courier", "--include-duplicates")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_exit_codes_and_failure_lines(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    partial = run(db_path, "import", str(REPO / "samples/wire"), str(bad))
    assert partial.exit_code == 3
    assert partial.stderr.splitlines() == [f"failed: {bad}: invalid JSON (Expecting property name enclosed in "
                                           "double quotes at line 1, column 2)"]
    again = run(db_path, "import", str(REPO / "samples/wire"))
    assert again.exit_code == 4 and "Imported 0 articles" in again.stdout
    nothing = run(db_path, "import", str(bad))
    assert nothing.exit_code == 4
    runs = run(db_path, "runs")
    assert runs.exit_code == 0 and len(runs.stdout.splitlines()) == 3
    assert run(db_path, "runs", "1").stdout.strip() == f"error: {bad}: invalid JSON (Expecting property name " \
                                                       "enclosed in double quotes at line 1, column 2)"


def test_json_summary_and_usage_errors(db_path: Path) -> None:
    result = run(db_path, "import", "--json", str(REPO / "samples"))
    summary = json.loads(result.stdout)
    assert (summary["imported"], summary["exact_duplicates"], summary["near_duplicates"], summary["failed"]) == (
        11, 1, 1, 0)
    bad_map = run(db_path, "import", "--map", "headline=hed", str(REPO / "samples"))
    assert bad_map.exit_code == 2 and "unknown field 'headline'" in bad_map.stderr
    bad_size = run(db_path, "import", "--max-size", "big", str(REPO / "samples"))
    assert bad_size.exit_code == 2 and "not a size" in bad_size.stderr


def test_dry_run_json_prints_one_line_per_article_and_stores_nothing(db_path: Path) -> None:
    result = run(db_path, "import", "--dry-run", "--json", str(REPO / "samples/wire"))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["status"] for line in lines] == ["imported"] * 3 + ["near_duplicate", "exact_duplicate", "imported"]
    assert lines[3]["duplicate_of_origin"].endswith("eastern-wire.jsonl:1") and lines[3]["similarity"] > 0.5
    first = lines[0]
    assert first["origin"].endswith("eastern-wire.jsonl:1") and first["title"].startswith("Zelenskyy Asks")
    assert first["body"].startswith("STOCKHOLM") and first["source"] == "Eastern Wire Service"
    assert "Dry run: 5 new (1 near-duplicates)" in result.stderr
    assert run(db_path, "stats", "--json").stdout and json.loads(run(db_path, "stats", "--json").stdout)["articles"] == 0


def test_standard_input(db_path: Path) -> None:
    data = (REPO / "samples/wire/eastern-wire.jsonl").read_bytes()
    result = run(db_path, "import", "-", input=data)
    assert result.exit_code == 0 and "Imported 3 articles" in result.stdout
    shown = run(db_path, "show", "1")
    assert "Origin:       <stdin>:1 (jsonl)" in shown.stdout


def _stored(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_format_source_map_globs_and_max_size_options(db_path: Path, tmp_path: Path) -> None:
    lines = [{"title": "Kyiv Opens Shelters", "body": WORDS_OF_A_STORY},
             {"title": "Odesa Port Resumes", "body": WORDS_OF_A_STORY.replace("Kyiv", "Odesa") + " Grain ships left."}]
    notes = tmp_path / "notes.txt"  # JSON lines in a .txt file: read as one text article unless told
    notes.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    (tmp_path / "desk.csv").write_text(f'hed,copy\nKharkiv Metro Shelters,"{WORDS_OF_A_STORY.replace("Kyiv", "Kharkiv")}"\n',
                                       encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("Big\n\n" + WORDS_OF_A_STORY * 30, encoding="utf-8")

    told = run(db_path, "import", "--format", "jsonl", "--source", "Kyiv Desk", str(notes))
    assert told.exit_code == 0 and "Imported 2 articles" in told.stdout
    assert _stored(db_path, "SELECT a.title, s.name FROM articles a JOIN sources s ON s.id = a.source_id ORDER BY a.id") == [
        ("Kyiv Opens Shelters", "Kyiv Desk"), ("Odesa Port Resumes", "Kyiv Desk")]

    mapped = run(db_path, "import", "--map", "title=hed", "--map", "body=copy", "--max-size", "1K",
                 str(tmp_path / "*.csv"), str(big))
    assert mapped.exit_code == 3 and "Imported 1 article " in mapped.stdout
    assert mapped.stderr.splitlines() == [f"failed: {big}: 5.0 KB, over the --max-size limit of 1.0 KB"]
    assert _stored(db_path, "SELECT title, origin FROM articles WHERE id = 3") == [
        ("Kharkiv Metro Shelters", f"{tmp_path}/desk.csv:2")]

    guessed = run(db_path, "import", "--dry-run", "--json", str(notes))
    assert [json.loads(line)["format"] for line in guessed.stdout.splitlines()] == ["text"]


def test_each_bad_input_is_one_line_on_stderr_and_the_rest_comes_in(db_path: Path, tmp_path: Path) -> None:
    from test_import_pipeline import bad_inputs

    folder = tmp_path / "collected"
    expected = bad_inputs(folder)
    result = run(db_path, "import", "--max-size", "8K", str(folder))
    assert result.exit_code == 3 and "Imported 3 articles" in result.stdout
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == len(result.stderr.splitlines()) == len(expected)
    for name, reason in expected.items():
        assert sum(line.startswith(f"failed: {folder}/{name}: ") and reason in line for line in failed) == 1, name


def test_progress_is_plain_lines_when_not_on_a_terminal(db_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("corpus.cli.progress._PLAIN_INTERVAL", 0.0)
    result = run(db_path, "import", str(REPO / "samples"))
    progress = [line for line in result.stderr.splitlines() if line.startswith("… ")]
    assert progress and all(" articles read from " in line and line.endswith(" articles/s)") for line in progress)
    assert "\x1b" not in result.stderr and "\r" not in result.stderr


def test_search_show_stats_and_duplicates(db_path: Path) -> None:
    run(db_path, "import", str(REPO / "samples"))
    hits = run(db_path, "search", "Kyiv Post")
    assert hits.exit_code == 0
    assert hits.stdout.splitlines()[0].startswith("#4  Kyiv Steps Up Air Defence as Winter Strikes Begin")
    assert "«Kyiv» «Post»" in hits.stdout
    as_json = [json.loads(line) for line in run(db_path, "search", "Odesa OR Odessa", "--json").stdout.splitlines()]
    assert {hit["id"] for hit in as_json} == {2, 4, 5, 11}
    stats = run(db_path, "stats").stdout
    assert "Articles:          11" in stats and "Near-duplicates:   1 (1 to review)" in stats
    listed = run(db_path, "duplicates").stdout
    assert listed.startswith("0.73  #10 Zelensky Presses Nordic") and listed.rstrip().endswith("undecided")
    decided = run(db_path, "duplicates", "decide", "10", "not-duplicate")
    assert decided.exit_code == 0 and "article 10 is not a duplicate of article 7" in decided.stdout
    assert run(db_path, "duplicates").stderr.strip() == "No near-duplicates to review."
    assert "not a duplicate" in run(db_path, "duplicates", "--all").stdout
    assert run(db_path, "undo").exit_code == 0
    assert run(db_path, "duplicates", "list", "--json").stdout.count("\n") == 1
    assert run(db_path, "show", "99").exit_code == 1


def test_a_malformed_query_is_one_line(db_path: Path) -> None:
    run(db_path, "import", str(REPO / "samples/wire"))
    for query in ('"Kyiv', "Kyiv AND", "(Seoul"):
        result = run(db_path, "search", query)
        assert result.exit_code == 1
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("Error: cannot search for")
        assert "Traceback" not in result.output


def test_terminal_control_sequences_in_article_text_are_neutralised(db_path: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.jsonl"
    hostile.write_text(json.dumps({
        "title": "Kyiv \x1b]0;owned\x07 update [bold]not markup[/bold]",
        "body": "Officials in Kyiv said \x1b[31mred\x1b[0m things\x9b2J and more about the city council today.",
    }) + "\n", encoding="utf-8")
    assert run(db_path, "import", str(hostile)).exit_code == 0
    for args in (("show", "1"), ("search", "Kyiv"), ("show", "1", "--original")):
        output = run(db_path, *args).stdout
        assert "\x1b" not in output and "\x9b" not in output and "\x07" not in output
        assert "\\x1b" in output
    assert "[bold]not markup[/bold]" in run(db_path, "show", "1").stdout


# --- An import killed part-way: nothing half-written, and a second run finishes the job. ---

WORDS = ("Kyiv Seoul Odesa Kharkiv ministry officials said warned denied suggested artillery shells air defence "
         "winter grid drones port grain talks envoy weapons aid policy council mayor shelters troops border "
         "report agency statement briefing interceptors systems deliveries factory workshop tunnel").split()


def _write_many(folder: Path, count: int) -> None:
    rng = random.Random(5)
    for number in range(count):
        sub = folder / f"{number // 500:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        words = " ".join(rng.choice(WORDS) for _ in range(160))
        (sub / f"{number:05d}.txt").write_text(f"Report number {number}\n\n{words}.\n", encoding="utf-8")


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _start_import(db: Path, folder: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from corpus.cli import main; main()", "--db", str(db), "import", str(folder)],
        stdout=log.open("w"), stderr=subprocess.STDOUT,
    )


def _wait_for_some_articles(db: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while _count(db) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the import finished before it could be stopped; give it more files"


def _assert_whole(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        without_signature = conn.execute(
            "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_minhash m WHERE m.article_id = a.id)"
        ).fetchone()[0]
        bands = conn.execute("SELECT COUNT(*) FROM article_lsh").fetchone()[0]
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        counted = conn.execute("SELECT COALESCE(SUM(imported), 0) FROM import_runs").fetchone()[0]
    assert without_signature == 0
    assert bands == 16 * articles
    assert counted == articles  # each run's counters were committed with its articles


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_an_import_stopped_part_way_keeps_whole_articles_and_resumes(tmp_path: Path, stop: signal.Signals) -> None:
    folder, db, log = tmp_path / "many", tmp_path / "corpus.db", tmp_path / "log.txt"
    total = 1500
    _write_many(folder, total)
    process = _start_import(db, folder, log)
    _wait_for_some_articles(db, process)
    process.send_signal(stop)
    code = process.wait(timeout=30)
    kept = _count(db)
    assert 0 < kept < total
    _assert_whole(db)
    if stop == signal.SIGINT:
        assert code == 130
        assert "before it was interrupted" in log.read_text(encoding="utf-8")
    else:
        assert code == -signal.SIGKILL

    again = subprocess.run(
        [sys.executable, "-c", "from corpus.cli import main; main()", "--db", str(db), "import", "--json", str(folder)],
        capture_output=True, text=True, timeout=300,
    )
    summary = json.loads(again.stdout)
    assert summary["imported"] == total - kept and summary["exact_duplicates"] == kept
    assert _count(db) == total
    _assert_whole(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(DISTINCT origin) FROM articles").fetchone()[0] == total
        statuses = [r[0] for r in conn.execute("SELECT status FROM import_runs ORDER BY id")]
    assert statuses == ["interrupted", "finished"]


WORDS_OF_A_STORY = ("Officials in Kyiv said on Monday that the city would open more heated shelters before winter, "
                    "as power cuts after missile strikes left parts of the city without heating.")
