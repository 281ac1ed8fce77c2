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
    assert "entity.alias" in extracted("history").stdout


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


def test_merge_says_which_entity_remains_and_refuses_a_pair_already_one(extracted) -> None:
    merged = extracted("entities", "merge", "Kyiv", "Kiev").stdout.splitlines()
    assert merged[0].endswith("merged Kiev into Kyiv")
    root = json.loads(extracted("entities", "show", "Kiev", "--json").stdout)["entity"]
    assert merged[1].startswith(f"Now #{root['id']} {root['name']} [{root['type']}], {root['mentions']} mentions")
    again = extracted("entities", "merge", "Kiev", "Kyiv", code=1)
    assert again.stderr.strip() == (f"Error: ‘Kiev’ and ‘Kyiv’ are already one entity (#{root['id']}); "
                                    "`corpus entities split` separates them")
    decided = extracted("entities", "decide", "Kyiv", "Kiev", "different", code=1)
    assert decided.stderr.startswith(f"Error: ‘Kyiv’ and ‘Kiev’ are already one entity (#{root['id']})")


def test_compare_tells_acronyms_apart_letter_for_letter() -> None:
    runner = CliRunner()
    for left, right in (("CPU", "GPU"), ("NOK", "NYC"), ("BBC", "BBQ")):
        result = runner.invoke(cli, ["entities", "compare", left, right])
        assert result.exit_code == 0
        score, verdict, *_, explanation = result.stdout.rstrip("\n").split("\t")
        assert verdict == "not proposed" and float(score) < 0.8, result.stdout
        assert "different acronyms" in explanation and "transliteration" not in explanation
    for left, right in (("Kiev", "Kyiv"), ("Odessa", "Odesa"), ("Zelenskyy", "Zelenskiy")):
        assert "\tproposed\t" in runner.invoke(cli, ["entities", "compare", left, right]).stdout


def test_merge_keeps_the_named_target_as_the_entity(extracted) -> None:
    kiev = json.loads(extracted("entities", "show", "Kiev", "--json").stdout)["entity"]
    kyiv = json.loads(extracted("entities", "show", "Kyiv", "--json").stdout)["entity"]
    assert kiev["mentions"] < kyiv["mentions"]  # the target is the smaller one
    assert "Merge entities into TARGET" in extracted("entities", "merge", "--help").stdout
    merged = extracted("entities", "merge", "Kiev", "Kyiv").stdout.splitlines()
    assert merged[0].endswith("merged Kyiv into Kiev")
    assert merged[1].startswith(f"Now #{kiev['id']} Kiev [")
    shown = json.loads(extracted("entities", "show", "Kyiv", "--json").stdout)["entity"]
    assert (shown["id"], shown["name"], shown["mentions"]) == (kiev["id"], "Kiev", kiev["mentions"] + kyiv["mentions"])


def test_renaming_to_the_same_name_is_a_no_op(extracted) -> None:
    before = extracted("history", "--json").stdout
    kyiv = json.loads(extracted("entities", "show", "Kyiv", "--json").stdout)["entity"]["id"]
    same = extracted("entities", "rename", "Kyiv", "Kyiv")
    assert same.stdout == f"#{kyiv} is already named ‘Kyiv’; nothing changed.\n"
    assert extracted("history", "--json").stdout == before


def test_split_messages_name_both_sides_and_nothing_to_split_is_an_error(extracted) -> None:
    ids = {n: json.loads(extracted("entities", "show", n, "--json").stdout)["entity"]["id"] for n in ("Kiev", "Kyiv")}
    extracted("entities", "merge", "Kyiv", "Kiev")
    extracted("entities", "rename", "Kyiv", "Kiev")
    out = extracted("entities", "split", "Kiev", "--member", f"#{ids['Kiev']}").stdout
    assert out.strip().endswith(f"split Kiev (#{ids['Kiev']}) out of Kiev (#{ids['Kyiv']})")
    lonely = extracted("entities", "split", "Kyiv", code=1)
    assert lonely.stdout == ""
    assert lonely.stderr == f"Error: ‘Kiev’ (#{ids['Kyiv']}) is not merged with anything: nothing to split\n"


def test_did_you_mean_offers_a_few_close_names_only(extracted) -> None:
    def offered(name: str) -> list[str]:
        message = extracted("entities", "show", name, code=1).stderr.strip()
        assert message.count("\n") == 0
        return message.partition("did you mean ")[2].rstrip("?").split(", ") if "did you mean" in message else []

    expected = {"Kyyiv": ["Kyiv", "Kiev"], "Seol": ["Seoul"], "Trumpp": ["Donald Trump"],
                "Yoonn": ["Yoon Suk-yeol"], "Zelenskyy": ["Volodymyr Zelensky"], "Xylophone": []}
    assert {name: [n.split(" (#")[0] for n in offered(name)] for name in expected} == expected


def test_out_of_range_options_and_unknown_types_are_refused(extracted) -> None:
    for args in (["entities", "candidates", "-n", "0"], ["entities", "candidates", "--min-score", "2"],
                 ["entities", "candidates", "--offset", "-1"], ["entities", "list", "-n", "-1"],
                 ["entities", "compare", "--threshold", "5", "Kiev", "Kyiv"]):
        assert "is not in the range" in extracted(*args, code=2).stderr
    unknown = extracted("entities", "list", "--type", "people", code=1)
    assert unknown.stderr.startswith("Error: --type 'people': unknown type (choose EVENT")
    bad_type = extracted("entities", "compare", "--left-type", "city", "Kiev", "Kyiv", code=1)
    assert "--left-type: unknown type 'city'" in bad_type.stderr
    typed = _json_lines(extracted("entities", "compare", "--json", input="Trump\tDonald Trump\tperson\tPERSON\n"))
    assert typed[0]["proposed"]
    assert "stdin line 1: unknown type" in extracted("entities", "compare", input="Kiev\tKyiv\tcity\n", code=1).stderr
    assert "stdin line 1" in extracted("entities", "compare", input="Kiev\t\n", code=1).stderr
    windows = _json_lines(extracted("entities", "compare", "--json", input="Kiev\tKyiv\r\nOdessa\tOdesa\tGPE\tGPE\r\n"))
    assert [(r["right"], r["proposed"]) for r in windows] == [("Kyiv", True), ("Odesa", True)]
    narrowed = extracted("entities", "candidates", "--min-score", "1")
    assert narrowed.stdout == "" and narrowed.stderr.strip() == "No undecided candidates match."


def test_counts_are_singular_or_plural(extracted) -> None:
    listed = extracted("entities", "list", "-n", "500").stdout
    assert " 1 articles" not in listed and " 1 mentions" not in listed
    assert " 1 article " in listed and " 1 mention " in listed


def test_claims_and_links_take_any_spelling_of_an_entity(extracted) -> None:
    made = json.loads(extracted("claims", "add", "1", "--quote", "Moscow appeared eager to maintain its ties",
                                "--speaker", "Donald Trump’s", "--json").stdout)
    trump = json.loads(extracted("entities", "show", "Donald Trump", "--json").stdout)["entity"]["id"]
    assert made["speaker_canonical_id"] == trump
    assert f"about entity:{trump}" in extracted("link", f"claim:{made['id']}", "about", "entity:DONALD TRUMP'S").stdout
    missing = extracted("claims", "list", "--speaker", "Rudenk", code=1)
    assert missing.stderr.startswith("Error: no entity named 'Rudenk'; did you mean Andrey Rudenko")


def test_a_missing_model_is_one_line_for_every_command_that_parses(extracted, tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kyiv.txt").write_text("Drones over Kyiv\n\n" + KYIV_ARTICLE + "\n", encoding="utf-8")
    for args in (["claims", "suggest", "1", "--refresh", "--model", "no_such_model"],
                 ["import", str(folder), "--extract", "--model", "no_such_model"]):
        result = extracted(*args, code=1)
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
        assert errors == [result.stderr.splitlines()[-1]] and "'no_such_model' is not installed" in errors[0]
        assert "pip install" in errors[0] and "Traceback" not in result.output


_TABLES = ("entities", "aliases", "entity_decisions", "claims", "claim_suggestions", "tags", "links",
           "reliability_ratings", "notes")


def _snapshot(db_path) -> dict:
    """Every row an analyst action can touch; decisions as the verdicts in force (undo retracts them)."""
    with Store(db_path) as store:
        state = {table: store.query(f"SELECT * FROM {table} ORDER BY id") for table in _TABLES}
    state["entity_decisions"] = [{k: v for k, v in row.items() if k != "retracted_at"}
                                 for row in state["entity_decisions"] if row["retracted_at"] is None]
    return state


def test_undo_and_redo_step_through_entity_and_claim_actions_alike(extracted, db_path) -> None:
    suggestions = _json_lines(extracted("claims", "suggest", "1", "--json"))
    rudenko = next(s["id"] for s in suggestions if s["speaker_name"] == "Andrey Rudenko")
    anonymous = next(s["id"] for s in suggestions if "anonymity" in (s["speaker_descriptor"] or ""))
    steps = [
        ("entity.merge", ["entities", "merge", "Kyiv", "Kiev"]),
        ("suggestion.accept", ["claims", "accept", str(rudenko)]),
        ("suggestion.reject", ["claims", "reject", str(anonymous)]),
        ("claim.create", ["claims", "add", "1", "--quote", "Moscow appeared eager to maintain its ties",
                          "--speaker", "Cho Han-bum"]),
        ("entity.rename", ["entities", "rename", "Cho Han-bum", "Cho Han-bum (KINU)"]),
        ("tag.add", ["tag", "claim:2", "topic:russia"]),
        ("rating.set", ["rate", "entity:Cho Han-bum (KINU)", "C"]),
        ("link.add", ["link", "claim:1", "contradicts", "claim:2"]),
        ("entity.alias", ["entities", "alias", "Kyiv", "Kyjiw"]),
        ("note.set", ["note", "entity:Kyjiw", "Capital; spelled Kiev in older copy."]),
        ("entity.type", ["entities", "type", "Kyiv", "GPE"]),
        ("entity.split", ["entities", "split", "Kyiv"]),
    ]
    states = [_snapshot(db_path)]
    for _, args in steps:
        extracted(*args)
        states.append(_snapshot(db_path))
    kinds = [json.loads(line)["kind"] for line in extracted("history", "--json", "-n", "50").stdout.splitlines()]
    assert kinds == [kind for kind, _ in reversed(steps)]
    for index in range(len(steps), 0, -1):
        assert extracted("undo").stdout.startswith(f"Undone #{index} {steps[index - 1][0]}")
        assert _snapshot(db_path) == states[index - 1], steps[index - 1]
    for index in range(1, len(steps) + 1):
        assert extracted("redo").stdout.startswith(f"Redone #{index} {steps[index - 1][0]}")
        assert _snapshot(db_path) == states[index], steps[index - 1]


def test_a_confirmed_alias_is_found_by_the_next_extraction(extracted, db_path) -> None:
    extracted("entities", "alias", "Kyiv", "Kyjiw")
    extracted("entities", "type", "Kyiv", "GPE")
    with Store(db_path) as store:
        later = add_article(store, "Talks on the winter grid went on in Kyjiw, officials said on Friday.")
    assert "Extracted 1 of 1 articles" in extracted("extract").stderr
    kyiv = json.loads(extracted("entities", "show", "Kyjiw", "--json").stdout)
    assert kyiv["entity"]["name"] == "Kyiv" and kyiv["entity"]["type"] == "GPE"
    found = [m for m in kyiv["mentions"] if m["article_id"] == later]
    assert [(m["text"], m["label"]) for m in found] == [("Kyjiw", "GPE")]
