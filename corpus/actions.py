"""One action log for every analyst change, with undo and redo across all kinds.

An action is a list of row changes recorded as they are made:

    with store.action("tag.add", "Tagged article 12 with topic:air-defence") as act:
        tag_id = act.insert("tags", {...})
        act.update("claims", claim_id, {"credibility": 2})

Undo applies the inverse of each change in reverse order; redo applies them again. Rows
of append-only tables (decision histories that are superseded, never deleted) are recorded
with `act.append(...)`: undoing one sets its `retracted_at` instead of deleting it.

The log is a stack: undo takes the newest done action, redo the most recently undone one,
and any new action discards what could still have been redone.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.store import Store

PrimaryKey = int | dict[str, Any]


class ActionConflict(Exception):
    """The rows an undo or redo would touch were changed by something outside the log."""


@dataclass(frozen=True)
class Action:
    id: int
    kind: str
    summary: str
    created_at: str
    state: str
    undone_at: str | None = None
    redone_at: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> "Action":
        return cls(**{k: row[k] for k in cls.__dataclass_fields__})


def _pk_dict(pk: PrimaryKey) -> dict[str, Any]:
    return {"id": pk} if isinstance(pk, int) else dict(pk)


def _encode(value: dict | None) -> str | None:
    if value is None:
        return None
    return json.dumps(
        {k: {"$b64": base64.b64encode(v).decode()} if isinstance(v, bytes) else v for k, v in value.items()},
        ensure_ascii=False,
    )


def _decode(text: str | None) -> dict | None:
    if text is None:
        return None
    return {
        k: base64.b64decode(v["$b64"]) if isinstance(v, dict) and "$b64" in v else v
        for k, v in json.loads(text).items()
    }


def _where(pk: dict[str, Any]) -> tuple[str, list]:
    return " AND ".join(f"[{col}] = ?" for col in pk), list(pk.values())


class ActionRecorder:
    """Context manager that makes one action atomic and records its row changes."""

    def __init__(self, store: "Store", kind: str, summary: str):
        self.store = store
        self.kind = kind
        self.summary = summary
        self.action_id: int | None = None
        self._seq = 0
        self._transaction = None

    def __enter__(self) -> "ActionRecorder":
        self._transaction = self.store.transaction()
        self._transaction.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb) -> bool | None:
        return self._transaction.__exit__(exc_type, exc, tb)

    @property
    def conn(self):
        return self.store.conn

    def _start(self) -> int:
        if self.action_id is None:
            self.conn.execute("UPDATE actions SET state = 'discarded' WHERE state = 'undone'")
            cursor = self.conn.execute(
                "INSERT INTO actions (kind, summary, created_at, state) VALUES (?, ?, ?, 'done')",
                (self.kind, self.summary, utc_now()),
            )
            self.action_id = cursor.lastrowid
        return self.action_id

    def _log(self, table: str, op: str, pk: dict, before: dict | None, after: dict | None) -> None:
        action_id = self._start()
        self._seq += 1
        self.conn.execute(
            "INSERT INTO action_changes (action_id, seq, table_name, op, pk, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (action_id, self._seq, table, op, json.dumps(pk), _encode(before), _encode(after)),
        )

    def _fetch(self, table: str, pk: dict) -> dict | None:
        where, params = _where(pk)
        return next(iter(self.store.query(f"SELECT * FROM [{table}] WHERE {where}", params)), None)

    def _insert_row(self, table: str, row: dict, pk_columns: list[str] | None) -> tuple[dict, int]:
        cols = ", ".join(f"[{c}]" for c in row)
        marks = ", ".join("?" for _ in row)
        cursor = self.conn.execute(f"INSERT INTO [{table}] ({cols}) VALUES ({marks})", list(row.values()))
        if pk_columns:
            return {c: row[c] for c in pk_columns}, cursor.lastrowid
        return {"id": row.get("id", cursor.lastrowid)}, cursor.lastrowid

    def insert(self, table: str, row: dict, *, pk: list[str] | None = None) -> int:
        """Insert a row; returns its rowid. Tables keyed by `id` need no `pk`."""
        pk_dict, rowid = self._insert_row(table, row, pk)
        self._log(table, "insert", pk_dict, None, self._fetch(table, pk_dict))
        return rowid

    def append(self, table: str, row: dict) -> int:
        """Insert into an append-only table (needs a `retracted_at` column); undo retracts it."""
        pk_dict, rowid = self._insert_row(table, row, None)
        self._log(table, "append", pk_dict, None, self._fetch(table, pk_dict))
        return rowid

    def update(self, table: str, pk: PrimaryKey, changes: dict) -> bool:
        """Change some columns of one row; returns False when nothing actually changed."""
        pk_dict = _pk_dict(pk)
        current = self._fetch(table, pk_dict)
        if current is None:
            raise KeyError(f"{table} has no row {pk_dict}")
        changed = {k: v for k, v in changes.items() if current[k] != v}
        if not changed:
            return False
        sets = ", ".join(f"[{c}] = ?" for c in changed)
        where, params = _where(pk_dict)
        self.conn.execute(f"UPDATE [{table}] SET {sets} WHERE {where}", [*changed.values(), *params])
        self._log(table, "update", pk_dict, {k: current[k] for k in changed}, changed)
        return True

    def delete(self, table: str, pk: PrimaryKey) -> bool:
        pk_dict = _pk_dict(pk)
        current = self._fetch(table, pk_dict)
        if current is None:
            return False
        where, params = _where(pk_dict)
        self.conn.execute(f"DELETE FROM [{table}] WHERE {where}", params)
        self._log(table, "delete", pk_dict, current, None)
        return True


class _Replayer:
    """Applies recorded changes backwards (undo) or forwards (redo), checking for conflicts."""

    def __init__(self, store: "Store"):
        self.store = store
        self.conn = store.conn

    def _current(self, table: str, pk: dict) -> dict | None:
        where, params = _where(pk)
        return next(iter(self.store.query(f"SELECT * FROM [{table}] WHERE {where}", params)), None)

    def _expect(self, table: str, pk: dict, expected: dict | None) -> None:
        current = self._current(table, pk)
        if expected is None:
            if current is not None:
                raise ActionConflict(f"{table} {pk} exists again; it was created outside the log")
            return
        if current is None:
            raise ActionConflict(f"{table} {pk} no longer exists")
        stale = [k for k, v in expected.items() if k in current and current[k] != v]
        if stale:
            raise ActionConflict(f"{table} {pk} was changed since ({', '.join(stale)})")

    def _write(self, table: str, pk: dict, values: dict) -> None:
        sets = ", ".join(f"[{c}] = ?" for c in values)
        where, params = _where(pk)
        self.conn.execute(f"UPDATE [{table}] SET {sets} WHERE {where}", [*values.values(), *params])

    def _insert(self, table: str, row: dict) -> None:
        cols = ", ".join(f"[{c}]" for c in row)
        self.conn.execute(
            f"INSERT INTO [{table}] ({cols}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
        )

    def _remove(self, table: str, pk: dict) -> None:
        where, params = _where(pk)
        self.conn.execute(f"DELETE FROM [{table}] WHERE {where}", params)

    def undo_change(self, table: str, op: str, pk: dict, before: dict | None, after: dict | None) -> None:
        if op == "insert":
            self._expect(table, pk, after)
            self._remove(table, pk)
        elif op == "append":
            self._expect(table, pk, {k: v for k, v in after.items() if k != "retracted_at"})
            self._write(table, pk, {"retracted_at": utc_now()})
        elif op == "update":
            self._expect(table, pk, after)
            self._write(table, pk, before)
        elif op == "delete":
            self._expect(table, pk, None)
            self._insert(table, before)

    def redo_change(self, table: str, op: str, pk: dict, before: dict | None, after: dict | None) -> None:
        if op == "insert":
            self._expect(table, pk, None)
            self._insert(table, after)
        elif op == "append":
            self._write(table, pk, {"retracted_at": None})
        elif op == "update":
            self._expect(table, pk, before)
            self._write(table, pk, after)
        elif op == "delete":
            self._expect(table, pk, before)
            self._remove(table, pk)


def _changes(store: "Store", action_id: int, newest_first: bool) -> list[tuple]:
    order = "DESC" if newest_first else "ASC"
    rows = store.conn.execute(
        f"SELECT table_name, op, pk, before, after FROM action_changes WHERE action_id = ? ORDER BY seq {order}",
        (action_id,),
    ).fetchall()
    return [(t, op, json.loads(pk), _decode(b), _decode(a)) for t, op, pk, b, a in rows]


def undo(store: "Store") -> Action | None:
    """Undo the newest action still in effect; returns it, or None when there is nothing to undo."""
    with store.transaction():
        row = next(iter(store.query("SELECT * FROM actions WHERE state = 'done' ORDER BY id DESC LIMIT 1")), None)
        if row is None:
            return None
        replayer = _Replayer(store)
        for change in _changes(store, row["id"], newest_first=True):
            replayer.undo_change(*change)
        store.conn.execute(
            "UPDATE actions SET state = 'undone', undone_at = ? WHERE id = ?", (utc_now(), row["id"])
        )
    return action_by_id(store, row["id"])


def redo(store: "Store") -> Action | None:
    """Redo the most recently undone action; returns it, or None when there is nothing to redo."""
    with store.transaction():
        row = next(
            iter(
                store.query(
                    # Undone actions are always the top of the stack, so the lowest is the latest undone.
                    "SELECT * FROM actions WHERE state = 'undone' ORDER BY id ASC LIMIT 1"
                )
            ),
            None,
        )
        if row is None:
            return None
        replayer = _Replayer(store)
        for change in _changes(store, row["id"], newest_first=False):
            replayer.redo_change(*change)
        store.conn.execute(
            "UPDATE actions SET state = 'done', redone_at = ? WHERE id = ?", (utc_now(), row["id"])
        )
    return action_by_id(store, row["id"])


def action_by_id(store: "Store", action_id: int) -> Action | None:
    row = next(iter(store.query("SELECT * FROM actions WHERE id = ?", [action_id])), None)
    return Action.from_row(row) if row else None


def history(store: "Store", limit: int = 50, kind_prefix: str | None = None) -> list[Action]:
    """Newest first, including undone actions (they can be redone) and discarded ones."""
    sql = "SELECT * FROM actions"
    params: list = []
    if kind_prefix:
        sql += " WHERE kind LIKE ?"
        params.append(f"{kind_prefix}%")
    sql += " ORDER BY id DESC LIMIT ?"
    params.append(limit)
    return [Action.from_row(r) for r in store.query(sql, params)]
