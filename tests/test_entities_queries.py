"""Reads the workbench uses: the review item, lookups for pickers, mentions in context."""

from __future__ import annotations

import pytest
from entity_helpers import KYIV_ARTICLE, add_article, entity_of, extract, sample_text

from corpus.entities import decisions, review
from corpus.entities.queries import (
    EntityNotFound, article_sentences, count_entities, entity_detail, find_entities, list_entities, resolve)
from corpus.entities.scoring import THRESHOLD
from corpus.store import Store


@pytest.fixture
def curated(store: Store, nlp) -> Store:
    add_article(store, sample_text(), title="Weapons wish list")
    add_article(store, KYIV_ARTICLE, title="Drones over Kyiv")
    extract(store)
    return store


def test_next_review_gives_both_names_in_context_and_moves_on(curated: Store) -> None:
    first = review.next_review(curated)
    assert first.pair.score >= THRESHOLD and first.pair.explanation
    for entity_id, context in ((first.pair.left_id, first.left_context), (first.pair.right_id, first.right_context)):
        assert context.entity_id == entity_id
        assert context.sentence[context.name_start:context.name_end] == context.text
    skipped = review.next_review(curated, skip=[(first.pair.left_id, first.pair.right_id)])
    assert skipped is None or {skipped.pair.left_root, skipped.pair.right_root} != \
        {first.pair.left_root, first.pair.right_root}
    before = review.pending_count(curated)
    decisions.decide(curated, first.pair.left_id, first.pair.right_id, "unsure")
    assert review.pending_count(curated) == before - 1


def test_find_entities_spelling_and_transliteration(curated: Store) -> None:
    assert find_entities(curated, "Kyiv")[0]["name"] == "Kyiv"
    assert "Kiev" in [m["name"] for m in find_entities(curated, "Kyiv", limit=5)]
    assert find_entities(curated, "donald tr")[0]["name"] == "Donald Trump"
    assert find_entities(curated, "yoon", entity_type="PERSON")[0]["name"] == "Yoon Suk-yeol"
    assert find_entities(curated, "") == []


def test_lists_details_and_sentences(curated: Store) -> None:
    assert count_entities(curated, "GPE") == len(list_entities(curated, "GPE", limit=1000))
    assert [r.name for r in list_entities(curated, search="kiev")] == ["Kiev"]
    detail = entity_detail(curated, entity_of(curated, "Donald Trump"))
    assert dict(detail.surface_forms) == {"Donald Trump": 2, "Trump": 2}
    assert detail.articles == [{"id": 1, "title": "Weapons wish list", "mentions": 4}]
    body = curated.scalar("SELECT body FROM articles WHERE id = 2")
    spans = article_sentences(curated, 2)
    assert spans and all(body[s:e].strip() == body[s:e] for s, e in spans)
    curated.conn.execute("UPDATE articles SET body = body || ' More.' WHERE id = 2")
    assert article_sentences(curated, 2) is None
    with pytest.raises(EntityNotFound, match="did you mean"):
        resolve(curated, "Donald Trumpp")
