"""Notes on articles, claims and entities: plain text of any length, one note per item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.items import Item, ItemError, require
from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.store import Store

NOTABLE = ("article", "claim", "entity")


class NoteError(ValueError):
    """A note on something that cannot carry one, or that does not exist."""


@dataclass(frozen=True)
class Note:
    item: Item
    body: str
    created_at: str
    updated_at: str


def _check(store: "Store", item: Item) -> None:
    if item.type not in NOTABLE:
        raise NoteError(f"{item}: notes go on articles, claims and entities")
    try:
        require(store, item)
    except ItemError as exc:
        raise NoteError(str(exc)) from None


def get_note(store: "Store", item: Item) -> Note | None:
    rows = store.query(
        "SELECT body, created_at, updated_at FROM notes WHERE item_type = ? AND item_id = ?", [item.type, item.id]
    )
    return Note(item, **rows[0]) if rows else None


def set_note(store: "Store", item: Item, body: str | None) -> bool:
    """Write (or, with empty text or None, delete) the note of an item; False if nothing changed."""
    _check(store, item)
    text = (body or "").strip("\n")
    text = text if text.strip() else ""
    row_id = store.scalar("SELECT id FROM notes WHERE item_type = ? AND item_id = ?", [item.type, item.id])
    summary = f"Wrote the note of {item}" if text else f"Deleted the note of {item}"
    with store.action("note.set", summary) as act:
        if not text:
            return act.delete("notes", row_id) if row_id is not None else False
        now = utc_now()
        if row_id is None:
            act.insert("notes", {"item_type": item.type, "item_id": item.id, "body": text,
                                 "created_at": now, "updated_at": now})
            return True
        if act.update("notes", row_id, {"body": text}):
            act.update("notes", row_id, {"updated_at": now})
            return True
        return False


def notes_of_many(store: "Store", item_type: str, ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = store.conn.execute(
            f"SELECT item_id, body FROM notes WHERE item_type = ? AND item_id IN ({', '.join('?' for _ in chunk)})",
            [item_type, *chunk],
        )
        found.update(dict(rows))
    return found
