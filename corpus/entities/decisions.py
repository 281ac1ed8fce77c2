"""The analyst's entity decisions, each one undoable action in the shared log.

Modelled on nomenklatura: a verdict on a pair of entities — same, different, unsure — is a row
that is superseded (retracted) by the next verdict on that pair, never deleted. "same" joins
both clusters under one canonical entity; "different" and "unsure" keep the pair out of the
review queue for good. Merging, splitting, renaming, typing and aliasing are actions too, so
`corpus undo` reverts any of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.actions import Action, action_by_id
from corpus.entities import clusters
from corpus.entities.normalise import display_form, identity_key
from corpus.entities.types import KNOWN_TYPES
from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.actions import ActionRecorder
    from corpus.store import Store

VERDICTS = ("same", "different", "unsure")
SUMMARY_NAMES = 5  # entities named in an action's summary before "and N more"


class EntityError(Exception):
    """A request about entities that cannot be carried out as asked (one line, for the user)."""


@dataclass(frozen=True)
class Decision:
    id: int
    left_id: int
    right_id: int
    left_name: str
    right_name: str
    verdict: str
    decided_by: str
    score: float | None
    decided_at: str
    retracted_at: str | None


def _name(store: "Store", entity_id: int) -> str:
    row = store.conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        raise EntityError(f"no entity #{entity_id}")
    return row[0]


def _pair(left: int, right: int) -> tuple[int, int]:
    if left == right:
        raise EntityError(f"#{left} and #{right} are the same entity")
    return (left, right) if left < right else (right, left)


def current_decision(store: "Store", left: int, right: int) -> Decision | None:
    a, b = _pair(left, right)
    rows = _decisions(store, "d.left_id = ? AND d.right_id = ? AND d.retracted_at IS NULL", (a, b), 1)
    return rows[0] if rows else None


def _decisions(store: "Store", where: str, params: tuple, limit: int) -> list[Decision]:
    rows = store.conn.execute(
        f"""SELECT d.id, d.left_id, d.right_id, l.name, r.name, d.verdict, d.decided_by, d.score,
                   d.decided_at, d.retracted_at
            FROM entity_decisions d JOIN entities l ON l.id = d.left_id JOIN entities r ON r.id = d.right_id
            WHERE {where} ORDER BY d.id DESC LIMIT ?""",
        (*params, limit),
    )
    return [Decision(*row) for row in rows]


def recent_decisions(store: "Store", limit: int = 50, include_retracted: bool = False) -> list[Decision]:
    """Newest first; each can be changed with `decide` or cleared with `clear_decision`."""
    where = "1" if include_retracted else "d.retracted_at IS NULL"
    return _decisions(store, where, (), limit)


def _record(store: "Store", act: "ActionRecorder", left: int, right: int, verdict: str | None,
            decided_by: str, score: float | None, keep: int | None = None) -> None:
    """Supersede the pair's current verdict with `verdict` (None clears it) and fix the clusters.

    On "same", the cluster of `keep`, when given, keeps its root (see `clusters.union`).
    """
    a, b = _pair(left, right)
    previous = current_decision(store, a, b)
    if previous:
        act.update("entity_decisions", previous.id, {"retracted_at": utc_now()})
    if verdict:
        act.append("entity_decisions", {"left_id": a, "right_id": b, "verdict": verdict,
                                        "decided_by": decided_by, "score": score, "decided_at": utc_now()})
    if verdict == "same":
        clusters.union(store, act, a, b, keep)
    elif previous and previous.verdict == "same":
        clusters.recluster(store, act, clusters.root_of(store, a))
    if verdict in ("different", "unsure") and clusters.root_of(store, a) == clusters.root_of(store, b):
        raise EntityError(f"‘{_name(store, a)}’ and ‘{_name(store, b)}’ are one entity through other "
                          "merges; split it first")


def decide(store: "Store", left: int, right: int, verdict: str, *, decided_by: str = "analyst",
           score: float | None = None) -> Action | None:
    """Record a verdict on a pair; returns the action, or None when it was already the verdict."""
    if verdict not in VERDICTS:
        raise EntityError(f"unknown verdict {verdict!r} (choose {', '.join(VERDICTS)})")
    names = (_name(store, left), _name(store, right))
    previous = current_decision(store, left, right)
    if previous and previous.verdict == verdict:
        return None
    with store.action("entity.decide", f"{verdict}: {names[0]} ↔ {names[1]}") as act:
        _record(store, act, left, right, verdict, decided_by, score)
    return action_by_id(store, act.action_id)


def clear_decision(store: "Store", left: int, right: int) -> Action | None:
    """Withdraw the pair's verdict (the pair returns to the queue); None when there was none."""
    previous = current_decision(store, left, right)
    if previous is None:
        return None
    summary = f"cleared {previous.verdict}: {previous.left_name} ↔ {previous.right_name}"
    with store.action("entity.decide", summary) as act:
        _record(store, act, left, right, None, "analyst", None)
    return action_by_id(store, act.action_id)


def merge(store: "Store", target: int, others: list[int]) -> Action:
    """Decide "same" between `target` and each of `others` at once (one undoable action).

    The target's canonical entity stays canonical, with its id and name, whichever has more
    mentions: the analyst chose it.
    """
    names = [_name(store, i) for i in [target, *others]]
    if not others:
        raise EntityError("name at least two entities to merge")
    with store.action("entity.merge", f"merged {', '.join(names[1:])} into {names[0]}") as act:
        for other in others:
            if clusters.root_of(store, other) != clusters.root_of(store, target):
                _record(store, act, target, other, "same", "analyst", None, keep=target)
    return action_by_id(store, act.action_id)


def split(store: "Store", entity_id: int, member: int | None = None) -> Action:
    """Undo the merges of a canonical entity: all of them, or only those joining `member`."""
    root = clusters.root_of(store, entity_id)
    if root is None:
        raise EntityError(f"no entity #{entity_id}")
    ids = clusters.members(store, root)
    if len(ids) < 2:
        raise EntityError(f"‘{_name(store, root)}’ (#{root}) is not merged with anything: nothing to split")
    if member is not None and member not in ids:
        raise EntityError(f"#{member} is not part of ‘{_name(store, root)}’ (#{root})")
    edges = [d for d in recent_decisions(store, limit=1_000_000)
             if d.verdict == "same" and d.left_id in ids and d.right_id in ids
             and (member is None or member in (d.left_id, d.right_id))]
    with store.action("entity.split", _split_summary(store, root, ids, member)) as act:
        for edge in edges:
            act.update("entity_decisions", edge.id, {"retracted_at": utc_now()})
        clusters.recluster(store, act, root)
    return action_by_id(store, act.action_id)


def _split_summary(store: "Store", root: int, ids: list[int], member: int | None) -> str:
    """What a split does, by name and id: names alone can coincide (a renamed root, a member's alias)."""
    def named(entity_id: int) -> str:
        return f"{_name(store, entity_id)} (#{entity_id})"

    def listed(some: list[int]) -> str:
        shown = ", ".join(named(i) for i in some[:SUMMARY_NAMES])
        return shown + (f" and {len(some) - SUMMARY_NAMES} more" if len(some) > SUMMARY_NAMES else "")

    if member is None:
        return f"split {named(root)} into {len(ids)} entities: {listed(ids)}"
    if member == root:
        return f"split {named(root)} away from {listed([i for i in ids if i != root])}"
    return f"split {named(member)} out of {named(root)}"


def rename(store: "Store", entity_id: int, name: str) -> Action | None:
    """Give the canonical entity the name to show; None when that is already its name."""
    root = _existing_root(store, entity_id)
    name = display_form(name)
    if not name:
        raise EntityError("a name cannot be empty")
    if name == _name(store, root):
        return None
    with store.action("entity.rename", f"renamed {_name(store, root)} to {name}") as act:
        act.update("entities", root, {"name": name, "name_source": "analyst"})
    return action_by_id(store, act.action_id)


def set_type(store: "Store", entity_id: int, entity_type: str | None) -> Action:
    """Set the type by hand; None returns it to the most credible model label."""
    root = _existing_root(store, entity_id)
    if entity_type is not None:
        entity_type = entity_type.upper()
        if entity_type not in KNOWN_TYPES:
            raise EntityError(f"unknown type {entity_type!r} (choose {', '.join(KNOWN_TYPES)})")
    label = entity_type or "the model's"
    with store.action("entity.type", f"set type of {_name(store, root)} to {label}") as act:
        if entity_type is None:
            act.update("entities", root, {"type_source": "model"})
        else:
            act.update("entities", root, {"type": entity_type, "type_source": "analyst"})
    return action_by_id(store, act.action_id)


def add_alias(store: "Store", entity_id: int, name: str) -> Action:
    """Record another name of an entity; later extractions find it through the entity ruler."""
    root = _existing_root(store, entity_id)
    name, key = display_form(name), identity_key(name)
    if not key:
        raise EntityError(f"{name!r} has no letters or digits to match")
    owner = store.conn.execute("SELECT entity_id FROM aliases WHERE key = ?", (key,)).fetchone()
    if owner:
        owner_root = clusters.root_of(store, owner[0])
        if owner_root == root:
            raise EntityError(f"‘{name}’ is already a name of ‘{_name(store, root)}’")
        raise EntityError(f"‘{name}’ is already a name of ‘{_name(store, owner_root)}’ (#{owner_root}); "
                          "merge the two entities instead")
    with store.action("entity.alias", f"added alias {name} to {_name(store, root)}") as act:
        act.insert("aliases", {"entity_id": root, "name": name, "key": key, "origin": "analyst",
                               "created_at": utc_now()})
    return action_by_id(store, act.action_id)


def remove_alias(store: "Store", entity_id: int, name: str) -> Action:
    """Remove an alias the analyst added (names found in articles stay: their mentions need them)."""
    root = _existing_root(store, entity_id)
    row = store.conn.execute("SELECT id, entity_id, origin FROM aliases WHERE key = ?",
                             (identity_key(name),)).fetchone()
    if row is None or clusters.root_of(store, row[1]) != root:
        raise EntityError(f"‘{name}’ is not a name of ‘{_name(store, root)}’")
    used = store.scalar("SELECT COUNT(*) FROM mentions WHERE alias_id = ?", (row[0],))
    if row[2] != "analyst" or used:
        raise EntityError(f"‘{name}’ was found in articles ({used} mentions); split or merge instead")
    with store.action("entity.alias", f"removed alias {name} from {_name(store, root)}") as act:
        act.delete("aliases", row[0])
    return action_by_id(store, act.action_id)


def auto_accept(store: "Store", threshold: float) -> Action | None:
    """Decide "same" for every undecided candidate scoring at least `threshold` (one action)."""
    from corpus.entities.review import queue

    pairs = [c for c in queue(store, limit=1_000_000) if c.score >= threshold]
    if not pairs:
        return None
    with store.action("entity.auto_accept", f"auto-accepted {len(pairs)} candidates ≥ {threshold:.2f}") as act:
        for c in pairs:
            if clusters.root_of(store, c.left_id) != clusters.root_of(store, c.right_id):
                _record(store, act, c.left_id, c.right_id, "same", "auto", c.score)
    return action_by_id(store, act.action_id)


def _existing_root(store: "Store", entity_id: int) -> int:
    root = clusters.root_of(store, entity_id)
    if root is None:
        raise EntityError(f"no entity #{entity_id}")
    return root
