"""A surname or family name used alone resolves to the person named in full in the same article."""

from __future__ import annotations

import pytest
from entity_helpers import add_article, entity_of, extract, mention_texts

from corpus.store import Store

SAID_IN_SEOUL = (
    "President {full} said on Thursday that South Korea could send weapons. “We do not rule out the "
    "possibility,” Yoon said at a news conference in Seoul. Yoon’s office said a decision would not come "
    "before next month."
)
# The model labels "Yoon" in the second paragraph a GPE.
WARNED_SEOUL = (
    "South Korea is studying a request from Kiev, as President {full} weighs pressure from allies.\n\n"
    "According to Reuters, North Korea has shipped several hundred thousand artillery shells to Russia "
    "since the summer, a development Yoon warned could force Seoul to reconsider its policy."
)
# "Jordan" is a person's first name here, and plainly the country elsewhere in the same article.
JORDAN = (
    "Jordan Bardella, the leader of the National Rally, spoke in Paris on Monday. Bardella said France would "
    "keep its troops in Jordan. The base in Jordan hosts French aircraft."
)


def _mentions(store: Store, text: str) -> list[tuple[str, str, str]]:
    """(label, resolved_by, canonical name) of each mention written `text`."""
    rows = store.conn.execute(
        "SELECT m.label, m.resolved_by, me.entity_name FROM mentions m JOIN mention_entities me"
        " ON me.mention_id = m.id WHERE m.text = ? ORDER BY m.start", [text])
    return [tuple(r) for r in rows]


@pytest.mark.parametrize("full", ["Yoon Suk Yeol", "Yoon Suk-yeol", "Yoon Suk-Yeol"])
def test_a_family_name_written_first_resolves_whatever_the_hyphens(store: Store, nlp, full: str) -> None:
    add_article(store, SAID_IN_SEOUL.format(full=full))
    extract(store)
    yoon = entity_of(store, full)
    assert sorted(mention_texts(store, yoon)) == sorted([full, "Yoon", "Yoon"])
    assert {by for _, by, _ in _mentions(store, "Yoon")} == {"partial"}
    assert store.scalar("SELECT COUNT(*) FROM aliases WHERE key = 'yoon'") == 0


@pytest.mark.parametrize("full", ["Yoon Suk Yeol", "Yoon Suk-yeol"])
def test_a_partial_name_the_model_calls_a_place_still_resolves(store: Store, nlp, full: str) -> None:
    add_article(store, WARNED_SEOUL.format(full=full))
    extract(store)
    assert _mentions(store, "Yoon") == [("GPE", "partial", full)]
    assert store.query("SELECT type FROM entities WHERE id = ?", [entity_of(store, full)]) == [{"type": "PERSON"}]


def test_a_surname_resolves_to_the_full_name_it_ends(store: Store, nlp) -> None:
    add_article(store, "Former President Donald Trump spoke on Monday. Trump said the talks would go on.")
    extract(store)
    assert _mentions(store, "Trump") == [("PERSON", "partial", "Donald Trump")]


def test_a_place_in_plain_use_is_not_taken_for_a_persons_name(store: Store, nlp) -> None:
    add_article(store, JORDAN)
    extract(store)
    assert _mentions(store, "Jordan") == [("GPE", "name", "Jordan"), ("GPE", "name", "Jordan")]
    assert [by for _, by, _ in _mentions(store, "Bardella")] == ["partial"]
    assert entity_of(store, "Jordan") != entity_of(store, "Jordan Bardella")
