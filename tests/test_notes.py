"""Notes on articles, claims and entities: any length, one per item, undoable."""

from __future__ import annotations

import pytest
from claim_helpers import add_article, add_entity

from corpus import actions
from corpus.items import Item
from corpus.notes import NoteError, get_note, set_note
from corpus.store import Store


def test_a_note_is_written_replaced_and_deleted(store: Store) -> None:
    entity = Item("entity", add_entity(store, "Andrey Rudenko"))
    long_text = "Deputy foreign minister since 2016.\n\n" + "Background. " * 2000
    assert set_note(store, entity, long_text) is True
    assert get_note(store, entity).body == long_text
    assert set_note(store, entity, long_text) is False
    set_note(store, entity, "Shorter.")
    assert get_note(store, entity).body == "Shorter."
    set_note(store, entity, "   ")
    assert get_note(store, entity) is None
    assert [a.kind for a in actions.history(store)] == ["note.set"] * 3
    actions.undo(store)
    assert get_note(store, entity).body == "Shorter."


def test_notes_go_on_existing_articles_claims_and_entities_only(store: Store) -> None:
    article = Item("article", add_article(store, "Body."))
    set_note(store, article, "Source is a scrape; check the original.")
    assert get_note(store, article).body.startswith("Source is a scrape")
    with pytest.raises(NoteError, match="no such claim"):
        set_note(store, Item("claim", 5), "x")
    with pytest.raises(NoteError, match="notes go on"):
        set_note(store, Item("source", 1), "x")
