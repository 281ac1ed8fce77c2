"""Golden files for the exports not covered elsewhere: entities (CSV and JSON Lines), links and
articles as JSON Lines, on the small annotated corpus. A cell a spreadsheet would run is
neutralised in CSV and left as it is in JSON Lines."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_fixtures import FIXED_TIME, build_annotated_corpus

from corpus.cli import cli
from corpus.store import Store, utc_now

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("CORPUS_UPDATE_GOLDEN") == "1"


@pytest.fixture
def corpus_db(db_path) -> Path:
    with Store(db_path) as store:
        build_annotated_corpus(store)
        trick = store.conn.execute(
            "INSERT INTO entities (name, type, created_at) VALUES ('+1 Brigade', 'ORG', ?)", [utc_now()]).lastrowid
        for name in ("=1+1", "First Brigade"):
            store.conn.execute("INSERT INTO aliases (entity_id, name, key, created_at) VALUES (?, ?, ?, ?)",
                               [trick, name, name.lower(), utc_now()])
        store.conn.execute("UPDATE articles SET imported_at = ?", [FIXED_TIME])
    return db_path


def _export(db_path: Path, kind: str, out: Path, *args: str) -> bytes:
    result = CliRunner().invoke(cli, ["export", kind, "-o", str(out), "--db", str(db_path), *args])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.mark.parametrize("kind, name", [
    ("entities", "entities.csv"), ("entities", "entities.jsonl"),
    ("links", "links.jsonl"), ("articles", "articles-annotated.jsonl"), ("articles", "articles-annotated.csv"),
])
def test_the_export_matches_its_golden_file(corpus_db, tmp_path, kind, name) -> None:
    produced = _export(corpus_db, kind, tmp_path / name.replace("-annotated", ""))
    golden = GOLDEN / name
    if UPDATE:
        golden.write_bytes(produced)
    assert produced == golden.read_bytes(), f"{name} differs from the golden file (CORPUS_UPDATE_GOLDEN=1 rewrites it)"


def test_entity_names_a_spreadsheet_would_run_are_neutralised_only_in_csv(corpus_db, tmp_path) -> None:
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        _export(corpus_db, "entities", tmp_path / "e.csv").decode("utf-8")))}
    trick = next(r for r in rows.values() if "Brigade" in r["name"])
    assert (trick["name"], trick["aliases"]) == ("'+1 Brigade", "'=1+1; First Brigade")
    lines = [json.loads(line) for line in _export(corpus_db, "entities", tmp_path / "e.jsonl").splitlines()]
    raw = next(r for r in lines if "Brigade" in r["name"])
    assert (raw["name"], raw["aliases"]) == ("+1 Brigade", ["=1+1", "First Brigade"])


def test_options_that_cannot_apply_are_refused_and_counts_read_right(corpus_db, tmp_path) -> None:
    out = tmp_path / "claims.jsonl"
    refused = CliRunner().invoke(cli, ["export", "claims", "-o", str(out), "--excel", "--db", str(corpus_db)])
    assert refused.exit_code == 1 and "--excel adds a byte-order mark to CSV" in refused.output
    assert not out.exists()
    one = CliRunner().invoke(cli, ["export", "entities", "-o", str(tmp_path / "e.csv"), "--entity", "Yoon",
                                   "--db", str(corpus_db)])
    assert one.exit_code == 0 and one.stderr.strip() == f"Exported 1 entity to {tmp_path / 'e.csv'}"


def test_a_reader_that_stops_early_ends_the_export_quietly(db_path) -> None:
    import subprocess
    import sys

    from claim_helpers import add_article

    with Store(db_path) as store, store.transaction():
        for n in range(1500):
            add_article(store, f"Article {n} about the winter grid. " * 5, title=f"Grid {n}")
    command = [sys.executable, "-c", "from corpus.cli import main; main()", "export", "articles", "-o", "-",
               "--db", str(db_path)]
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout.readline().startswith(b"article_id,title")
    reader.stdout.close()  # as `| head -1` does
    reader.wait(timeout=60)
    assert (reader.returncode, reader.stderr.read().decode()) == (0, "")


@pytest.mark.parametrize("args, expected", [
    ([], [("South Korea", 1), ("Yoon Suk-yeol", 1), ("+1 Brigade", 0)]),
    (["--source", "Kyiv Post"], [("South Korea", 1), ("Yoon Suk-yeol", 1)]),
    (["--source", "Reuters"], []),
    (["--tag", "topic:kursk"], []),
    (["--until", "2024-11-03"], [("South Korea", 1), ("Yoon Suk-yeol", 1)]),
    (["--since", "2024-11-04"], []),
    (["--search", "phases"], [("South Korea", 1), ("Yoon Suk-yeol", 1)]),
    (["--entity", "Yoon"], [("Yoon Suk-yeol", 1)]),
    (["--include-duplicates", "--since", "2024-11"], [("South Korea", 1), ("Yoon Suk-yeol", 1)]),
])
def test_every_entities_filter(corpus_db, tmp_path, args, expected) -> None:
    produced = _export(corpus_db, "entities", tmp_path / "e.jsonl", *args)
    assert [(r["name"], r["mentions"]) for r in map(json.loads, produced.splitlines())] == expected
