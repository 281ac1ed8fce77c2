"""The links export: golden file, filters, formula injection."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_fixtures import build_annotated_corpus

from corpus.cli import cli
from corpus.store import Store

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def corpus_db(db_path) -> Path:
    with Store(db_path) as store:
        build_annotated_corpus(store)
    return db_path


def _rows(db_path: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["export", "links", "-o", "-", "--db", str(db_path), *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_the_links_export_matches_its_golden_file(corpus_db, tmp_path) -> None:
    out = tmp_path / "links.csv"
    result = CliRunner().invoke(cli, ["export", "links", "-o", str(out), "--db", str(corpus_db)])
    assert result.exit_code == 0 and "Exported 6 links" in result.output
    golden = GOLDEN / "links.csv"
    if os.environ.get("CORPUS_UPDATE_GOLDEN") == "1":
        golden.write_bytes(out.read_bytes())
    assert out.read_bytes() == golden.read_bytes()


def test_both_ends_are_labelled_with_their_articles(corpus_db) -> None:
    rows = {r["link_id"]: r for r in _rows(corpus_db)}
    first = rows["1"]
    assert (first["from_type"], first["relation"], first["to_type"]) == ("claim", "corroborates", "claim")
    assert first["from_label"] == "North Korean troops had been deployed to the Kursk region"
    assert (first["from_article_id"], first["to_article_id"], first["note"]) == ("2", "1", "same week")
    about = rows["4"]
    assert (about["relation"], about["to_label"], about["to_article_id"]) == ("about", "South Korea", "")
    entity_link = rows["6"]
    assert (entity_link["from_label"], entity_link["relation"], entity_link["note"]) == (
        "Yoon Suk-yeol", "president of", "'=until 2025")


@pytest.mark.parametrize("args, expected", [
    (["--entity", "Yoon Suk-yeol"], ["1", "3", "4", "6"]),
    (["--entity", "South Korea"], ["4", "6"]),
    (["--source", "Vancouver Sun"], ["2", "5"]),
    (["--tag", "topic:kursk"], ["1", "2", "5"]),
    (["--since", "2024-11-06"], ["2", "5"]),
    (["--until", "2024-11-03"], ["1", "3", "4"]),
    (["--search", "interceptor OR phases"], ["1", "3", "4"]),
])
def test_filters(corpus_db, args, expected) -> None:
    assert [r["link_id"] for r in _rows(corpus_db, *args)] == expected


def test_the_links_export_refuses_a_credibility_filter(corpus_db) -> None:
    result = CliRunner().invoke(cli, ["export", "links", "-o", "-", "--credibility", "1", "--db", str(corpus_db)])
    assert result.exit_code == 1 and "does not take --credibility" in result.output
