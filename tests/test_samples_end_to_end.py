"""The analyst's first session on the real samples, through the command line only: import the
repository's samples and the shared article with `--extract`, then check what the entity and
claim layers promise on them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from corpus.cli import cli

SHARED_ARTICLE = "articles/south-korea-weapons-wish-list.txt"


@pytest.fixture(scope="module")
def session(tmp_path_factory, nlp, shared_samples):
    db_path = tmp_path_factory.mktemp("end-to-end") / "corpus.db"
    runner = CliRunner()

    def run(*args: str, code: int = 0):
        result = runner.invoke(cli, [*args, "--db", str(db_path)])
        assert result.exit_code == code, result.output
        return result

    imported = run("import", str(SAMPLES), str(shared_samples / SHARED_ARTICLE), "--extract")
    assert "Imported 12 articles" in imported.output and "Extracted 12 of 12 articles" in imported.stderr
    return run


def _json_lines(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def _entity(run, name: str) -> dict:
    return json.loads(run("entities", "show", name, "--json").stdout)


def _shared_article_id(run) -> int:
    found = run("search", "Rudenko", "--json")
    return json.loads(found.stdout.splitlines()[0])["id"]


def test_possessives_and_surnames_are_one_entity_without_asking(session) -> None:
    korea = _entity(session, "South Korea")
    assert _entity(session, "South Korea’s")["entity"]["id"] == korea["entity"]["id"]
    assert dict(korea["surface_forms"]) == {"South Korea": korea["entity"]["mentions"]}
    names = {row["name"] for row in _json_lines(session("entities", "list", "-n", "1000", "--json"))}
    assert not [n for n in names if n.endswith(("’s", "'s")) or n.lower().startswith("the ")]
    trump = _entity(session, "Donald Trump’s")
    assert trump["entity"]["type"] == "PERSON"
    assert dict(trump["surface_forms"]) == {"Donald Trump": 2, "Trump": 2}
    assert "Trump" not in names


def test_kiev_kyiv_is_the_top_candidate_for_kiev_and_nothing_pairs_the_kyiv_post(session) -> None:
    kiev = _entity(session, "Kiev")["entity"]["id"]
    for_kiev = _json_lines(session("entities", "candidates", "--entity", "Kiev", "--json"))
    top = for_kiev[0]
    assert kiev in (top["left_root"], top["right_root"])
    assert {top["left_name"], top["right_name"]} == {"Kiev", "Kyiv"}
    assert "transliteration" in top["explanation"]
    every = _json_lines(session("entities", "candidates", "-n", "1000", "--json"))
    assert not [p for p in every if "Post" in p["left_name"] + p["right_name"]]


def test_the_required_statements_are_suggested_with_their_speakers(session) -> None:
    article = _shared_article_id(session)
    suggested = _json_lines(session("claims", "suggest", str(article), "--json"))

    def speaker_of(fragment: str) -> tuple:
        found = [s for s in suggested if fragment in s["quote"]]
        assert found, f"no suggestion quotes {fragment!r}"
        s = found[0]
        return s["speaker_name"] or s["speaker_descriptor"], s["verb"], s["cited_outlet"]

    assert speaker_of("tread cautiously") == ("Doo Jin-ho", "suggested", None)
    assert speaker_of("prioritize long-term national interests") == ("Andrey Rudenko", "said", None)
    assert speaker_of("his country could increase its support")[0].startswith("Yoon Suk")
    assert speaker_of("the delegation plans to meet") == ("A source who requested anonymity", "said", None)
    assert speaker_of("may step back as US President-elect")[1:] == ("according to", "Bloomberg")
    assert speaker_of("declined to comment") == ("South Korea’s defense ministry", "declined to comment", None)


def test_accepted_suggestions_export_with_their_provenance(session, tmp_path) -> None:
    article = _shared_article_id(session)
    rudenko = next(s for s in _json_lines(session("claims", "suggest", str(article), "--json"))
                   if s["speaker_name"] == "Andrey Rudenko")
    session("claims", "accept", str(rudenko["id"]), "--credibility", "3")
    out = tmp_path / "claims.jsonl"
    session("export", "claims", "-o", str(out), "--entity", "Andrey Rudenko")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["speaker"], r["verb"], r["credibility"], r["derived_tags"]) for r in rows] == [
        ("Andrey Rudenko", "said", 3, "attribution:direct-quote")]
    assert rows[0]["title"] == "Ukrainian Defense Minister Goes to South Korea with Weapons Wish List"
    session("undo")
    assert session("export", "claims", "-o", "-", "--entity", "Andrey Rudenko").stdout.count("\n") == 1
