"""Tags on articles and claims: analyst tags apart from derived ones, namespaces, counts."""

from __future__ import annotations

import pytest
from claim_helpers import add_article

from corpus import actions
from corpus.claims import create_claim
from corpus.items import Item
from corpus.store import Store
from corpus.tags import TagError, add_tags, remove_tags, tag_counts, tags_of


def test_tags_are_added_once_case_insensitively_keeping_the_first_spelling(store: Store) -> None:
    article = Item("article", add_article(store, "Body one."))
    other = Item("article", add_article(store, "Body two."))
    assert add_tags(store, article, ["NATO", "topic:air-defence", "  nato  "]) == ["NATO", "topic:air-defence"]
    assert add_tags(store, other, ["nato"]) == ["NATO"]
    assert add_tags(store, article, ["NATO"]) == []
    assert [(t.tag, t.origin, t.namespace) for t in tags_of(store, article)] == [
        ("NATO", "analyst", None), ("topic:air-defence", "analyst", "topic")]


def test_removing_a_tag_and_undoing_it(store: Store) -> None:
    claim = Item("claim", create_claim(store, add_article(store, "Yoon said so."), quote="Yoon said so."))
    add_tags(store, claim, ["urgent", "topic:artillery"])
    assert remove_tags(store, claim, ["URGENT", "absent"]) == ["URGENT"]
    assert [t.tag for t in tags_of(store, claim)] == ["topic:artillery"]
    actions.undo(store)
    assert [t.tag for t in tags_of(store, claim)] == ["topic:artillery", "urgent"]


def test_derived_tags_stay_apart_from_the_analysts(store: Store) -> None:
    first = add_article(store, "The original wire story.")
    copy = add_article(store, "The original wire story, lightly edited.", duplicate_of=first)
    add_tags(store, Item("article", copy), ["duplicate"])
    found = tags_of(store, Item("article", copy))
    assert [(t.tag, t.origin) for t in found] == [("duplicate", "analyst"), ("duplicate", "derived")]
    assert found[1].derived_from == "duplicates"
    remove_tags(store, Item("article", copy), ["duplicate"])
    assert [t.origin for t in tags_of(store, Item("article", copy))] == ["derived"]


def test_tag_counts_feed_autocompletion(store: Store) -> None:
    items = [Item("article", add_article(store, f"Body {n}.")) for n in range(3)]
    for item in items:
        add_tags(store, item, ["topic:air-defence"])
    add_tags(store, items[0], ["topic:artillery", "Top secret", "100%_sure"])
    assert [(c.tag, c.count) for c in tag_counts(store, "top")] == [
        ("topic:air-defence", 3), ("Top secret", 1), ("topic:artillery", 1)]
    assert [c.tag for c in tag_counts(store, "topic:a", limit=1)] == ["topic:air-defence"]
    assert [c.tag for c in tag_counts(store, "100%")] == ["100%_sure"]
    assert [c.tag for c in tag_counts(store, "1000")] == []
    assert tag_counts(store, "", item_type="claim") == []


@pytest.mark.parametrize("bad, message", [("   ", "cannot be empty"), ("x" * 101, "at most 100")])
def test_bad_tags_are_refused(store: Store, bad: str, message: str) -> None:
    with pytest.raises(TagError, match=message):
        add_tags(store, Item("article", add_article(store, "Body.")), [bad])


def test_only_existing_articles_and_claims_carry_tags(store: Store) -> None:
    with pytest.raises(TagError, match="no such article"):
        add_tags(store, Item("article", 9), ["x"])
    with pytest.raises(TagError, match="only articles and claims"):
        add_tags(store, Item("entity", 1), ["x"])
