"""`corpus extract` and `corpus entities …` as a user and a script use them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from entity_helpers import KYIV_ARTICLE, add_article, sample_text

from corpus.cli import cli
from corpus.store import Store


@pytest.fixture
def run(db_path, nlp):
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, code: int = 0):
        result = runner.invoke(cli, [*args, "--db", str(db_path)], input=input)
        assert result.exit_code == code, result.output
        return result

    return invoke


@pytest.fixture
def extracted(run, db_path):
    with Store(db_path) as store:
        add_article(store, sample_text(), title="Weapons wish list")
        add_article(store, KYIV_ARTICLE, title="Drones over Kyiv")
    result = run("extract")
    assert "Extracted 2 of 2 articles" in result.stderr
    return run


def _json_lines(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_extract_then_nothing_left(extracted) -> None:
    again = extracted("extract", "--json")
    assert json.loads(again.stdout)["pending"] == 0
    assert "Extracted 2 of 2" in extracted("extract", "--redo").stderr


def test_an_unknown_model_is_one_clear_line(extracted) -> None:
    result = extracted("extract", "--redo", "--model", "xx_missing_pipeline", code=1)
    assert result.stderr.count("\n") == 1
    assert "xx_missing_pipeline" in result.stderr and "pip install" in result.stderr
    assert "Traceback" not in result.output


def test_list_sorts_by_mentions_and_filters_by_type(extracted) -> None:
    rows = _json_lines(extracted("entities", "list", "--json", "-n", "500"))
    counts = [r["mentions"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert rows[0]["name"] == "South Korea"
    people = _json_lines(extracted("entities", "list", "--type", "person", "--json"))
    assert people and {r["type"] for r in people} == {"PERSON"}
    assert "Donald Trump" in {r["name"] for r in people}
    text = extracted("entities", "list", "--search", "korea").stdout
    assert "South Korea" in text and "Ukraine" not in text


def test_show_prints_mentions_in_context(extracted) -> None:
    out = extracted("entities", "show", "Donald Trump’s").stdout
    assert out.startswith("#") and "Donald Trump" in out
    assert "[Trump]" in out and "written as:" in out
    detail = json.loads(extracted("entities", "show", "Donald Trump", "--json").stdout)
    assert {m["text"] for m in detail["mentions"]} == {"Donald Trump", "Trump"}
    missing = extracted("entities", "show", "Kyyiv", code=1)
    assert "did you mean" in missing.stderr


def test_candidates_compare_decide_and_undo(extracted) -> None:
    queue = _json_lines(extracted("entities", "candidates", "--json"))
    pair = next(p for p in queue if {p["left_name"], p["right_name"]} == {"Kiev", "Kyiv"})
    assert pair["score"] >= 0.85 and "transliteration" in pair["explanation"]
    assert "Kyiv Post" not in extracted("entities", "candidates", "-n", "500").stdout
    assert "“" in extracted("entities", "candidates", "--context").stdout

    decided = extracted("entities", "decide", "Kiev", "Kyiv", "same")
    assert "same: Kiev ↔ Kyiv" in decided.stdout
    assert "Kiev" in extracted("entities", "show", "Kyiv").stdout
    assert "same" in extracted("entities", "decisions").stdout
    extracted("undo")
    assert "alias  Kiev" not in extracted("entities", "show", "Kyiv").stdout
    extracted("entities", "decide", "Kiev", "Kyiv", "different")
    assert "Kiev" not in extracted("entities", "candidates", "-n", "500").stdout
    extracted("entities", "decide", "Kiev", "Kyiv", "clear")
    assert "Kiev" in extracted("entities", "candidates", "-n", "500").stdout


def test_compare_arguments_and_tsv_on_stdin() -> None:
    runner = CliRunner()
    one = runner.invoke(cli, ["entities", "compare", "Kharkov", "Kharkiv"])
    assert one.exit_code == 0 and one.stdout.startswith("0.98\tproposed\tKharkov\tKharkiv\t")
    tsv = "Kyiv Post\tKyiv\tORG\tGPE\nOdessa\tOdesa\n# a comment\nIran\tIraq\n"
    many = runner.invoke(cli, ["entities", "compare", "--json"], input=tsv)
    rows = _json_lines(many)
    assert [(r["left"], r["proposed"]) for r in rows] == [("Kyiv Post", False), ("Odessa", True), ("Iran", False)]
    assert "different thing" in rows[0]["explanation"]
    bad = runner.invoke(cli, ["entities", "compare"], input="only one column\n")
    assert bad.exit_code == 1 and "stdin line 1" in bad.stderr


def test_merge_split_rename_alias_type(extracted) -> None:
    extracted("entities", "merge", "Seoul", "Moscow", "Kiev")
    assert "merged" in extracted("entities", "show", "Moscow").stdout
    extracted("entities", "split", "Seoul", "--member", "Kiev")
    assert extracted("entities", "show", "Kiev").stdout.startswith("#")
    assert "alias  Moscow" in extracted("entities", "show", "Seoul").stdout
    extracted("entities", "split", "Seoul")
    assert "alias  Moscow" not in extracted("entities", "show", "Seoul").stdout
    extracted("entities", "rename", "Seoul", "Seoul (government)")
    extracted("entities", "type", "Seoul (government)", "ORG")
    shown = extracted("entities", "show", "Seoul").stdout
    assert shown.startswith("#") and "Seoul (government)  [ORG set by analyst]" in shown
    extracted("entities", "alias", "Kyiv", "Kyjiw")
    assert "Kyjiw" in extracted("entities", "show", "Kyjiw").stdout
    taken = extracted("entities", "alias", "Kyiv", "Seoul", code=1)
    assert "merge the two" in taken.stderr
    assert "history" and "entity.alias" in extracted("history").stdout


def test_import_with_extract_does_both(db_path, nlp, tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kyiv.txt").write_text("Drones over Kyiv\n\n" + KYIV_ARTICLE + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(folder), "--extract", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "Extracted 1 of 1 articles" in result.stderr
    with Store(db_path) as store:
        assert store.scalar("SELECT COUNT(*) FROM extraction_state") == 1
        assert store.scalar("SELECT COUNT(*) FROM mention_entities WHERE text = 'Kharkiv'") == 1
