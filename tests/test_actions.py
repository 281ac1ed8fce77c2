"""The one action log: undo and redo of inserts, updates, deletes and append-only rows."""

from __future__ import annotations

import pytest

from corpus import actions
from corpus.store import Store, utc_now


def _source_names(store: Store) -> list[str]:
    return [r["name"] for r in store.query("SELECT name FROM sources ORDER BY id")]


def _add_source(store: Store, name: str) -> int:
    with store.action("source.add", f"Added {name}") as act:
        return act.insert("sources", {"name": name, "created_at": utc_now()})


def test_undo_and_redo_restore_each_kind_of_change(store: Store) -> None:
    kyiv_post = _add_source(store, "Kyiv Post")
    _add_source(store, "Reuters")
    with store.action("source.rename", "Renamed") as act:
        act.update("sources", kyiv_post, {"name": "The Kyiv Post", "domain": "kyivpost.com"})
    with store.action("source.delete", "Deleted Reuters") as act:
        act.delete("sources", 2)
    assert _source_names(store) == ["The Kyiv Post"]

    assert actions.undo(store).kind == "source.delete"
    assert _source_names(store) == ["The Kyiv Post", "Reuters"]
    assert actions.undo(store).kind == "source.rename"
    assert _source_names(store) == ["Kyiv Post", "Reuters"]
    assert store.scalar("SELECT domain FROM sources WHERE id = ?", [kyiv_post]) is None

    assert actions.redo(store).kind == "source.rename"
    assert actions.redo(store).kind == "source.delete"
    assert actions.redo(store) is None
    assert _source_names(store) == ["The Kyiv Post"]


def test_a_new_action_discards_the_redo_stack(store: Store) -> None:
    _add_source(store, "AP")
    actions.undo(store)
    _add_source(store, "AFP")
    assert actions.redo(store) is None
    states = [(a.summary, a.state) for a in actions.history(store)]
    assert states == [("Added AFP", "done"), ("Added AP", "discarded")]


def test_a_failed_action_leaves_no_trace(store: Store) -> None:
    with pytest.raises(RuntimeError):
        with store.action("source.add", "Added Bloomberg") as act:
            act.insert("sources", {"name": "Bloomberg", "created_at": utc_now()})
            raise RuntimeError("interrupted")
    assert _source_names(store) == []
    assert actions.history(store) == []


def test_an_action_without_changes_is_not_logged(store: Store) -> None:
    source = _add_source(store, "DW")
    with store.action("source.rename", "Renamed to the same name") as act:
        assert act.update("sources", source, {"name": "DW"}) is False
    assert [a.kind for a in actions.history(store)] == ["source.add"]


def test_undo_refuses_to_overwrite_a_change_made_outside_the_log(store: Store) -> None:
    source = _add_source(store, "SCMP")
    with store.action("source.rename", "Renamed") as act:
        act.update("sources", source, {"domain": "scmp.com"})
    store.conn.execute("UPDATE sources SET domain = 'example.org'")
    with pytest.raises(actions.ActionConflict, match="changed since"):
        actions.undo(store)
    assert store.scalar("SELECT domain FROM sources") == "example.org"


def test_append_only_rows_are_retracted_not_deleted(store: Store) -> None:
    store.conn.execute(
        "CREATE TABLE decisions (id INTEGER PRIMARY KEY, verdict TEXT, retracted_at TEXT)"
    )
    with store.action("decide", "Decided") as act:
        act.append("decisions", {"verdict": "same"})
    actions.undo(store)
    row = store.query("SELECT * FROM decisions")[0]
    assert row["verdict"] == "same" and row["retracted_at"] is not None
    actions.redo(store)
    assert store.query("SELECT retracted_at FROM decisions")[0]["retracted_at"] is None
