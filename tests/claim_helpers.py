"""Test set-up for the claims layer: articles, sources and entities written as the importers
and the entity layer would leave them."""

from __future__ import annotations

import hashlib
from pathlib import Path

from corpus.store import Store, utc_now

SAMPLE_ARTICLE = "articles/south-korea-weapons-wish-list.txt"


def add_source(store: Store, name: str) -> int:
    cursor = store.conn.execute("INSERT INTO sources (name, created_at) VALUES (?, ?)", [name, utc_now()])
    return cursor.lastrowid


def add_article(store: Store, body: str, *, title: str = "", source: str | None = None, url: str | None = None,
                published: str | None = None, duplicate_of: int | None = None) -> int:
    source_id = None
    if source is not None:
        source_id = store.scalar("SELECT id FROM sources WHERE name = ?", [source]) or add_source(store, source)
    cursor = store.conn.execute(
        "INSERT INTO articles (title, body, url, published, source_id, content_hash, duplicate_of, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [title, body, url, published, source_id,
         hashlib.sha256(f"{title}\n{body}\n{url}".encode()).hexdigest(), duplicate_of, utc_now()],
    )
    return cursor.lastrowid


def add_entity(store: Store, name: str, type_: str = "PERSON", merged_into: int | None = None) -> int:
    cursor = store.conn.execute(
        "INSERT INTO entities (name, type, created_at, merged_into) VALUES (?, ?, ?, ?)",
        [name, type_, utc_now(), merged_into],
    )
    return cursor.lastrowid


def sample_text(shared_samples: Path) -> str:
    return (shared_samples / SAMPLE_ARTICLE).read_text(encoding="utf-8")
