"""Opening a store: migrations applied once, nested transactions, and a quick open for reading."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from corpus.schema import MIGRATIONS
from corpus.store import Store


MIGRATIONS_DIR = Path(__file__).parent.parent / "corpus" / "schema"


def test_every_migration_is_named_after_its_file():
    # The store decides that a database is up to date from the file names alone.
    files = sorted(p.stem[1:] for p in MIGRATIONS_DIR.glob("m[0-9][0-9][0-9][0-9]_*.py"))
    assert files == [migration.name for migration in MIGRATIONS._migrations]


def test_a_database_missing_a_migration_gets_it(db_path):
    older = sqlite_utils.Database(db_path)
    MIGRATIONS.apply(older, stop_before="0003_claims")
    assert not older["claims"].exists()
    older.close()
    store = Store(db_path)
    assert store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'claims'") == 1
    assert store.scalar("SELECT count(*) FROM _sqlite_migrations WHERE name = '0003_claims'") == 1


def test_opening_an_up_to_date_database_does_not_load_sqlite_utils(db_path):
    Store(db_path).close()
    script = (
        "import sys; from corpus.store import Store; s = Store(sys.argv[1]);"
        " s.query('SELECT count(*) AS n FROM articles');"
        " print('sqlite_utils' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script, str(db_path)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_query_returns_rows_as_dicts(store):
    assert store.query("SELECT 1 AS one, 'x' AS letter") == [{"one": 1, "letter": "x"}]
    assert store.query("SELECT name FROM sources WHERE 0") == []


def test_a_failed_nested_transaction_rolls_back_only_its_own_part(store):
    with store.transaction():
        store.conn.execute("INSERT INTO sources (name, created_at) VALUES ('Outer', 'now')")
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.conn.execute("INSERT INTO sources (name, created_at) VALUES ('Inner', 'now')")
                raise RuntimeError("stop")
    assert [r["name"] for r in store.query("SELECT name FROM sources ORDER BY name")] == ["Outer"]


def test_a_failed_transaction_leaves_nothing(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.conn.execute("INSERT INTO sources (name, created_at) VALUES ('Gone', 'now')")
            raise RuntimeError("stop")
    assert store.query("SELECT name FROM sources") == []
    assert not store.conn.in_transaction
