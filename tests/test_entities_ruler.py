"""Confirmed names are fed back to spaCy: later extractions find them, with the entity's type."""

from __future__ import annotations

from entity_helpers import KYIV_ARTICLE, add_article, entity_of, extract, sample_text

from corpus.entities import decisions
from corpus.entities.queries import article_mentions
from corpus.entities.ruler import RULER_NAME, confirmed_patterns
from corpus.store import Store


def test_merged_and_added_names_are_found_later_with_the_right_type(store: Store, nlp) -> None:
    add_article(store, sample_text())
    add_article(store, KYIV_ARTICLE)
    extract(store)
    kiev, kyiv = entity_of(store, "Kiev"), entity_of(store, "Kyiv")
    assert confirmed_patterns(store) == []
    decisions.decide(store, kiev, kyiv, "same")
    decisions.set_type(store, kyiv, "GPE")
    decisions.add_alias(store, kyiv, "Kyjiw")
    patterns = {p["pattern"]: p["label"] for p in confirmed_patterns(store)}
    assert patterns == {"Kiev": "GPE", "Kyiv": "GPE", "Kyjiw": "GPE"}

    later = add_article(store, "Officials in Kiev met the mayor of Kyjiw on Friday to discuss the winter.")
    extract(store)
    found = {m.text: m for m in article_mentions(store, later)}
    assert found["Kiev"].label == "GPE" and found["Kiev"].entity_id == kyiv
    assert found["Kyjiw"].label == "GPE" and found["Kyjiw"].entity_id == kyiv
    resolved = store.query("SELECT DISTINCT resolved_by FROM mentions WHERE article_id = ? AND text LIKE 'Ky%'",
                           [later])
    assert resolved == [{"resolved_by": "ruler"}]
    assert RULER_NAME not in nlp.pipe_names  # the shared pipeline is left as it was loaded
