"""Tags on articles and claims.

Tags the analyst sets (`origin = 'analyst'`) are kept apart from tags the program derives
(`origin = 'derived'`): a derived tag records what produced it, is never mistaken for a
judgement, and is exported in its own column. Some derived tags are stored (the pattern of an
accepted suggestion, e.g. `attribution:direct-quote`); others are computed from the data by the
`all_tags` view (`duplicate` on near-duplicate articles, `orphan` on claims whose text was lost).

Tags are case-insensitive (the first spelling is kept) and may be namespaced: `topic:air-defence`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from corpus.items import Item, ItemError, require
from corpus.safe_text import neutralise_controls
from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.actions import ActionRecorder
    from corpus.store import Store

TAGGABLE = ("article", "claim")
MAX_TAG_LENGTH = 100


class TagError(ValueError):
    """A tag that cannot be used (empty, too long) or an item that cannot carry tags."""


@dataclass(frozen=True)
class Tag:
    tag: str
    origin: str  # analyst or derived
    derived_from: str | None = None

    @property
    def namespace(self) -> str | None:
        head, sep, _ = self.tag.partition(":")
        return head if sep else None


def normalise_tag(text: str) -> str:
    tag = " ".join(neutralise_controls(text).split())
    if not tag:
        raise TagError("a tag cannot be empty")
    if len(tag) > MAX_TAG_LENGTH:
        raise TagError(f"a tag is at most {MAX_TAG_LENGTH} characters: {tag[:20]!r}…")
    return tag


def _check_item(store: "Store", item: Item) -> None:
    if item.type not in TAGGABLE:
        raise TagError(f"{item}: only articles and claims carry tags")
    try:
        require(store, item)
    except ItemError as exc:
        raise TagError(str(exc)) from None


def _spelling(store: "Store", tag: str) -> str:
    """An existing tag's spelling, so `NATO` and `nato` stay one tag."""
    return store.scalar("SELECT tag FROM tags WHERE tag = ? ORDER BY id LIMIT 1", [tag]) or tag


def _insert_tags(store: "Store", act: "ActionRecorder", item: Item, tags: Iterable[str], origin: str,
                 derived_from: str | None = None) -> list[str]:
    added = []
    for raw in tags:
        tag = _spelling(store, normalise_tag(raw))
        present = store.scalar(
            "SELECT 1 FROM tags WHERE item_type = ? AND item_id = ? AND tag = ? AND origin = ?",
            [item.type, item.id, tag, origin],
        )
        if present or tag in added:
            continue
        act.insert("tags", {"item_type": item.type, "item_id": item.id, "tag": tag, "origin": origin,
                            "derived_from": derived_from, "created_at": utc_now()})
        added.append(tag)
    return added


def add_tags(store: "Store", item: Item, tags: Iterable[str]) -> list[str]:
    """Tag an item as the analyst; returns the tags that were new on it."""
    tags = [normalise_tag(t) for t in tags]
    _check_item(store, item)
    with store.action("tag.add", f"Tagged {item} with {', '.join(tags)}") as act:
        return _insert_tags(store, act, item, tags, "analyst")


def insert_analyst_tags(store: "Store", act: "ActionRecorder", item: Item, tags: Iterable[str]) -> list[str]:
    """The analyst's tags on an item being made inside the caller's action (a new claim)."""
    return _insert_tags(store, act, item, tags, "analyst")


def add_derived_tags(store: "Store", act: "ActionRecorder", item: Item, tags: Iterable[str],
                     derived_from: str) -> list[str]:
    """Tags the program derives, written inside the caller's action."""
    return _insert_tags(store, act, item, tags, "derived", derived_from)


def remove_tags(store: "Store", item: Item, tags: Iterable[str], *, origin: str = "analyst") -> list[str]:
    """Remove tags from an item; returns those it actually had."""
    tags = [normalise_tag(t) for t in tags]
    _check_item(store, item)
    removed = []
    with store.action("tag.remove", f"Removed {', '.join(tags)} from {item}") as act:
        for tag in tags:
            row_id = store.scalar(
                "SELECT id FROM tags WHERE item_type = ? AND item_id = ? AND tag = ? AND origin = ?",
                [item.type, item.id, tag, origin],
            )
            if row_id is not None:
                act.delete("tags", row_id)
                removed.append(tag)
    return removed


def tags_of(store: "Store", item: Item) -> list[Tag]:
    return tags_of_many(store, item.type, [item.id]).get(item.id, [])


def tags_of_many(store: "Store", item_type: str, ids: list[int]) -> dict[int, list[Tag]]:
    """Tags of several items at once, analyst tags first, each group alphabetical."""
    found: dict[int, list[Tag]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = store.conn.execute(
            f"SELECT item_id, tag, origin, derived_from FROM all_tags WHERE item_type = ?"
            f" AND item_id IN ({', '.join('?' for _ in chunk)}) ORDER BY origin, tag COLLATE NOCASE",
            [item_type, *chunk],
        )
        for item_id, tag, origin, derived_from in rows:
            found.setdefault(item_id, []).append(Tag(tag, origin, derived_from))
    return found


@dataclass(frozen=True)
class TagCount:
    tag: str
    count: int


def tag_counts(store: "Store", prefix: str = "", *, item_type: str | None = None,
               origin: str | None = None, limit: int = 20) -> list[TagCount]:
    """Tags starting with `prefix` (case-insensitive), most used first: for autocompletion."""
    sql = "SELECT tag, count(*) AS n FROM all_tags WHERE tag LIKE ? ESCAPE '\\'"
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    params: list = [escaped + "%"]
    if item_type:
        sql += " AND item_type = ?"
        params.append(item_type)
    if origin:
        sql += " AND origin = ?"
        params.append(origin)
    sql += " GROUP BY tag COLLATE NOCASE ORDER BY n DESC, tag COLLATE NOCASE LIMIT ?"
    params.append(limit)
    return [TagCount(tag, n) for tag, n in store.conn.execute(sql, params)]
