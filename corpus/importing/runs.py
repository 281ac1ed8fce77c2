"""Import runs: who imported what, when, with which result — one row per `corpus import`."""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.importing.inputs import ImportIssue
    from corpus.store import Store

RUNNING = "running"
FINISHED = "finished"
INTERRUPTED = "interrupted"

# What became of one article.
IMPORTED = "imported"
UPDATED = "updated"
EXACT_DUPLICATE = "exact_duplicate"
NEAR_DUPLICATE = "near_duplicate"


@dataclass
class ImportCounts:
    imported: int = 0  # new articles stored (near-duplicates included)
    updated: int = 0  # stored articles whose text a re-import replaced
    exact_duplicates: int = 0  # skipped
    near_duplicates: int = 0  # stored, marked as a copy of an earlier article
    failed: int = 0
    warnings: int = 0

    @property
    def stored(self) -> int:
        return self.imported + self.updated

    def record(self, status: str) -> None:
        if status == EXACT_DUPLICATE:
            self.exact_duplicates += 1
        elif status == UPDATED:
            self.updated += 1
        else:
            self.imported += 1
            if status == NEAR_DUPLICATE:
                self.near_duplicates += 1

    def record_issue(self, severity: str) -> None:
        if severity == "warning":
            self.warnings += 1
        else:
            self.failed += 1


@dataclass(frozen=True)
class ImportRun:
    id: int
    started_at: str
    finished_at: str | None
    command: str | None
    paths: list[str]
    options: dict[str, Any]
    user: str | None
    host: str | None
    status: str
    imported: int
    updated: int
    exact_duplicates: int
    near_duplicates: int
    failed: int
    warnings: int


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def mark_abandoned_runs(store: "Store") -> int:
    """Runs left 'running' by a process of this host that no longer exists were killed."""
    host = socket.gethostname()
    rows = store.conn.execute(
        "SELECT id, pid FROM import_runs WHERE status = ? AND host = ?", (RUNNING, host)
    ).fetchall()
    dead = [run_id for run_id, pid in rows if pid is None or not _alive(pid)]
    if dead:
        with store.transaction():
            store.conn.executemany(
                "UPDATE import_runs SET status = ? WHERE id = ?", [(INTERRUPTED, run_id) for run_id in dead]
            )
    return len(dead)


def start_run(store: "Store", paths: list[str], options: dict[str, Any], command: str | None = None) -> int:
    mark_abandoned_runs(store)
    with store.transaction():
        cursor = store.conn.execute(
            "INSERT INTO import_runs (started_at, command, paths, options, user, host, pid, status)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (utc_now(), command, json.dumps(paths, ensure_ascii=False), json.dumps(options, ensure_ascii=False),
             _user(), socket.gethostname(), os.getpid(), RUNNING),
        )
    return cursor.lastrowid


def save_counts(store: "Store", run_id: int, counts: ImportCounts) -> None:
    values = asdict(counts)
    sets = ", ".join(f"{name} = ?" for name in values)
    store.conn.execute(f"UPDATE import_runs SET {sets} WHERE id = ?", [*values.values(), run_id])


def record_issue(store: "Store", run_id: int, issue: "ImportIssue") -> None:
    store.conn.execute(
        "INSERT INTO import_errors (import_run_id, origin, reason, severity) VALUES (?, ?, ?, ?)",
        (run_id, issue.origin, issue.reason, issue.severity),
    )


def finish_run(store: "Store", run_id: int, counts: ImportCounts, status: str) -> None:
    with store.transaction():
        save_counts(store, run_id, counts)
        store.conn.execute(
            "UPDATE import_runs SET status = ?, finished_at = ? WHERE id = ?", (status, utc_now(), run_id)
        )


def list_runs(store: "Store", limit: int = 20) -> list[ImportRun]:
    rows = store.query(
        "SELECT id, started_at, finished_at, command, paths, options, user, host, status, imported, updated,"
        " exact_duplicates, near_duplicates, failed, warnings FROM import_runs ORDER BY id DESC LIMIT ?",
        [limit],
    )
    for row in rows:
        row["paths"] = json.loads(row["paths"] or "[]")
        row["options"] = json.loads(row["options"] or "{}")
    return [ImportRun(**row) for row in rows]


def run_issues(store: "Store", run_id: int) -> list[tuple[str, str, str]]:
    """(origin, reason, severity) of every issue of a run, in the order they happened."""
    return store.conn.execute(
        "SELECT origin, reason, severity FROM import_errors WHERE import_run_id = ? ORDER BY id", (run_id,)
    ).fetchall()
