"""Canonical entities as clusters joined by "same" decisions.

`entities.merged_into` is a materialised view of the decisions: every entity joined to another
by current "same" decisions points at one root of their connected component. Changing a cluster
updates only the rows of its members, each through the action being recorded, so undo restores
them exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.actions import ActionRecorder
    from corpus.store import Store


def root_of(store: "Store", entity_id: int) -> int | None:
    row = store.conn.execute("SELECT COALESCE(merged_into, id) FROM entities WHERE id = ?",
                             (entity_id,)).fetchone()
    return row[0] if row else None


def members(store: "Store", root: int) -> list[int]:
    """The root and every entity merged into it."""
    rows = store.conn.execute("SELECT id FROM entities WHERE id = ? OR merged_into = ? ORDER BY id",
                              (root, root))
    return [r[0] for r in rows]


def _weight(store: "Store", root: int) -> tuple:
    """Which root survives a merge: one the analyst named, then more mentions, then the older."""
    named, mentions = store.conn.execute(
        "SELECT MAX(name_source = 'analyst' AND id = ?), COALESCE(SUM(mention_count), 0) FROM entities"
        " WHERE id = ? OR merged_into = ?", (root, root, root)).fetchone()
    return (named or 0, mentions, -root)


def union(store: "Store", act: "ActionRecorder", left: int, right: int, keep: int | None = None) -> int:
    """Join the clusters of two entities; returns the surviving root.

    The root of `keep`'s cluster survives when it is one of the two (the analyst named it);
    otherwise the weightier root does.
    """
    a, b = root_of(store, left), root_of(store, right)
    if a == b:
        return a
    kept = root_of(store, keep) if keep is not None else None
    if kept in (a, b):
        survivor, absorbed = (a, b) if kept == a else (b, a)
    else:
        survivor, absorbed = (a, b) if _weight(store, a) >= _weight(store, b) else (b, a)
    for member in members(store, absorbed):
        act.update("entities", member, {"merged_into": survivor})
    return survivor


def _same_edges(store: "Store", ids: list[int]) -> list[tuple[int, int]]:
    marks = ", ".join("?" for _ in ids)
    rows = store.conn.execute(
        f"""SELECT left_id, right_id FROM entity_decisions
            WHERE retracted_at IS NULL AND verdict = 'same'
              AND left_id IN ({marks}) AND right_id IN ({marks})""",
        [*ids, *ids],
    )
    return [tuple(r) for r in rows]


def components(ids: list[int], edges: list[tuple[int, int]]) -> list[list[int]]:
    parent = {i: i for i in ids}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def recluster(store: "Store", act: "ActionRecorder", root: int) -> list[int]:
    """Re-derive a cluster from its current "same" decisions; returns the roots it now has."""
    ids = members(store, root)
    roots = []
    for group in components(ids, _same_edges(store, ids)):
        if root in group:
            new_root = root
        else:
            counts = dict(store.conn.execute(
                f"SELECT id, mention_count FROM entities WHERE id IN ({', '.join('?' for _ in group)})", group))
            new_root = max(group, key=lambda i: (counts.get(i, 0), -i))
        roots.append(new_root)
        for member in group:
            act.update("entities", member, {"merged_into": None if member == new_root else new_root})
    return roots
