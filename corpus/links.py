"""Typed links between items, each with an optional note.

- claim → claim: repeats, corroborates, contradicts, cites
- claim → entity: about
- article → article: follow-up, duplicate-of
- entity → entity: any relation label the analyst chooses ("capital of", "member of")
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.items import Item, ItemError, canonical_entity, exists, label, merged_entities, require
from corpus.safe_text import neutralise_controls
from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.store import Store

RELATIONS: dict[tuple[str, str], tuple[str, ...] | None] = {
    ("claim", "claim"): ("repeats", "corroborates", "contradicts", "cites"),
    ("claim", "entity"): ("about",),
    ("article", "article"): ("follow-up", "duplicate-of"),
    ("entity", "entity"): None,  # free label
}
MAX_LABEL_LENGTH = 80


class LinkError(ValueError):
    """A link that is not allowed between these items, or names something that does not exist."""


@dataclass(frozen=True)
class Link:
    id: int
    from_type: str
    from_id: int
    relation: str
    to_type: str
    to_id: int
    note: str | None
    created_at: str

    @property
    def source(self) -> Item:
        return Item(self.from_type, self.from_id)

    @property
    def target(self) -> Item:
        return Item(self.to_type, self.to_id)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def check_relation(from_type: str, to_type: str, relation: str) -> str:
    """The relation as stored (normalised), or LinkError when the pair cannot carry it."""
    allowed_pairs = ", ".join(f"{a}→{b}" for a, b in RELATIONS)
    if (from_type, to_type) not in RELATIONS:
        raise LinkError(f"cannot link {_a(from_type)} to {_a(to_type)} (allowed: {allowed_pairs})")
    allowed = RELATIONS[(from_type, to_type)]
    relation = " ".join(neutralise_controls(relation).split())
    if allowed is None:
        if not relation or len(relation) > MAX_LABEL_LENGTH:
            raise LinkError(f"an entity relation needs a label of 1-{MAX_LABEL_LENGTH} characters")
        return relation
    relation = relation.lower().replace("_", "-").replace(" ", "-")
    if relation not in allowed:
        raise LinkError(f"{_a(from_type)}→{to_type} link is one of: {', '.join(allowed)} (not {relation!r})")
    return relation


def add_link(store: "Store", source: Item, relation: str, target: Item, note: str | None = None) -> int:
    """Link two items; returns the link id. The same typed link twice is refused."""
    relation = check_relation(source.type, target.type, relation)
    source, target = _canonical(store, source), _canonical(store, target)
    if source == target:
        raise LinkError(f"{source} cannot be linked to itself")
    for item in (source, target):
        try:
            require(store, item)
        except ItemError as exc:
            raise LinkError(str(exc)) from None
    existing = store.scalar(
        "SELECT id FROM links WHERE from_type = ? AND from_id = ? AND relation = ? AND to_type = ? AND to_id = ?",
        [source.type, source.id, relation, target.type, target.id],
    )
    if existing is not None:
        raise LinkError(f"{source} already {relation} {target} (link {existing})")
    note = (note or "").strip() or None
    with store.action("link.add", f"Linked {source} {relation} {target}") as act:
        return act.insert("links", {
            "from_type": source.type, "from_id": source.id, "relation": relation,
            "to_type": target.type, "to_id": target.id, "note": note, "created_at": utc_now(),
        })


def get_link(store: "Store", link_id: int) -> Link:
    rows = store.query("SELECT * FROM links WHERE id = ?", [link_id])
    if not rows:
        raise LinkError(f"link {link_id}: no such link")
    return Link(**rows[0])


def set_link_note(store: "Store", link_id: int, note: str | None) -> bool:
    get_link(store, link_id)
    with store.action("link.note", f"Changed the note of link {link_id}") as act:
        return act.update("links", link_id, {"note": (note or "").strip() or None})


def remove_link(store: "Store", link_id: int) -> Link:
    link = get_link(store, link_id)
    with store.action("link.remove", f"Removed link {link.source} {link.relation} {link.target}") as act:
        act.delete("links", link_id)
    return link


def _canonical(store: "Store", item: Item) -> Item:
    if item.type == "entity" and exists(store, item):
        return Item("entity", canonical_entity(store, item.id))
    return item


def links_of(store: "Store", item: Item) -> list[Link]:
    """Links from and to an item (to follow them either way), oldest first. An entity's links
    include those made to the entities since merged into it."""
    ids = merged_entities(store, item.id) if item.type == "entity" else [item.id]
    marks = ", ".join("?" for _ in ids)
    rows = store.query(
        f"SELECT * FROM links WHERE (from_type = ? AND from_id IN ({marks})) OR (to_type = ? AND to_id IN ({marks}))"
        " ORDER BY id",
        [item.type, *ids, item.type, *ids],
    )
    return [Link(**row) for row in rows]


def describe(store: "Store", link: Link, seen_from: Item | None = None) -> str:
    """One readable line: `claim:3 corroborates claim:7 “…” — note`, from either end."""
    if seen_from == link.target:
        other, text = link.source, f"← {link.relation} {link.source}"
    else:
        other, text = link.target, f"{link.relation} {link.target}"
    line = f"{text} “{label(store, other, 50)}”"
    return f"{line} — {link.note}" if link.note else line
