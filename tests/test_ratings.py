"""Admiralty ratings and the derived corroboration hint, which never overwrites the analyst."""

from __future__ import annotations

import pytest
from claim_helpers import add_article, add_entity

from corpus import actions
from corpus.claims import Attribution, create_claim, get_claim
from corpus.items import Item, resolve_item
from corpus.links import add_link
from corpus.ratings import RatingError, admiralty_code, claim_rating, reliability_of, set_credibility, set_reliability
from corpus.store import Store

STORY = "Officials said North Korean troops had been deployed to the Kursk region."


def _claim(store: Store, source: str | None, duplicate_of: int | None = None, body: str = STORY) -> int:
    article = add_article(store, body, title=f"{source} {duplicate_of}", source=source, duplicate_of=duplicate_of)
    return create_claim(store, article, quote="North Korean troops had been deployed")


def _corroborate(store: Store, claim_id: int, *others: int) -> None:
    for other in others:
        add_link(store, Item("claim", other), "corroborates", Item("claim", claim_id))


def test_reliability_on_sources_and_entities_credibility_on_claims(store: Store) -> None:
    claim = _claim(store, "Reuters")
    reuters = resolve_item(store, "source:reuters")
    set_reliability(store, reuters, "b")
    assert reliability_of(store, reuters) == "B"
    set_credibility(store, claim, 2)
    rating = claim_rating(store, claim)
    assert (rating.code, rating.reliability_basis) == ("B2", "outlet")
    set_reliability(store, reuters, "C")
    set_reliability(store, reuters, None)
    assert reliability_of(store, reuters) is None
    assert [a.kind for a in actions.history(store)][:4] == ["rating.set"] * 4
    actions.undo(store)
    assert reliability_of(store, reuters) == "C"


def test_the_most_specific_rated_source_gives_a_claims_reliability(store: Store) -> None:
    article = add_article(store, "According to Bloomberg, Seoul may step back.", source="Kyiv Post")
    add_article(store, "Another.", source="Bloomberg")
    yoon = add_entity(store, "Yoon Suk-yeol")
    claim = create_claim(store, article, quote="Seoul may step back",
                         attribution=Attribution(speaker_entity_id=yoon, cited_outlet="bloomberg"))
    assert claim_rating(store, claim).code == ""
    set_reliability(store, resolve_item(store, "source:Kyiv Post"), "C")
    assert (claim_rating(store, claim).reliability, claim_rating(store, claim).reliability_basis) == ("C", "outlet")
    set_reliability(store, resolve_item(store, "source:Bloomberg"), "B")
    assert claim_rating(store, claim).reliability_basis == "cited outlet"
    set_reliability(store, Item("entity", yoon), "A")
    assert (claim_rating(store, claim).code, claim_rating(store, claim).reliability_basis) == ("A?", "speaker")


def test_a_rating_on_an_entity_follows_a_merge(store: Store) -> None:
    full = add_entity(store, "Yoon Suk-yeol")
    short = add_entity(store, "Yoon")
    claim = create_claim(store, add_article(store, STORY), quote="Officials said",
                         attribution=Attribution(speaker_entity_id=short))
    store.conn.execute("UPDATE entities SET merged_into = ? WHERE id = ?", [full, short])
    set_reliability(store, Item("entity", short), "B")
    assert reliability_of(store, Item("entity", full)) == "B"
    assert claim_rating(store, claim).reliability == "B"


@pytest.mark.parametrize("call, message", [
    (lambda s, c: set_reliability(s, Item("source", 1), "G"), "one of A-F"),
    (lambda s, c: set_credibility(s, c, 7), "one of 1-6"),
    (lambda s, c: set_credibility(s, c, "two"), "one of 1-6"),
    (lambda s, c: set_reliability(s, Item("claim", c), "A"), "credibility on claims"),
    (lambda s, c: set_reliability(s, Item("entity", 77), "A"), "no such entity"),
])
def test_ratings_off_the_scale_are_refused(store: Store, call, message) -> None:
    claim = _claim(store, "AP")
    with pytest.raises(RatingError, match=message):
        call(store, claim)


def test_admiralty_codes() -> None:
    assert [admiralty_code("B", 2), admiralty_code(None, 3), admiralty_code("E", None), admiralty_code(None, None)] == [
        "B2", "?3", "E?", ""]


def test_corroboration_counts_independent_outlets_only(store: Store) -> None:
    claim = _claim(store, "Kyiv Post")
    same_outlet = _claim(store, "Kyiv Post", body=STORY + " More.")
    reuters = _claim(store, "Reuters")
    reuters_copy = _claim(store, "Vancouver Sun", duplicate_of=get_claim(store, reuters).article_id,
                          body=STORY + " Syndicated.")
    reuters_again = _claim(store, "Reuters", body=STORY + " Second Reuters story.")
    guardian = _claim(store, "The Guardian")
    _corroborate(store, claim, same_outlet, reuters, reuters_copy, reuters_again)
    add_link(store, Item("claim", claim), "repeats", Item("claim", guardian))

    rating = claim_rating(store, claim)
    assert rating.corroborated_by == 2  # Reuters (with its copy and second story) and The Guardian
    assert rating.hint == "corroborated by 2 independent sources"


def test_a_copy_of_the_claims_own_story_does_not_corroborate_it(store: Store) -> None:
    claim = _claim(store, "Reuters")
    own_copy = _claim(store, "Vancouver Sun", duplicate_of=get_claim(store, claim).article_id, body=STORY + " Copy.")
    linked_copy = _claim(store, "DW", body=STORY + " Marked by the analyst.")
    add_link(store, Item("article", get_claim(store, linked_copy).article_id), "duplicate-of",
             Item("article", get_claim(store, claim).article_id))
    _corroborate(store, claim, own_copy, linked_copy)
    assert claim_rating(store, claim).corroborated_by == 0


def test_the_hint_never_changes_the_analysts_credibility(store: Store) -> None:
    claim = _claim(store, "Kyiv Post")
    set_credibility(store, claim, 4)
    _corroborate(store, claim, _claim(store, "Reuters"), _claim(store, "AP"), _claim(store, "AFP"))
    add_link(store, Item("claim", _claim(store, "TASS")), "contradicts", Item("claim", claim))
    rating = claim_rating(store, claim)
    assert (rating.credibility, rating.corroborated_by, rating.contradicted_by) == (4, 3, 1)
    assert get_claim(store, claim).credibility == 4
    assert rating.hint == "corroborated by 3 independent sources; contradicted by 1 claim"
