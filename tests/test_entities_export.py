"""The entities export: one row per canonical entity, with aliases, counts and merged ids."""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner
from entity_helpers import KYIV_ARTICLE, add_article, entity_of, extract, sample_text

from corpus.cli import cli
from corpus.entities import decisions
from corpus.store import Store


@pytest.fixture
def exported(db_path, nlp, tmp_path):
    with Store(db_path) as store:
        add_article(store, sample_text(), title="Weapons wish list", published="2024-11-05")
        add_article(store, KYIV_ARTICLE, title="Drones over Kyiv", published="2024-12-01")
        extract(store)
        kiev, kyiv = entity_of(store, "Kiev"), entity_of(store, "Kyiv")
        decisions.decide(store, kiev, kyiv, "same")

    def run(*options: str) -> list[dict]:
        out = tmp_path / "entities.csv"
        result = CliRunner().invoke(cli, ["export", "entities", "-o", str(out), *options, "--db", str(db_path)])
        assert result.exit_code == 0, result.output
        with out.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    return run, kiev, kyiv


def test_one_row_per_canonical_entity_with_aliases_and_merged_ids(exported) -> None:
    run, kiev, kyiv = exported
    rows = run()
    assert list(rows[0]) == ["id", "name", "type", "type_source", "aliases", "mentions", "articles", "merged_ids"]
    by_name = {r["name"]: r for r in rows}
    assert "Kiev" not in by_name
    kyiv_row = by_name["Kyiv"]
    assert (kyiv_row["id"], kyiv_row["aliases"], kyiv_row["merged_ids"]) == (str(kyiv), "Kiev", str(kiev))
    assert kyiv_row["articles"] == "2"
    mentions = [int(r["mentions"]) for r in rows]
    assert mentions == sorted(mentions, reverse=True)
    assert by_name["Donald Trump"]["type"] == "PERSON"


def test_filters_narrow_the_articles_counted(exported) -> None:
    run, _, kyiv = exported
    later = {r["name"]: r for r in run("--since", "2024-12-01")}
    assert later["Kyiv"]["mentions"] == "2" and later["Kyiv"]["articles"] == "1"
    assert "South Korea" not in later
    assert [r["name"] for r in run("--entity", "Kiev")] == ["Kyiv"]
    searched = {r["name"] for r in run("--search", "drones")}
    assert "Kyiv" in searched and "South Korea" not in searched
