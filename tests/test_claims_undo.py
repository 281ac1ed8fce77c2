"""`corpus undo`, `redo` and `history` across every kind of claims-layer action."""

from __future__ import annotations

import json

from claim_helpers import add_article, add_entity
from click.testing import CliRunner

from corpus.cli import cli
from corpus.store import Store

BODY = "Yoon warned that support could grow. Officials denied it. A source said talks began on Monday."


def _state(db_path) -> dict:
    with Store(db_path) as store:
        return {
            table: store.query(f"SELECT * FROM {table} ORDER BY id")
            for table in ("claims", "tags", "links", "reliability_ratings", "notes", "claim_suggestions")
        }


def test_every_kind_undoes_and_redoes_in_order(db_path) -> None:
    with Store(db_path) as store:
        article = add_article(store, BODY, source="Yonhap")
        add_entity(store, "Yoon Suk-yeol")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["--db", str(db_path), *args])
        assert result.exit_code == 0, result.output
        return result.output

    steps = [
        ("claim.create", ["claims", "add", str(article), "--quote", "support could grow"]),
        ("claim.create", ["claims", "add", str(article), "--quote", "Officials denied it"]),
        ("claim.attribute", ["claims", "attribute", "1", "--speaker", "1", "--verb", "warned", "--stance", "warns"]),
        ("tag.add", ["tag", "claim:1", "topic:aid", "urgent"]),
        ("tag.remove", ["untag", "claim:1", "urgent"]),
        ("link.add", ["link", "claim:2", "contradicts", "claim:1"]),
        ("rating.set", ["rate", "source:Yonhap", "B"]),
        ("rating.set", ["rate", "claim:1", "2"]),
        ("note.set", ["note", "claim:1", "Said at a news conference."]),
        ("claim.delete", ["claims", "delete", "2"]),
    ]
    states = [_state(db_path)]
    for _, args in steps:
        run(*args)
        states.append(_state(db_path))
    history = [json.loads(line) for line in run("history", "--json").splitlines()]
    assert [h["kind"] for h in reversed(history)] == [kind for kind, _ in steps]

    for index in range(len(steps), 0, -1):
        assert run("undo").startswith(f"Undone #{index} {steps[index - 1][0]}")
        assert _state(db_path) == states[index - 1]
    assert run("undo").strip() == "Nothing to undo."
    for index in range(1, len(steps) + 1):
        assert run("redo").startswith(f"Redone #{index} {steps[index - 1][0]}")
        assert _state(db_path) == states[index]
    assert run("redo").strip() == "Nothing to redo."


def test_suggestion_decisions_undo_and_redo(db_path, nlp) -> None:
    with Store(db_path) as store:
        article = add_article(store, "“We will adjust our strategy in phases,” Yoon said. He said talks would go on.")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["--db", str(db_path), *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    listed = [json.loads(line) for line in run("claims", "suggest", str(article), "--json").splitlines()]
    assert [(s["speaker_text"], s["speaker_antecedent"]) for s in listed] == [("Yoon", None), ("He", "Yoon")]
    first, second = listed[0]["id"], listed[1]["id"]
    run("claims", "accept", str(first))
    run("claims", "reject", str(second))
    assert run("claims", "suggest", str(article)).strip() == ""
    run("undo")
    run("undo")
    assert len(run("claims", "suggest", str(article)).splitlines()) == 2
    run("redo")
    run("redo")
    assert [s["status"] for s in map(json.loads, run("claims", "suggest", str(article), "--all", "--json").splitlines())] == [
        "accepted", "rejected"]
