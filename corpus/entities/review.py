"""The review queue: undecided candidate pairs, best first, with what the analyst needs to judge.

A pair leaves the queue when it is decided either way, or when its two entities have become one
through other merges. Candidates are stored per pair of aliases' entities; the queue shows each
pair of canonical entities once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from corpus.entities import candidates
from corpus.entities.queries import MentionContext, mention_contexts

if TYPE_CHECKING:
    from corpus.store import Store


@dataclass(frozen=True)
class QueueItem:
    left_id: int  # the entities whose names matched (possibly members of a merged entity)
    right_id: int
    left_root: int  # their canonical entities now
    right_root: int
    left_name: str  # the names that matched
    right_name: str
    left_entity: str  # the canonical entities' names
    right_entity: str
    left_type: str
    right_type: str
    score: float
    explanation: str


@dataclass(frozen=True)
class ReviewItem:
    pair: QueueItem
    left_context: MentionContext | None
    right_context: MentionContext | None


def _decided_root_pairs(store: "Store") -> set[tuple[int, int]]:
    rows = store.conn.execute(
        """SELECT COALESCE(l.merged_into, l.id), COALESCE(r.merged_into, r.id)
           FROM entity_decisions d JOIN entities l ON l.id = d.left_id JOIN entities r ON r.id = d.right_id
           WHERE d.retracted_at IS NULL"""
    )
    return {(min(a, b), max(a, b)) for a, b in rows}


def iter_queue(store: "Store", skip: Iterable[tuple[int, int]] = (), refresh: bool = True):
    """Undecided pairs of canonical entities, best score first (lazily, so the first is cheap)."""
    if refresh:
        candidates.ensure_fresh(store)
    decided = _decided_root_pairs(store)
    skipped = {(min(a, b), max(a, b)) for a, b in skip}
    seen: set[tuple[int, int]] = set()
    rows = store.conn.execute(
        """SELECT c.left_id, c.right_id, COALESCE(l.merged_into, l.id), COALESCE(r.merged_into, r.id),
                  c.left_name, c.right_name, lr.name, rr.name, lr.type, rr.type, c.score, c.explanation
           FROM entity_candidates c
           JOIN entities l ON l.id = c.left_id JOIN entities r ON r.id = c.right_id
           JOIN entities lr ON lr.id = COALESCE(l.merged_into, l.id)
           JOIN entities rr ON rr.id = COALESCE(r.merged_into, r.id)
           ORDER BY c.score DESC, c.left_name, c.right_name"""
    )
    for row in rows:
        item = QueueItem(*row)
        roots = (min(item.left_root, item.right_root), max(item.left_root, item.right_root))
        if roots[0] == roots[1] or roots in decided or roots in seen or roots in skipped:
            continue
        if (min(item.left_id, item.right_id), max(item.left_id, item.right_id)) in skipped:
            continue
        seen.add(roots)
        yield item


def queue(store: "Store", limit: int = 50, offset: int = 0, min_score: float = 0.0,
          refresh: bool = True, entity_id: int | None = None) -> list[QueueItem]:
    """A page of the queue; `entity_id` keeps only pairs involving that canonical entity."""
    items = []
    for item in iter_queue(store, refresh=refresh):
        if item.score < min_score:
            break
        if entity_id is not None and entity_id not in (item.left_root, item.right_root):
            continue
        if offset:
            offset -= 1
            continue
        items.append(item)
        if len(items) >= limit:
            break
    return items


def next_review(store: "Store", skip: Iterable[tuple[int, int]] = ()) -> ReviewItem | None:
    """The best undecided pair with a sentence in context for each name (None when done)."""
    item = next(iter_queue(store, skip=skip), None)
    if item is None:
        return None
    return ReviewItem(item, _first_context(store, item.left_id), _first_context(store, item.right_id))


def _first_context(store: "Store", entity_id: int) -> MentionContext | None:
    found = mention_contexts(store, entity_id, limit=1, own_only=True)
    return found[0] if found else None


def pending_count(store: "Store") -> int:
    return sum(1 for _ in iter_queue(store))
