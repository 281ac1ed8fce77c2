"""Test set-up for the entity layer: articles inserted as the importers leave them, extracted
with the real spaCy pipeline."""

from __future__ import annotations

import hashlib
import pytest
from conftest import SHARED_SAMPLES

from corpus.entities import extraction
from corpus.entities.queries import resolve
from corpus.store import Store, utc_now

SAMPLE_ARTICLE = SHARED_SAMPLES / "articles" / "south-korea-weapons-wish-list.txt"
KYIV_ARTICLE = (
    "Russian drones struck Kyiv overnight, the city's military administration said on Tuesday. "
    "Air defences shot down most of them over Kyiv, according to Ukraine's air force. "
    "In Kharkiv, officials reported damage to an energy facility."
)


def add_article(store: Store, body: str, title: str = "", published: str | None = None) -> int:
    return store.conn.execute(
        "INSERT INTO articles (title, body, published, content_hash, imported_at) VALUES (?, ?, ?, ?, ?)",
        (title, body, published, hashlib.sha256(f"{title}\n{body}".encode()).hexdigest(), utc_now()),
    ).lastrowid


def sample_text() -> str:
    if not SAMPLE_ARTICLE.is_file():
        pytest.skip(f"shared samples not found at {SHARED_SAMPLES}")
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


def extract(store: Store, **kwargs) -> extraction.ExtractionReport:
    kwargs.setdefault("processors", None)
    return extraction.extract(store, **kwargs)


def entity_of(store: Store, name: str) -> int:
    return resolve(store, name)


def mention_texts(store: Store, entity_id: int) -> list[str]:
    rows = store.conn.execute("SELECT text FROM mention_entities WHERE entity_id = ? ORDER BY article_id, start",
                              (entity_id,))
    return [r[0] for r in rows]
