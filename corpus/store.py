"""The corpus database: one SQLite file, opened with the settings every caller needs.

`Store` owns the connection. Domain modules take a `Store` and run their SQL through
`store.db` (a sqlite-utils `Database`); nothing in the TUI touches SQL.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    import sqlite_utils

DEFAULT_DB = "corpus.db"
DB_ENV_VAR = "CORPUS_DB"
# A CLI import and the TUI share one file: a writer waits this long for the other's lock.
BUSY_TIMEOUT_MS = 15_000


def default_db_path() -> str:
    return os.environ.get(DB_ENV_VAR) or DEFAULT_DB


def utc_now() -> str:
    """Timestamps are stored as ISO 8601 UTC text, which sorts and reads well in Datasette."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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
                isolation_level=None,  # autocommit; sqlite-utils' atomic() opens transactions
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            # Imported here, not on import: sqlite-utils loads numpy, which `corpus --help` never needs.
            import sqlite_utils

            from corpus.schema import MIGRATIONS

            self.db = sqlite_utils.Database(conn)
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
        return self.db.conn

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One atomic write: everything inside commits together or not at all.

        The outermost level takes the write lock up front (BEGIN IMMEDIATE) so that two
        processes never deadlock upgrading read transactions; nested levels are savepoints.
        """
        with self.write_lock:
            if self.conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def action(self, kind: str, summary: str):
        """Record an undoable analyst change; see `corpus.actions`."""
        from corpus.actions import ActionRecorder

        return ActionRecorder(self, kind, summary)

    def query(self, sql: str, params: tuple | list | dict = ()) -> list[dict]:
        return list(self.db.query(sql, params))

    def scalar(self, sql: str, params: tuple | list | dict = ()):
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None
