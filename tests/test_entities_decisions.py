"""Every decision, its undo, and splitting merged entities back apart."""

from __future__ import annotations

import pytest
from entity_helpers import KYIV_ARTICLE, add_article, entity_of, extract, mention_texts, sample_text

from corpus import actions
from corpus.entities import decisions, review
from corpus.entities.decisions import EntityError
from corpus.entities.queries import entity_detail, get_entity, list_entities
from corpus.store import Store


@pytest.fixture
def curated(store: Store, nlp) -> Store:
    add_article(store, sample_text(), title="Weapons wish list")
    add_article(store, KYIV_ARTICLE, title="Drones over Kyiv")
    extract(store)
    return store


def _roots(store: Store, *names: str) -> list[int]:
    return [entity_of(store, n) for n in names]


def _in_queue(store: Store, a: int, b: int) -> bool:
    return any({p.left_root, p.right_root} == {a, b} for p in review.queue(store, limit=10_000))


def test_same_joins_both_names_and_their_mentions_and_undo_separates_them(curated: Store) -> None:
    kiev, kyiv = _roots(curated, "Kiev", "Kyiv")
    kyiv_mentions = len(mention_texts(curated, kyiv))
    action = decisions.decide(curated, kiev, kyiv, "same")
    assert action.kind == "entity.decide"
    root = entity_of(curated, "Kiev")
    assert root == entity_of(curated, "Kyiv") == kyiv  # the more mentioned entity survives
    assert sorted(set(mention_texts(curated, root))) == ["Kiev", "Kyiv"]
    assert len(mention_texts(curated, root)) == kyiv_mentions + 1
    assert not _in_queue(curated, kiev, kyiv)
    assert get_entity(curated, kiev).id == kyiv

    actions.undo(curated)
    assert entity_of(curated, "Kiev") == kiev
    assert mention_texts(curated, kiev) == ["Kiev"]
    assert _in_queue(curated, kiev, kyiv)
    assert curated.scalar("SELECT COUNT(*) FROM entity_decisions WHERE retracted_at IS NULL") == 0
    assert curated.scalar("SELECT COUNT(*) FROM entity_decisions") == 1  # retracted, never deleted
    actions.redo(curated)
    assert entity_of(curated, "Kiev") == kyiv


@pytest.mark.parametrize("verdict", ["different", "unsure"])
def test_different_and_unsure_block_the_pair_and_can_be_cleared(curated: Store, verdict: str) -> None:
    kiev, kyiv = _roots(curated, "Kiev", "Kyiv")
    decisions.decide(curated, kiev, kyiv, verdict)
    assert not _in_queue(curated, kiev, kyiv)
    assert entity_of(curated, "Kiev") == kiev
    assert decisions.decide(curated, kyiv, kiev, verdict) is None  # already decided so
    cleared = decisions.clear_decision(curated, kiev, kyiv)
    assert cleared.summary.startswith(f"cleared {verdict}")
    assert _in_queue(curated, kiev, kyiv)
    actions.undo(curated)
    assert not _in_queue(curated, kiev, kyiv)


def test_changing_same_to_different_splits_and_supersedes(curated: Store) -> None:
    kiev, kyiv = _roots(curated, "Kiev", "Kyiv")
    decisions.decide(curated, kiev, kyiv, "same")
    decisions.decide(curated, kiev, kyiv, "different")
    assert entity_of(curated, "Kiev") == kiev
    history = decisions.recent_decisions(curated, include_retracted=True)
    assert [(d.verdict, d.retracted_at is None) for d in history] == [("different", True), ("same", False)]
    actions.undo(curated)
    assert entity_of(curated, "Kiev") == kyiv


def test_merge_three_then_split_all_returns_aliases_and_mentions(curated: Store) -> None:
    seoul, moscow, kiev = _roots(curated, "Seoul", "Moscow", "Kiev")
    counts = {i: len(mention_texts(curated, i)) for i in (seoul, moscow, kiev)}
    decisions.merge(curated, seoul, [moscow, kiev])
    detail = entity_detail(curated, seoul)
    assert {a["name"] for a in detail.aliases} == {"Seoul", "Moscow", "Kiev"}
    assert detail.entity.mentions == sum(counts.values())
    with pytest.raises(EntityError, match="split it first"):
        decisions.decide(curated, moscow, kiev, "different")
    decisions.split(curated, moscow)
    for entity_id, count in counts.items():
        assert entity_of(curated, curated.scalar("SELECT name FROM entities WHERE id = ?", [entity_id])) == entity_id
        assert len(mention_texts(curated, entity_id)) == count
    actions.undo(curated)
    assert entity_of(curated, "Kiev") == seoul


def test_split_one_member_out(curated: Store) -> None:
    seoul, moscow, kiev = _roots(curated, "Seoul", "Moscow", "Kiev")
    decisions.merge(curated, seoul, [moscow, kiev])
    decisions.split(curated, seoul, member=kiev)
    assert entity_of(curated, "Kiev") == kiev
    assert entity_of(curated, "Moscow") == seoul
    with pytest.raises(EntityError, match="not merged"):
        decisions.split(curated, kiev)


def test_merge_keeps_the_target_canonical_even_when_the_other_has_more_mentions(curated: Store) -> None:
    kiev, kyiv = _roots(curated, "Kiev", "Kyiv")
    assert len(mention_texts(curated, kyiv)) > len(mention_texts(curated, kiev))
    action = decisions.merge(curated, kiev, [kyiv])
    assert action.summary == "merged Kyiv into Kiev"
    assert entity_of(curated, "Kyiv") == entity_of(curated, "Kiev") == kiev
    assert get_entity(curated, kyiv).id == kiev and get_entity(curated, kiev).name == "Kiev"
    actions.undo(curated)
    decisions.merge(curated, kyiv, [kiev])
    assert entity_of(curated, "Kiev") == kyiv and get_entity(curated, kiev).name == "Kyiv"


def test_merging_a_bigger_cluster_into_the_target_keeps_the_target(curated: Store) -> None:
    seoul, moscow, kiev, kyiv = _roots(curated, "Seoul", "Moscow", "Kiev", "Kyiv")
    decisions.merge(curated, seoul, [moscow])
    decisions.merge(curated, kiev, [seoul, kyiv])
    assert {entity_of(curated, n) for n in ("Seoul", "Moscow", "Kiev", "Kyiv")} == {kiev}
    assert get_entity(curated, kiev).name == "Kiev"


def test_split_says_what_comes_apart_and_refuses_an_entity_with_nothing_merged(curated: Store) -> None:
    seoul, moscow, kiev = _roots(curated, "Seoul", "Moscow", "Kiev")
    decisions.merge(curated, seoul, [moscow, kiev])
    decisions.rename(curated, seoul, "Kiev")  # the root now shares a member's name
    action = decisions.split(curated, seoul, member=kiev)
    assert action.summary == f"split Kiev (#{kiev}) out of Kiev (#{seoul})"
    actions.undo(curated)
    named = {seoul: f"Kiev (#{seoul})", moscow: f"Moscow (#{moscow})", kiev: f"Kiev (#{kiev})"}  # listed by id
    action = decisions.split(curated, seoul, member=seoul)
    assert action.summary == f"split Kiev (#{seoul}) away from {', '.join(named[i] for i in sorted([moscow, kiev]))}"
    assert entity_of(curated, "Seoul") == seoul and entity_of(curated, "Moscow") != seoul
    actions.undo(curated)
    action = decisions.split(curated, seoul)
    assert action.summary == f"split Kiev (#{seoul}) into 3 entities: {', '.join(named[i] for i in sorted(named))}"
    logged = curated.scalar("SELECT COUNT(*) FROM actions")
    with pytest.raises(EntityError, match=r"^‘Moscow’ \(#\d+\) is not merged with anything: nothing to split$"):
        decisions.split(curated, moscow)
    assert curated.scalar("SELECT COUNT(*) FROM actions") == logged


def test_renaming_to_the_current_name_changes_nothing_and_logs_nothing(curated: Store) -> None:
    kyiv = entity_of(curated, "Kyiv")
    logged = curated.scalar("SELECT COUNT(*) FROM actions")
    assert decisions.rename(curated, kyiv, "Kyiv") is None
    assert decisions.rename(curated, kyiv, " “Kyiv” ") is None  # as shown once quotes and spaces go
    assert curated.scalar("SELECT COUNT(*) FROM actions") == logged
    assert curated.scalar("SELECT name_source FROM entities WHERE id = ?", [kyiv]) == "model"
    assert decisions.rename(curated, kyiv, "kyiv").summary == "renamed Kyiv to kyiv"  # case is a change


def test_rename_and_set_type_are_undoable_and_type_follows_the_cluster(curated: Store) -> None:
    kiev, kyiv = _roots(curated, "Kiev", "Kyiv")
    decisions.rename(curated, kyiv, "Kyiv (city)")
    assert get_entity(curated, kyiv).name == "Kyiv (city)"
    decisions.set_type(curated, kiev, "gpe")
    assert get_entity(curated, kiev).type == "GPE"
    with pytest.raises(EntityError, match="unknown type"):
        decisions.set_type(curated, kiev, "CITY")
    actions.undo(curated)
    actions.undo(curated)
    assert get_entity(curated, kiev).type == "ORG"  # the model's label again
    assert get_entity(curated, kyiv).name == "Kyiv"


def test_type_is_the_most_frequent_label_of_the_cluster(curated: Store) -> None:
    trump = entity_of(curated, "Donald Trump")
    assert get_entity(curated, trump).type == "PERSON"  # "Trump" ORG resolved to Donald Trump
    rows = list_entities(curated, entity_type="PERSON", limit=500)
    assert trump in {r.id for r in rows}


def test_aliases_added_by_hand(curated: Store) -> None:
    kyiv = entity_of(curated, "Kyiv")
    decisions.add_alias(curated, kyiv, "Kyjiw")
    assert entity_of(curated, "Kyjiw") == kyiv
    with pytest.raises(EntityError, match="already a name of ‘Seoul’"):
        decisions.add_alias(curated, kyiv, "Seoul")
    with pytest.raises(EntityError, match="found in articles"):
        decisions.remove_alias(curated, kyiv, "Kyiv")
    decisions.remove_alias(curated, kyiv, "Kyjiw")
    assert curated.scalar("SELECT COUNT(*) FROM aliases WHERE name = 'Kyjiw'") == 0
    actions.undo(curated)
    assert entity_of(curated, "Kyjiw") == kyiv


def test_auto_accept_is_explicit_and_one_undoable_action(curated: Store) -> None:
    kiev, kyiv = _roots(curated, "Kiev", "Kyiv")
    assert entity_of(curated, "Kiev") == kiev  # nothing is merged without being asked
    action = decisions.auto_accept(curated, 0.97)
    assert action.kind == "entity.auto_accept"
    assert entity_of(curated, "Kiev") == kyiv
    assert {d.decided_by for d in decisions.recent_decisions(curated)} == {"auto"}
    actions.undo(curated)
    assert entity_of(curated, "Kiev") == kiev
