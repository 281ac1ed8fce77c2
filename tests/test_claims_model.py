"""Claims marked by offsets or by quote, attributed, moved, listed and deleted through the log."""

from __future__ import annotations

import pytest
from claim_helpers import add_article, add_entity

from corpus import actions
from corpus.claims import (
    Attribution,
    ClaimError,
    attribute_claim,
    claims_of_article,
    count_claims,
    create_claim,
    delete_claim,
    find_quote,
    get_claim,
    list_claims,
    move_claim,
)
from corpus.items import Item
from corpus.links import add_link, links_of
from corpus.notes import get_note, set_note
from corpus.store import Store
from corpus.tags import add_tags, tags_of

BODY = ("Yoon warned that his country could increase its support. “We will adjust our strategy,” "
        "Yoon said. Yoon said it twice.")


def test_a_claim_is_marked_by_offsets_or_by_its_quote(store: Store) -> None:
    article = add_article(store, BODY)
    start = BODY.index("his country")
    by_offsets = create_claim(store, article, start=start, end=start + len("his country could increase its support"))
    by_quote = create_claim(store, article, quote="We will adjust our strategy")
    assert get_claim(store, by_offsets).quote == "his country could increase its support"
    claim = get_claim(store, by_quote)
    assert BODY[claim.start:claim.end] == "We will adjust our strategy"
    assert claim.prefix.endswith("“") and claim.suffix.startswith(",”")
    assert [c.id for c in claims_of_article(store, article)] == [by_offsets, by_quote]


def test_a_quote_typed_with_straight_quotes_finds_the_curly_text() -> None:
    start, end = find_quote(BODY, '"We will adjust our strategy," Yoon said')
    assert BODY[start:end] == "“We will adjust our strategy,” Yoon said"


def test_a_repeated_quote_needs_an_occurrence(store: Store) -> None:
    article = add_article(store, BODY)
    with pytest.raises(ClaimError, match="occurs 2 times"):
        create_claim(store, article, quote="Yoon said")
    second = create_claim(store, article, quote="Yoon said", occurrence=2)
    assert get_claim(store, second).start == BODY.rindex("Yoon said")
    with pytest.raises(ClaimError, match="no occurrence 3"):
        create_claim(store, article, quote="Yoon said", occurrence=3)


@pytest.mark.parametrize("kwargs, message", [
    ({"quote": "not in the text"}, "quote not found"),
    ({"start": 5, "end": 500}, "not inside the article text"),
    ({"start": 9, "end": 9}, "span 9-9 is empty: the end must come after the start"),
    ({"start": 10, "end": 5}, "span 10-5 is empty"),
    ({}, "give the claim's start and end"),
])
def test_bad_spans_are_refused_and_nothing_is_logged(store: Store, kwargs, message) -> None:
    article = add_article(store, BODY)
    with pytest.raises(ClaimError, match=message):
        create_claim(store, article, **kwargs)
    assert count_claims(store) == 0 and actions.history(store) == []


def test_a_missing_article_is_a_clear_error(store: Store) -> None:
    with pytest.raises(ClaimError, match="article 42: no such article"):
        create_claim(store, 42, start=0, end=3)


def test_attribution_sets_and_clears_fields_and_shows_the_canonical_speaker(store: Store) -> None:
    article = add_article(store, BODY)
    yoon_full = add_entity(store, "Yoon Suk-yeol")
    yoon_short = add_entity(store, "Yoon")
    claim_id = create_claim(store, article, quote="We will adjust our strategy",
                            attribution=Attribution(speaker_entity_id=yoon_short, speaker_text="Yoon", verb="Said"))
    assert get_claim(store, claim_id).verb == "said"
    assert attribute_claim(store, claim_id, stance="asserts", cited_outlet="Yonhap") is True
    assert attribute_claim(store, claim_id, stance="asserts") is False

    store.conn.execute("UPDATE entities SET merged_into = ? WHERE id = ?", [yoon_full, yoon_short])
    claim = get_claim(store, claim_id)
    assert (claim.speaker, claim.speaker_canonical_id, claim.speaker_text) == ("Yoon Suk-yeol", yoon_full, "Yoon")
    assert [c.id for c in list_claims(store, speaker_entity_id=yoon_full)] == [claim_id]

    attribute_claim(store, claim_id, speaker_entity_id=None, speaker_descriptor="a presidential aide")
    assert get_claim(store, claim_id).speaker == "a presidential aide"
    with pytest.raises(ClaimError, match="unknown stance"):
        attribute_claim(store, claim_id, stance="shouts")
    with pytest.raises(ClaimError, match="no such entity"):
        attribute_claim(store, claim_id, speaker_entity_id=999)


def test_moving_a_claim_re_anchors_it(store: Store) -> None:
    article = add_article(store, BODY)
    claim_id = create_claim(store, article, quote="We will adjust")
    claim = get_claim(store, claim_id)
    move_claim(store, claim_id, claim.start, claim.end + len(" our strategy"))
    assert get_claim(store, claim_id).quote == "We will adjust our strategy"
    actions.undo(store)
    assert get_claim(store, claim_id).quote == "We will adjust"


def test_deleting_a_claim_takes_its_annotations_and_undo_restores_them(store: Store) -> None:
    article = add_article(store, BODY)
    first = create_claim(store, article, quote="We will adjust our strategy")
    second = create_claim(store, article, quote="Yoon said it twice")
    add_tags(store, Item("claim", first), ["topic:air-defence"])
    add_link(store, Item("claim", second), "repeats", Item("claim", first))
    set_note(store, Item("claim", first), "Checked against the transcript.")

    delete_claim(store, first)
    assert count_claims(store) == 1 and links_of(store, Item("claim", second)) == []
    assert store.scalar("SELECT count(*) FROM tags") == 0

    assert actions.undo(store).kind == "claim.delete"
    assert get_claim(store, first).quote == "We will adjust our strategy"
    assert [t.tag for t in tags_of(store, Item("claim", first))] == ["topic:air-defence"]
    assert len(links_of(store, Item("claim", first))) == 1
    assert get_note(store, Item("claim", first)).body == "Checked against the transcript."


def test_a_deleted_claims_id_is_never_given_to_another(store: Store) -> None:
    article = add_article(store, BODY)
    create_claim(store, article, quote="We will adjust our strategy")
    last = create_claim(store, article, quote="Yoon said it twice")
    delete_claim(store, last)
    assert create_claim(store, article, quote="Yoon warned") > last


def test_claims_page_through_the_corpus_newest_first(store: Store) -> None:
    article = add_article(store, BODY)
    other = add_article(store, "Another article where Zelensky said the war goes on.", title="other")
    ids = [create_claim(store, article, quote="Yoon warned"), create_claim(store, article, quote="his country"),
           create_claim(store, other, quote="Zelensky said")]
    add_tags(store, Item("claim", ids[1]), ["check"])
    assert [c.id for c in list_claims(store, limit=2)] == [ids[2], ids[1]]
    assert [c.id for c in list_claims(store, limit=2, offset=2)] == [ids[0]]
    assert [c.id for c in list_claims(store, article_id=other)] == [ids[2]]
    assert [c.id for c in list_claims(store, tag="CHECK")] == [ids[1]]
    assert count_claims(store, article_id=article) == 2
