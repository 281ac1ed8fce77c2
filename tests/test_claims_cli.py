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
    run("claims", "attribute", str(made["id"]), "--descriptor", "the president")
    assert "  described as  the president" in run("claims", "show", str(made["id"])).output


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
    (["rate", "source:Yonhapp", "B"], "'source:Yonhapp': no source named 'Yonhapp'; did you mean 'Yonhap'?"),
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
    assert run("rate", "source:Yonhap", "B").output.strip() == "source:1 (Yonhap): reliability B (usually reliable)"
    assert run("rate", "entity:Yoon Suk-yeol").output.strip() == "entity:1 (Yoon Suk-yeol): reliability unrated"
    assert run("rate", "claim:1", "3").output.strip() == (
        "claim:1: B3 (reliability B usually reliable, from the outlet; credibility 3 possibly true)")
    assert json.loads(run("rate", "source:yonhap", "--json").output)["reliability"] == "B"
    run("note", "claim:1", "-", input="Unverified.\nAsk the ministry.\n")
    assert run("note", "claim:1").output == "Unverified.\nAsk the ministry.\n"
    run("note", "claim:1", "--clear")
    assert "has no note" in run("note", "claim:1").output


def test_every_new_command_has_help(run) -> None:
    for command in (["claims", "suggest"], ["claims", "accept"], ["tag"], ["link"], ["rate"], ["note"]):
        assert "Usage:" in run(*command, "--help").output


def _actions(db_path) -> int:
    with Store(db_path) as store:
        return store.scalar("SELECT COUNT(*) FROM actions")


def test_a_bad_tag_on_add_leaves_no_claim_behind(run, article, db_path) -> None:
    result = run("claims", "add", str(article), "--quote", "talks began", "--tag", "ok", "--tag", "  ", ok=False)
    assert result.exit_code == 1 and result.output.strip() == "Error: a tag cannot be empty"
    assert "No claims." in run("claims", "list").output
    assert _actions(db_path) == 0
    run("claims", "add", str(article), "--quote", "talks began", "--tag", "topic:talks", "--tag", "urgent")
    assert [t["tag"] for t in map(json.loads, run("tags", "--item", "claim:1", "--json").output.splitlines())] == [
        "topic:talks", "urgent"]
    assert run("undo").output.startswith("Undone #1 claim.create")  # one action: the claim with its tags
    assert "No claims." in run("claims", "list").output and run("tags").stdout == ""


def test_the_list_keeps_its_columns_with_long_verbs_and_speakers(run, article) -> None:
    run("claims", "add", str(article), "--quote", "talks began", "--descriptor",
        "An official familiar with the talks, who spoke on condition of anonymity", "--verb",
        "declined to comment further", "--credibility", "3")
    run("claims", "add", str(article), "--quote", "We will adjust our strategy", "--speaker", "Yoon Suk-yeol",
        "--verb", "said")
    lines = run("claims", "list").output.splitlines()
    assert len(lines) == 2
    assert len({line.index("“") for line in lines}) == 1, lines
    assert "cred 3" in lines[1] and "declined to com… cred 3" in lines[1]


def test_show_keeps_the_spacing_of_the_text_around_the_claim(run, article) -> None:
    run("claims", "add", str(article), "--quote", "We will adjust our strategy")
    shown = run("claims", "show", "1").output.splitlines()[1]
    assert "“»We will adjust our strategy«,” Yoon said." in shown
    run("claims", "add", str(article), "--quote", "talks began")
    assert "anonymity said »talks began«." in run("claims", "show", "2").output


def test_several_ids_go_on_past_a_bad_one_and_exit_1(run, article, db_path) -> None:
    run("claims", "add", str(article), "--quote", "talks began")
    run("claims", "add", str(article), "--quote", "We will adjust our strategy")
    result = run("claims", "delete", "7", "1", "8", "2", ok=False)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["Deleted claim 1", "Deleted claim 2"]
    assert result.stderr.splitlines() == ["Error: claim 7: no such claim", "Error: claim 8: no such claim"]
    assert "No claims." in run("claims", "list").output


def test_a_claim_rating_is_spelled_out(run, article) -> None:
    run("claims", "add", str(article), "--quote", "talks began", "--descriptor", "A source")
    assert run("rate", "claim:1", "2").output.strip() == (
        "claim:1: ?2 (reliability unrated: rate the speaker or the outlet; credibility 2 probably true)")
    assert run("rate", "claim:1", "--clear").output.strip() == (
        "claim:1: unrated (reliability unrated: rate the speaker or the outlet; credibility unrated)")


def test_history_names_each_state_and_says_when_there_is_none(run, article) -> None:
    empty = run("history")
    assert empty.stdout == "" and empty.stderr.strip() == "No actions yet."
    assert run("history", "--kind", "tag").stderr.strip() == "No actions of kind 'tag' yet."
    run("tag", f"article:{article}", "a")
    run("tag", f"article:{article}", "b")
    run("undo")
    states = [line.split()[1] for line in run("history").stdout.splitlines()]
    assert states == ["undone", "done"]
    for args in (["history", "-n", "0"], ["claims", "list", "--offset", "-1"], ["tags", "-n", "0"]):
        assert "is not in the range" in run(*args, ok=False).output


def test_reanchoring_an_unknown_article_is_an_error_not_a_report(run, article) -> None:
    result = run("claims", "reanchor", "99", ok=False)
    assert result.exit_code == 1 and result.output.strip() == "Error: no article 99; nothing was re-anchored"
    assert "No claims to re-anchor." in run("claims", "reanchor").output
    run("claims", "add", str(article), "--quote", "talks began")
    assert run("claims", "reanchor").output.strip() == (
        f"article {article}: 1 unchanged, 0 re-anchored, 0 recovered, 0 orphaned")


def test_unlinking_goes_on_past_an_unknown_link(run, article) -> None:
    run("claims", "add", str(article), "--quote", "talks began")
    run("claims", "add", str(article), "--quote", "We will adjust our strategy")
    run("link", "claim:1", "corroborates", "claim:2")
    result = run("unlink", "9", "1", ok=False)
    assert result.exit_code == 1 and result.stderr.strip() == "Error: link 9: no such link"
    assert result.stdout.startswith("Removed link 1: claim:1 corroborates claim:2")
    assert run("links", "claim:1").output == ""


def test_tags_can_be_listed_by_origin(run, article, db_path) -> None:
    from corpus.items import Item
    from corpus.tags import add_derived_tags

    run("tag", f"article:{article}", "topic:air-defence")
    with Store(db_path) as store, store.action("suggestion.accept", "derived tag") as act:
        add_derived_tags(store, act, Item("article", article), ["attribution:reported"], "suggestion")
    assert run("tags").output.split() == ["1", "attribution:reported", "1", "topic:air-defence"]
    assert run("tags", "--origin", "analyst").output.split() == ["1", "topic:air-defence"]
    assert run("tags", "--origin", "derived").output.split() == ["1", "attribution:reported"]
    assert run("tags", "nothing-like-it").stderr.strip() == "No tags match."


def test_an_empty_note_is_refused_rather_than_deleting_the_note(run, article) -> None:
    run("note", f"article:{article}", "Keep this.")
    refused = run("note", f"article:{article}", "  ", ok=False)
    assert refused.exit_code == 1 and "`--clear` deletes the note" in refused.output
    assert run("note", f"article:{article}").output == "Keep this.\n"


def test_a_claim_lost_in_a_new_text_is_listed_shown_and_exported_as_an_orphan(run, article, db_path) -> None:
    from corpus.articles import replace_body

    run("claims", "add", str(article), "--quote", "talks began", "--descriptor", "A source")
    run("claims", "add", str(article), "--quote", "We will adjust our strategy")
    with Store(db_path) as store:
        replace_body(store, article, body="“We will adjust our strategy,” Yoon said on Monday.")
    orphans = run("claims", "list", "--orphans").output.splitlines()
    assert len(orphans) == 1 and "[orphan] “talks began”" in orphans[0]
    shown = run("claims", "show", "1").output
    assert "ORPHAN: not found in the current text" in shown and "»talks began«" in shown
    moved = json.loads(run("claims", "show", "2", "--json").output)
    assert (moved["start"], moved["orphan"]) == (1, 0)
    exported = {r["claim_id"]: r for r in map(json.loads, run("export", "claims", "-o", "-", "--format", "jsonl")
                                              .stdout.splitlines())}
    assert exported[1]["derived_tags"] == "orphan" and exported[2]["derived_tags"] is None
