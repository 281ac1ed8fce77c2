"""The corpus database: one SQLite file, opened with the settings every caller needs.

`Store` owns the connection. Domain modules take a `Store` and run their SQL through it
(`query`, `scalar`, `conn`, or `store.db`, a sqlite-utils `Database`); nothing in the TUI
touches SQL.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

if TYPE_CHECKING:
    import sqlite_utils

DEFAULT_DB = "corpus.db"
DB_ENV_VAR = "CORPUS_DB"
# A CLI import and the TUI share one file: a writer waits this long for the other's lock.
BUSY_TIMEOUT_MS = 15_000


def default_db_path() -> str:
    return os.environ.get(DB_ENV_VAR) or DEFAULT_DB


# Values per `IN (...)` list, well under the smallest limit on bound parameters of SQLite builds.
IN_LIST_SIZE = 500


def in_lists(values: Sequence, size: int = IN_LIST_SIZE) -> Iterator[Sequence]:
    """`values` in slices short enough for one `IN (...)` list each."""
    for start in range(0, len(values), size):
        yield values[start: start + size]


def placeholders(values: Sequence) -> str:
    """"?, ?, ?": one parameter mark per value, for an `IN (...)` list."""
    return ", ".join("?" for _ in values)


def utc_now() -> str:
    """Timestamps are stored as ISO 8601 UTC text, which sorts and reads well in Datasette."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_SCHEMA_DIR = Path(__file__).parent / "schema"
_SAVEPOINTS = itertools.count()  # names for nested transactions, unique in the process


def _schema_is_current(conn: sqlite3.Connection) -> bool:
    """Has every migration been applied? Answered without loading the migrations (and with them
    sqlite-utils): migration `mNNNN_name.py` registers itself as `NNNN_name`."""
    expected = {path.stem[1:] for path in _SCHEMA_DIR.glob("m[0-9][0-9][0-9][0-9]_*.py")}
    try:
        applied = {row[0] for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'corpus'")}
    except sqlite3.OperationalError:  # a new database: no migrations table yet
        return False
    return bool(expected) and expected <= applied


class StoreError(Exception):
    """A problem with the database file itself (unreadable, not SQLite, locked)."""


class Store:
    """An open corpus database with migrations applied."""

    def __init__(self, path: str | os.PathLike[str], *, check_same_thread: bool = True):
        self.path = Path(path)
        try:
            conn = sqlite3.connect(
                str(self.path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                check_same_thread=check_same_thread,
                isolation_level=None,  # autocommit; `transaction()` opens transactions
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it
            self._conn = conn
            self._db: sqlite_utils.Database | None = None
            if not _schema_is_current(conn):
                from corpus.schema import MIGRATIONS

                MIGRATIONS.apply(self.db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a corpus database ({exc})") from exc
        # Serialises writers that share this Store across threads (TUI workers).
        self.write_lock = threading.RLock()

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, **kwargs) -> "Store":
        return cls(path or default_db_path(), **kwargs)

    @property
    def conn(self) -> sqlite3.Connection:
        return self._conn

    @property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the connection, made on first use.

        Not at open: sqlite-utils loads numpy, a quarter of a second that reading (the
        workbench's start, `corpus search`) never needs.
        """
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self._conn)
        return self._db

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """One atomic write: everything inside commits together or not at all.

        The outermost level takes the write lock up front (BEGIN IMMEDIATE) so that two
        processes never deadlock upgrading read transactions; nested levels are savepoints.
        """
        with self.write_lock:
            conn = self._conn
            nested = conn.in_transaction
            savepoint = f"corpus_{next(_SAVEPOINTS)}"
            conn.execute(f"SAVEPOINT {savepoint}" if nested else "BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                # An error such as a RAISE(ROLLBACK) trigger can end the whole transaction,
                # savepoints included: then there is nothing left to roll back.
                if conn.in_transaction:
                    if nested:
                        conn.execute(f"ROLLBACK TO {savepoint}")
                        conn.execute(f"RELEASE {savepoint}")
                    else:
                        conn.execute("ROLLBACK")
                raise
            conn.execute(f"RELEASE {savepoint}" if nested else "COMMIT")

    def action(self, kind: str, summary: str):
        """Record an undoable analyst change; see `corpus.actions`."""
        from corpus.actions import ActionRecorder

        return ActionRecorder(self, kind, summary)

    def query(self, sql: str, params: tuple | list | dict = ()) -> list[dict]:
        cursor = self._conn.execute(sql, params)
        keys = [column[0] for column in cursor.description or ()]
        return [dict(zip(keys, row)) for row in cursor]

    def scalar(self, sql: str, params: tuple | list | dict = ()):
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None
