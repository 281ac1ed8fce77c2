"""Putting a near-duplicate pair off ("unsure") and clearing a decision, through the action log."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import actions, duplicates
from corpus.importing import import_paths
from corpus.store import Store

REPO = Path(__file__).resolve().parent.parent


def _id(store: Store, title_start: str) -> int:
    return store.scalar("SELECT id FROM articles WHERE title LIKE ?", [f"{title_start}%"])


def _duplicate_of(store: Store, article_id: int) -> int | None:
    return store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [article_id])


@pytest.fixture
def pair(store: Store) -> tuple[int, int]:
    import_paths(store, [str(REPO / "samples")])
    copy, original = _id(store, "Zelensky Presses"), _id(store, "Zelenskyy Asks")
    assert _duplicate_of(store, copy) == original
    return copy, original


def test_unsure_takes_the_pair_out_of_the_queue_and_changes_no_article(store: Store, pair) -> None:
    copy, original = pair
    duplicates.mark_unsure(store, original, copy)  # either order
    assert duplicates.current_decision(store, copy, original) == duplicates.UNSURE
    assert _duplicate_of(store, copy) == original
    assert duplicates.count_undecided(store) == 0
    assert [p.decision for p in duplicates.duplicate_queue(store)] == [duplicates.UNSURE]
    assert actions.undo(store).kind == "duplicate.decide"
    assert duplicates.current_decision(store, copy, original) is None
    assert duplicates.count_undecided(store) == 1


def test_a_later_decision_supersedes_unsure_and_clearing_withdraws_both(store: Store, pair) -> None:
    copy, original = pair
    duplicates.mark_unsure(store, copy, original)
    duplicates.decide(store, copy, original, duplicates.NOT_DUPLICATE)
    assert duplicates.current_decision(store, copy, original) == duplicates.NOT_DUPLICATE
    assert duplicates.clear_decision(store, copy, original) == duplicates.NOT_DUPLICATE
    assert store.scalar("SELECT count(*) FROM duplicate_decisions WHERE retracted_at IS NULL") == 0
    assert duplicates.clear_decision(store, copy, original) is None  # nothing left to clear


def test_clearing_not_a_duplicate_puts_the_pair_back_in_the_queue(store: Store, pair) -> None:
    copy, original = pair
    duplicates.decide(store, copy, original, duplicates.NOT_DUPLICATE)
    assert _duplicate_of(store, copy) is None
    duplicates.clear_decision(store, copy, original)
    assert _duplicate_of(store, copy) == original
    [queued] = duplicates.duplicate_queue(store, include_decided=False)
    assert (queued.article_id, queued.other_id, queued.decision) == (copy, original, None)
    actions.undo(store)  # the clearing: decided again, separated again
    assert duplicates.current_decision(store, copy, original) == duplicates.NOT_DUPLICATE
    assert _duplicate_of(store, copy) is None


def test_clearing_a_forced_duplicate_below_the_threshold_separates_the_articles(store: Store, pair) -> None:
    kursk, seoul = _id(store, "North Korean Troops"), _id(store, "Seoul Weighs")
    later, earlier = max(kursk, seoul), min(kursk, seoul)
    duplicates.decide(store, later, earlier, duplicates.DUPLICATE)
    assert _duplicate_of(store, later) == earlier
    assert duplicates.clear_decision(store, later, earlier) == duplicates.DUPLICATE
    assert _duplicate_of(store, later) is None
    assert (later, earlier) not in {(p.article_id, p.other_id) for p in duplicates.duplicate_queue(store)}


def test_bad_pairs_are_refused_with_the_reason(store: Store, pair) -> None:
    copy, _ = pair
    with pytest.raises(duplicates.DuplicateError, match="itself"):
        duplicates.mark_unsure(store, copy, copy)
    with pytest.raises(duplicates.DuplicateError, match="no article 999"):
        duplicates.clear_decision(store, copy, 999)
    assert store.scalar("SELECT count(*) FROM duplicate_decisions") == 0
