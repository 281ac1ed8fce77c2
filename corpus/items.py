"""Items an analyst annotates (articles, claims, entities, sources), named as `type:id`.

Tags, links, notes and ratings attach to several kinds of item; this module parses the
references the command line and the TUI pass around (`claim:12`, `article:3`, `entity:7`,
`source:Bloomberg`), checks that the item exists and gives it a short human label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.safe_text import one_line

if TYPE_CHECKING:
    from corpus.store import Store

ITEM_TYPES = ("article", "claim", "entity", "source")
_TABLES = {"article": "articles", "claim": "claims", "entity": "entities", "source": "sources"}


class ItemError(ValueError):
    """An item reference that is malformed or names nothing in the database."""


@dataclass(frozen=True)
class Item:
    type: str
    id: int

    def __str__(self) -> str:
        return f"{self.type}:{self.id}"


def parse_item(text: str, allowed: tuple[str, ...] = ITEM_TYPES) -> tuple[str, str]:
    """Split `claim:12` into ("claim", "12"); the id part may be a name for sources and entities."""
    kind, sep, ident = text.partition(":")
    kind = kind.strip().lower()
    if not sep or not ident.strip() or kind not in allowed:
        raise ItemError(f"{text!r}: expected TYPE:ID with TYPE one of {', '.join(allowed)}")
    return kind, ident.strip()


def resolve_item(store: "Store", text: str, allowed: tuple[str, ...] = ITEM_TYPES) -> Item:
    """An existing item from a reference; sources and entities may also be named."""
    kind, ident = parse_item(text, allowed)
    if ident.isdigit():
        item = Item(kind, int(ident))
        require(store, item)
        return Item(kind, canonical_entity(store, item.id)) if kind == "entity" else item
    if kind == "source":
        found = store.scalar("SELECT id FROM sources WHERE name = ? COLLATE NOCASE", [ident])
    elif kind == "entity":
        found = entity_id_by_name(store, ident)
        if found is None:
            found = _entity_by_any_spelling(store, ident)
    else:
        raise ItemError(f"{text!r}: a {kind} is named by its number")
    if found is None:
        hint = did_you_mean(similar_source_names(store, ident)) if kind == "source" else ""
        raise ItemError(f"{text!r}: no {kind} named {ident!r}{hint}")
    return Item(kind, found)


def similar_source_names(store: "Store", name: str, limit: int = 3) -> list[str]:
    """Outlet names close to a mistyped one, best first."""
    from rapidfuzz import process

    names = [row[0] for row in store.conn.execute("SELECT name FROM sources")]
    return [found for found, _, _ in process.extract(name, names, limit=limit, score_cutoff=75)]


def did_you_mean(names: list[str]) -> str:
    return f"; did you mean {', '.join(repr(n) for n in names)}?" if names else ""


def entity_id_by_name(store: "Store", name: str) -> int | None:
    """An entity by its canonical name, else by one of its aliases (case-insensitive)."""
    found = store.scalar(
        "SELECT id FROM entities WHERE name = ? COLLATE NOCASE ORDER BY merged_into IS NOT NULL, id LIMIT 1", [name]
    )
    if found is None:
        found = store.scalar(
            "SELECT entity_id FROM aliases WHERE name = ? COLLATE NOCASE ORDER BY entity_id LIMIT 1", [name]
        )
    return canonical_entity(store, found) if found is not None else None


def _entity_by_any_spelling(store: "Store", name: str) -> int:
    """An entity under a variant spelling of one of its names ("Donald Trump’s", "the Kyiv Post"),
    else an error that suggests the closest names."""
    from corpus.entities.queries import EntityNotFound, resolve

    try:
        return resolve(store, name)
    except EntityNotFound as exc:
        raise ItemError(str(exc)) from None


def canonical_entity(store: "Store", entity_id: int) -> int:
    """The entity an entity was merged into, or itself."""
    return store.scalar("SELECT COALESCE(merged_into, id) FROM entities WHERE id = ?", [entity_id]) or entity_id


def merged_entities(store: "Store", entity_id: int) -> list[int]:
    """An entity and every entity merged into it: the ids its annotations may be stored under."""
    return [entity_id] + [row[0] for row in store.conn.execute(
        "SELECT id FROM entities WHERE merged_into = ?", [entity_id])]


def exists(store: "Store", item: Item) -> bool:
    return store.scalar(f"SELECT 1 FROM {_TABLES[item.type]} WHERE id = ?", [item.id]) is not None


def require(store: "Store", item: Item) -> None:
    if not exists(store, item):
        raise ItemError(f"{item}: no such {item.type}")


def label(store: "Store", item: Item, width: int = 60) -> str:
    """A short description: an article's title, a claim's quote, an entity's or source's name."""
    if item.type == "article":
        text = store.scalar("SELECT title FROM articles WHERE id = ?", [item.id])
    elif item.type == "claim":
        text = store.scalar("SELECT quote FROM claims WHERE id = ?", [item.id])
    elif item.type == "entity":
        text = store.scalar(
            "SELECT root.name FROM entities own JOIN entities root ON root.id = COALESCE(own.merged_into, own.id)"
            " WHERE own.id = ?", [item.id])
    else:
        text = store.scalar("SELECT name FROM sources WHERE id = ?", [item.id])
    return one_line(text or "", width)
