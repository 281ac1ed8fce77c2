"""The claims export: golden files, every filter, formula injection, Excel's BOM and JSON Lines."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_fixtures import build_annotated_corpus

from corpus import export
from corpus.cli import cli
from corpus.export import ExportError, ExportFilters
from corpus.store import Store

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("CORPUS_UPDATE_GOLDEN") == "1"


@pytest.fixture
def corpus_db(db_path) -> tuple[Path, dict[str, int]]:
    with Store(db_path) as store:
        ids = build_annotated_corpus(store)
    return db_path, ids


def _export(db_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["export", "claims", "-o", "-", "--db", str(db_path), *args])
    return result.exit_code, result.stdout if result.exit_code == 0 else result.output


def _compare(name: str, produced: bytes) -> None:
    golden = GOLDEN / name
    if UPDATE:
        golden.write_bytes(produced)
    assert produced == golden.read_bytes(), f"{name} differs from the golden file (CORPUS_UPDATE_GOLDEN=1 rewrites it)"


@pytest.mark.parametrize("fmt, name", [("csv", "claims.csv"), ("jsonl", "claims.jsonl")])
def test_the_export_matches_its_golden_file(corpus_db, tmp_path, fmt, name) -> None:
    db_path, _ = corpus_db
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["export", "claims", "-o", str(out), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "Exported 6 claims" in result.output
    _compare(name, out.read_bytes())


def test_one_row_per_claim_with_full_provenance(corpus_db) -> None:
    db_path, ids = corpus_db
    _, text = _export(db_path)
    rows = {int(r["claim_id"]): r for r in csv.DictReader(io.StringIO(text))}
    seoul = rows[ids["seoul"]]
    assert (seoul["title"], seoul["outlet"], seoul["url"], seoul["published"]) == (
        "Seoul weighs interceptor request", "Kyiv Post", "https://kyivpost.example/seoul", "2024-11-03")
    assert (seoul["speaker"], seoul["speaker_entity_id"], seoul["speaker_surface"]) == ("Yoon Suk-yeol", "1", "Yoon")
    assert (seoul["reliability"], seoul["reliability_basis"], seoul["credibility"], seoul["admiralty_code"]) == (
        "B", "outlet", "2", "B2")
    assert seoul["corroborated_by"] == "1"  # Reuters; the Kursk copy is syndicated, not independent
    assert seoul["entities"] == "Yoon Suk-yeol; South Korea"
    assert (seoul["analyst_tags"], seoul["derived_tags"]) == ("Seoul; topic:air-defence", "attribution:reported")
    assert seoul["links"] == "corroborated by claim:3; cited by claim:2; about entity:3"
    # Corroboration runs both ways; the syndicated copy of the Reuters story never counts for it.
    assert (rows[ids["kursk"]]["corroborated_by"], rows[ids["copy"]]["corroborated_by"]) == ("1", "0")
    lost = rows[ids["lost"]]
    assert (lost["orphan"], lost["anchor"], lost["derived_tags"]) == ("1", "orphan", "orphan")


def test_cells_a_spreadsheet_would_run_are_neutralised(corpus_db) -> None:
    db_path, ids = corpus_db
    _, text = _export(db_path)
    tricks = next(r for r in csv.DictReader(io.StringIO(text)) if r["claim_id"] == str(ids["tricks"]))
    assert tricks["quote"] == "'=HYPERLINK(\"http://example.invalid\",\"x\")"
    assert tricks["speaker"] == "'+1 anonymous account"
    assert tricks["cited_outlet"] == "'@weather"
    assert tricks["title"] == "'@channel: weather"
    assert tricks["analyst_tags"] == "'-urgent"
    assert tricks["note"] == "'@admin look at this"
    _, jsonl = _export(db_path, "--format", "jsonl")
    raw = next(json.loads(line) for line in jsonl.splitlines() if json.loads(line)["claim_id"] == ids["tricks"])
    assert raw["quote"].startswith("=HYPERLINK")  # JSON is data for programs, not a spreadsheet


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("1+1", "1+1"), ("a=b", "a=b"), (" =x", " =x"), (42, 42), (None, None),
])
def test_neutralise_formula(value, expected) -> None:
    assert export.neutralise_formula(value) == expected


def test_excel_gets_a_byte_order_mark(corpus_db, tmp_path) -> None:
    db_path, _ = corpus_db
    out = tmp_path / "claims.csv"
    CliRunner().invoke(cli, ["export", "claims", "-o", str(out), "--excel", "--db", str(db_path)])
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfclaim_id,article_id,title")
    assert data[3:] == (GOLDEN / "claims.csv").read_bytes()


@pytest.mark.parametrize("args, expected", [
    ([], ["seoul", "continued", "kursk", "copy", "tricks", "lost"]),
    (["--tag", "topic:air-defence"], ["seoul"]),
    (["--tag", "topic:kursk"], ["kursk"]),
    (["--tag", "orphan"], ["lost"]),
    (["--entity", "Yoon"], ["seoul", "continued"]),
    (["--entity", "South Korea"], ["seoul"]),
    (["--source", "reuters"], ["kursk"]),
    (["--since", "2024-11-05"], ["kursk", "copy", "tricks"]),
    (["--until", "2024-11-05"], ["seoul", "continued", "kursk", "lost"]),
    (["--since", "2024-11", "--until", "2024-11"], ["seoul", "continued", "kursk", "copy"]),
    (["--search", "Kursk"], ["kursk", "copy"]),
    (["--credibility", "1-2"], ["seoul", "kursk"]),
    (["--credibility", "2,unrated"], ["seoul", "continued", "copy", "tricks", "lost"]),
    (["--source", "Kyiv Post", "--tag", "Seoul", "--credibility", "2"], ["seoul"]),
])
def test_filters(corpus_db, args, expected) -> None:
    db_path, ids = corpus_db
    code, text = _export(db_path, *args)
    assert code == 0, text
    assert [int(r["claim_id"]) for r in csv.DictReader(io.StringIO(text))] == [ids[name] for name in expected]


@pytest.mark.parametrize("args, message", [
    (["--search", "Kursk AND ("], "not a valid full-text query"),
    (["--since", "last week"], "expected a date"),
    (["--credibility", "7"], "credibility runs from 1 to 6"),
    (["--credibility", "high"], "expected 1-6"),
    (["--entity", "Nobody"], "--entity 'Nobody': no entity named 'Nobody'"),
    (["--entity", "99"], "no such entity"),
    (["--source", "Reuter"], "--source 'Reuter': no outlet of that name or id; did you mean 'Reuters'?"),
    (["--credibility", "3-1"], "a range goes from low to high, e.g. 1-3"),
    (["--include-duplicates"], "does not take --include-duplicates"),
])
def test_bad_filters_are_one_line_errors_and_write_nothing(corpus_db, tmp_path, args, message) -> None:
    db_path, _ = corpus_db
    out = tmp_path / "never.csv"
    result = CliRunner().invoke(cli, ["export", "claims", "-o", str(out), "--db", str(db_path), *args])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert not out.exists() and list(tmp_path.glob(".export-*")) == []


def test_the_domain_api_streams_the_same_rows(corpus_db) -> None:
    db_path, ids = corpus_db
    with Store(db_path) as store:
        table = export.build(store, "claims", ExportFilters(article_ids=[1]))
        assert [row["claim_id"] for row in table.rows] == [ids["seoul"], ids["continued"]]
    with pytest.raises(ExportError):
        with Store(db_path) as store:
            export.build(store, "claims", ExportFilters(since="yesterday"))


def test_an_orphan_claim_is_not_credited_with_names_now_at_its_old_offsets(corpus_db) -> None:
    from claim_helpers import add_entity
    from export_fixtures import _mention

    db_path, ids = corpus_db
    with Store(db_path) as store:
        lost_article = store.scalar("SELECT article_id FROM claims WHERE id = ?", [ids["lost"]])
        body = store.scalar("SELECT body FROM articles WHERE id = ?", [lost_article])
        grain = add_entity(store, "Replaced", "ORG")
        _mention(store, lost_article, body, "Replaced", grain, "ORG")
    code, text = _export(db_path, "--format", "jsonl")
    rows = {row["claim_id"]: row for row in map(json.loads, text.splitlines())}
    assert rows[ids["lost"]]["orphan"] == 1 and rows[ids["lost"]]["entities"] is None
    code, text = _export(db_path, "--entity", "Replaced")
    assert code == 0 and list(csv.DictReader(io.StringIO(text))) == []
