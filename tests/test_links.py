"""Typed links: every allowed pair and relation, refusals, notes, following links, undo."""

from __future__ import annotations

import pytest
from claim_helpers import add_article, add_entity

from corpus import actions
from corpus.claims import create_claim
from corpus.items import Item
from corpus.links import LinkError, add_link, describe, get_link, links_of, remove_link, set_link_note
from corpus.store import Store


@pytest.fixture
def items(store: Store) -> dict[str, Item]:
    first = add_article(store, "Yoon said support could grow. Officials denied it.", title="Yoon warns")
    second = add_article(store, "Yoon repeated that support could grow.", title="Yoon again")
    return {
        "a1": Item("article", first), "a2": Item("article", second),
        "c1": Item("claim", create_claim(store, first, quote="support could grow")),
        "c2": Item("claim", create_claim(store, second, quote="support could grow")),
        "c3": Item("claim", create_claim(store, first, quote="Officials denied it")),
        "e1": Item("entity", add_entity(store, "Yoon Suk-yeol")),
        "e2": Item("entity", add_entity(store, "South Korea", "GPE")),
    }


@pytest.mark.parametrize("source, relation, target", [
    ("c2", "repeats", "c1"), ("c2", "corroborates", "c1"), ("c3", "contradicts", "c1"), ("c2", "cites", "c1"),
    ("c1", "about", "e2"), ("a2", "follow-up", "a1"), ("a2", "duplicate-of", "a1"), ("e1", "president of", "e2"),
])
def test_every_link_type_is_made_and_followed_from_both_ends(store: Store, items, source, relation, target) -> None:
    link_id = add_link(store, items[source], relation, items[target], note="seen in both")
    link = get_link(store, link_id)
    assert (link.source, link.relation, link.target, link.note) == (items[source], relation, items[target],
                                                                   "seen in both")
    assert links_of(store, items[source]) == [link] == links_of(store, items[target])
    assert describe(store, link, items[target]).startswith(f"← {relation} {items[source]}")


def test_relations_are_normalised(store: Store, items) -> None:
    assert get_link(store, add_link(store, items["a2"], "Follow up", items["a1"])).relation == "follow-up"
    assert get_link(store, add_link(store, items["a2"], "duplicate_of", items["a1"])).relation == "duplicate-of"


@pytest.mark.parametrize("source, relation, target, message", [
    ("c1", "supports", "c2", "one of: repeats, corroborates"),
    ("c1", "about", "a1", "cannot link a claim to an article"),
    ("e1", "about", "c1", "cannot link an entity to a claim"),
    ("e1", "  ", "e2", "needs a label"),
    ("c1", "repeats", "c1", "to itself"),
])
def test_links_that_make_no_sense_are_refused(store: Store, items, source, relation, target, message) -> None:
    with pytest.raises(LinkError, match=message):
        add_link(store, items[source], relation, items[target])
    assert store.scalar("SELECT count(*) FROM links") == 0
    assert not [a for a in actions.history(store) if a.kind.startswith("link")]


def test_a_link_to_nothing_or_a_second_identical_link_is_refused(store: Store, items) -> None:
    with pytest.raises(LinkError, match="no such claim"):
        add_link(store, items["c1"], "repeats", Item("claim", 99))
    add_link(store, items["c2"], "repeats", items["c1"])
    with pytest.raises(LinkError, match="already repeats"):
        add_link(store, items["c2"], "repeats", items["c1"])


def test_a_link_to_a_merged_entity_follows_the_merge(store: Store, items) -> None:
    short = add_entity(store, "Yoon", merged_into=items["e1"].id)
    link_id = add_link(store, items["c1"], "about", Item("entity", short))
    assert get_link(store, link_id).target == items["e1"]


def test_notes_removal_and_undo(store: Store, items) -> None:
    link_id = add_link(store, items["c3"], "contradicts", items["c1"])
    set_link_note(store, link_id, "The ministry's denial came a day later.")
    assert get_link(store, link_id).note == "The ministry's denial came a day later."
    remove_link(store, link_id)
    assert links_of(store, items["c1"]) == []
    assert [a.kind for a in actions.history(store)][:3] == ["link.remove", "link.note", "link.add"]
    actions.undo(store)
    actions.undo(store)
    assert get_link(store, link_id).note is None
