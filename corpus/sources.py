"""Sources: the outlets articles come from (Kyiv Post, Reuters, a site's domain)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.store import Store


@dataclass(frozen=True)
class Source:
    id: int
    name: str
    domain: str | None
    article_count: int = 0


def source_name(given: str | None, domain: str | None) -> str | None:
    """The outlet's name as the input gives it, else its web domain."""
    name = " ".join((given or "").split())
    return name or domain or None


class SourceCache:
    """Finds or creates sources by name during an import, asking the database once per name."""

    def __init__(self, store: "Store"):
        self.store = store
        self._ids: dict[str, int] = {}

    def id_for(self, name: str | None, domain: str | None = None) -> int | None:
        if not name:
            return None
        key = name.casefold()
        if key not in self._ids:
            self._ids[key] = self._find_or_create(name, domain)
        return self._ids[key]

    def forget(self) -> None:
        """After a rolled-back transaction, ids created inside it no longer exist."""
        self._ids.clear()

    def _find_or_create(self, name: str, domain: str | None) -> int:
        conn = self.store.conn
        row = conn.execute("SELECT id, domain FROM sources WHERE name = ?", (name,)).fetchone()
        if row:
            if domain and not row[1]:
                conn.execute("UPDATE sources SET domain = ? WHERE id = ?", (domain, row[0]))
            return row[0]
        cursor = conn.execute(
            "INSERT INTO sources (name, domain, created_at) VALUES (?, ?, ?)", (name, domain, utc_now())
        )
        return cursor.lastrowid


def list_sources(store: "Store") -> list[Source]:
    """Every outlet with its number of articles, the largest first."""
    rows = store.conn.execute(
        "SELECT s.id, s.name, s.domain, COUNT(a.id) FROM sources s LEFT JOIN articles a ON a.source_id = s.id"
        " GROUP BY s.id ORDER BY COUNT(a.id) DESC, s.name"
    ).fetchall()
    return [Source(*row) for row in rows]
