"""The claims, tag, link, rate and note commands as a script would use them."""

from __future__ import annotations

import json

import pytest
from claim_helpers import add_article, add_entity
from click.testing import CliRunner

from corpus.cli import cli
from corpus.store import Store

BODY = ("Yoon warned that his country could increase its support. "
        "“We will adjust our strategy,” Yoon said. A source who requested anonymity said talks began.")


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, ok: bool = True):
        result = runner.invoke(cli, [*args, "--db", str(db_path)], input=input)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return invoke


@pytest.fixture
def article(db_path) -> int:
    with Store(db_path) as store:
        add_entity(store, "Yoon Suk-yeol")
        return add_article(store, BODY, title="Yoon warns", source="Yonhap")


def test_add_by_quote_then_show_as_json(run, article) -> None:
    made = json.loads(run("claims", "add", str(article), "--quote", "We will adjust our strategy",
                          "--speaker", "Yoon Suk-yeol", "--speaker-text", "Yoon", "--verb", "said",
                          "--stance", "asserts", "--credibility", "2", "--tag", "topic:strategy", "--json").output)
    assert (made["quote"], made["speaker_name"], made["credibility"]) == ("We will adjust our strategy",
                                                                          "Yoon Suk-yeol", 2)
    shown = json.loads(run("claims", "show", str(made["id"]), "--json").output)
    assert shown["rating"]["code"] == "?2"
    assert [t["tag"] for t in shown["tags"]] == ["topic:strategy"]
    text = run("claims", "show", str(made["id"])).output
    assert "»We will adjust our strategy«" in text and "Yoon Suk-yeol (entity 1) as “Yoon”" in text


def test_add_by_offsets_and_list(run, article) -> None:
    start = BODY.index("his country")
    run("claims", "add", str(article), "--start", str(start), "--end", str(start + 11),
        "--descriptor", "a presidential aide")
    lines = run("claims", "list").output.splitlines()
    assert len(lines) == 1 and "a presidential aide" in lines[0] and "“his country”" in lines[0]
    listed = [json.loads(line) for line in run("claims", "list", "--article", str(article), "--json").output.splitlines()]
    assert [c["quote"] for c in listed] == ["his country"]


@pytest.mark.parametrize("args, message", [
    (["claims", "add", "1", "--quote", "nowhere in the text"], "quote not found"),
    (["claims", "add", "1"], "give either --start and --end, or --quote"),
    (["claims", "add", "1", "--quote", "Yoon", "--speaker", "Nobody"], "no entity named 'Nobody'"),
    (["claims", "show", "9"], "claim 9: no such claim"),
    (["tag", "claim:9", "x"], "claim:9: no such claim"),
    (["tag", "nonsense", "x"], "expected TYPE:ID"),
    (["link", "article:1", "about", "article:1"], "an article→article link is one of: follow-up"),
    (["rate", "source:Yonhap", "Z"], "one of A-F"),
    (["claims", "accept", "5"], "suggestion 5: no such suggestion"),
])
def test_mistakes_are_one_line_errors(run, article, args, message) -> None:
    result = run(*args, ok=False)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [result.output.strip()] and message in result.output
    assert "Traceback" not in result.output


def test_tag_untag_and_autocomplete(run, article) -> None:
    run("tag", f"article:{article}", "topic:air-defence", "Korea")
    run("tag", f"article:{article}", "topic:artillery")
    assert run("tags", "topic").output.split() == ["1", "topic:air-defence", "1", "topic:artillery"]
    run("untag", f"article:{article}", "korea")
    tags = [json.loads(line)["tag"] for line in run("tags", "--item", f"article:{article}", "--json").output.splitlines()]
    assert tags == ["topic:air-defence", "topic:artillery"]


def test_link_follow_and_unlink(run, article) -> None:
    run("claims", "add", str(article), "--quote", "his country could increase its support")
    run("claims", "add", str(article), "--quote", "We will adjust our strategy")
    link = json.loads(run("link", "claim:2", "corroborates", "claim:1", "--note", "same speech", "--json").output)
    run("link", "claim:1", "about", "entity:Yoon Suk-yeol")
    seen = run("links", "claim:1").output
    assert "← corroborates claim:2 “We will adjust our strategy” — same speech" in seen
    assert "about entity:1 “Yoon Suk-yeol”" in seen
    run("unlink", str(link["id"]))
    assert "corroborates" not in run("links", "claim:1").output


def test_rate_and_note(run, article) -> None:
    run("claims", "add", str(article), "--quote", "talks began", "--descriptor", "A source")
    run("rate", "source:Yonhap", "B")
    assert run("rate", "claim:1", "3").output.strip() == "claim:1: B3, reliability from the outlet"
    assert json.loads(run("rate", "source:yonhap", "--json").output)["reliability"] == "B"
    run("note", "claim:1", "-", input="Unverified.\nAsk the ministry.\n")
    assert run("note", "claim:1").output == "Unverified.\nAsk the ministry.\n"
    run("note", "claim:1", "--clear")
    assert "has no note" in run("note", "claim:1").output


def test_every_new_command_has_help(run) -> None:
    for command in (["claims", "suggest"], ["claims", "accept"], ["tag"], ["link"], ["rate"], ["note"]):
        assert "Usage:" in run(*command, "--help").output
