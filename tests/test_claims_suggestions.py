"""Suggested claims stored by extraction, then accepted or rejected (and remembered) by the analyst."""

from __future__ import annotations

import pytest
from claim_helpers import add_article, sample_text

from corpus import actions
from corpus.claims import (
    ClaimError,
    accept_suggestion,
    delete_claim,
    get_claim,
    reject_suggestion,
    suggestions_of_article,
)
from corpus.claims.suggestions import analyse_article, has_been_analysed
from corpus.cleaning import clean_text
from corpus.entities.extraction import extract
from corpus.items import Item
from corpus.store import Store
from corpus.tags import tags_of


@pytest.fixture
def article(store: Store, nlp, shared_samples) -> int:
    article_id = add_article(store, clean_text(sample_text(shared_samples)).body, title="Weapons wish list",
                             source="Kyiv Post")
    extract(store, refresh_candidates=False)
    return article_id


def _suggestion(store: Store, article_id: int, fragment: str):
    return next(s for s in suggestions_of_article(store, article_id) if fragment in s.quote)


def test_extraction_stores_suggestions_with_speakers_resolved_to_entities(store: Store, article: int) -> None:
    assert has_been_analysed(store, article)
    rudenko = _suggestion(store, article, "prioritize long-term")
    assert (rudenko.speaker, rudenko.verb, rudenko.pattern) == ("Andrey Rudenko", "said", "direct-quote")
    assert rudenko.speaker_entity_id == store.scalar(
        "SELECT entity_id FROM mention_entities WHERE article_id = ? AND text = 'Andrey Rudenko'", [article])
    yoon = _suggestion(store, article, "we will gradually adjust")
    assert (yoon.speaker, yoon.speaker_text) == ("Yoon Suk-yeol", "Yoon")
    he_said = _suggestion(store, article, "unlikely to make a clear commitment")
    assert (he_said.speaker, he_said.speaker_pronoun) == ("Doo Jin-ho", "he")
    anonymous = _suggestion(store, article, "the delegation plans to meet")
    assert (anonymous.speaker_entity_id, anonymous.speaker) == (None, "A source who requested anonymity")
    assert _suggestion(store, article, "may step back").cited_outlet == "Bloomberg"


def test_accepting_makes_an_attributed_claim_and_undo_takes_it_back(store: Store, article: int) -> None:
    suggestion = _suggestion(store, article, "prioritize long-term")
    claim_id = accept_suggestion(store, suggestion.id, credibility=3)
    claim = get_claim(store, claim_id)
    assert (claim.quote, claim.start, claim.end) == (suggestion.quote, suggestion.start, suggestion.end)
    assert (claim.speaker, claim.speaker_text, claim.verb, claim.stance, claim.credibility) == (
        "Andrey Rudenko", "Andrey Rudenko", "said", "asserts", 3)
    assert claim.attribution == "Russian Deputy Foreign Minister Andrey Rudenko said Sunday"
    assert [(t.tag, t.origin) for t in tags_of(store, Item("claim", claim_id))] == [
        ("attribution:direct-quote", "derived")]
    assert suggestion.id not in [s.id for s in suggestions_of_article(store, article)]
    with pytest.raises(ClaimError, match="already accepted"):
        accept_suggestion(store, suggestion.id)

    assert actions.undo(store).kind == "suggestion.accept"
    assert store.scalar("SELECT count(*) FROM claims") == 0
    assert suggestion.id in [s.id for s in suggestions_of_article(store, article)]


def test_an_unnamed_speaker_is_kept_as_its_descriptor(store: Store, article: int) -> None:
    claim = get_claim(store, accept_suggestion(store, _suggestion(store, article, "declined to comment").id))
    assert (claim.speaker_entity_id, claim.speaker, claim.verb, claim.stance) == (
        None, "South Korea’s defense ministry", "declined to comment", "declines")
    assert "speaker:unnamed" in [t.tag for t in tags_of(store, Item("claim", claim.id))]


def test_rejections_and_acceptances_are_remembered_across_re_extraction(store: Store, article: int) -> None:
    rejected = _suggestion(store, article, "he warned against it")
    accepted = _suggestion(store, article, "his country could increase")
    before = len(suggestions_of_article(store, article))
    reject_suggestion(store, rejected.id)
    accept_suggestion(store, accepted.id)

    extract(store, redo=True, refresh_candidates=False)

    quotes = [s.quote for s in suggestions_of_article(store, article)]
    assert len(quotes) == before - 2
    assert rejected.quote not in quotes and accepted.quote not in quotes
    assert [s.status for s in suggestions_of_article(store, article, status=None) if s.quote == rejected.quote] == [
        "rejected"]


def test_a_claim_marked_by_hand_is_not_proposed_again(store: Store, article: int) -> None:
    from corpus.claims import create_claim

    create_claim(store, article, quote="South Korea is cautiously recalibrating its policy")
    analyse_article(store, article)
    assert not [s for s in suggestions_of_article(store, article) if "recalibrating" in s.quote]


def test_undoing_a_rejection_proposes_it_again(store: Store, article: int) -> None:
    suggestion = _suggestion(store, article, "he warned against it")
    reject_suggestion(store, suggestion.id)
    assert actions.undo(store).kind == "suggestion.reject"
    assert suggestion.id in [s.id for s in suggestions_of_article(store, article)]


def test_deleting_an_accepted_claim_turns_its_suggestion_into_a_rejection(store: Store, article: int) -> None:
    suggestion = _suggestion(store, article, "his office will closely monitor")
    delete_claim(store, accept_suggestion(store, suggestion.id))
    rows = [s for s in suggestions_of_article(store, article, status=None) if s.id == suggestion.id]
    assert [(s.status, s.claim_id) for s in rows] == [("rejected", None)]
    actions.undo(store)
    assert [s.status for s in suggestions_of_article(store, article, status=None) if s.id == suggestion.id] == [
        "accepted"]


def test_a_suggestion_whose_text_changed_cannot_be_accepted(store: Store, article: int) -> None:
    suggestion = _suggestion(store, article, "prioritize long-term")
    store.conn.execute("UPDATE articles SET body = 'Replaced.' || body WHERE id = ?", [article])
    with pytest.raises(ClaimError, match="no longer matches"):
        accept_suggestion(store, suggestion.id)
