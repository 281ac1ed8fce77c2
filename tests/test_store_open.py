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


def _as_made_before_0004(path) -> None:
    """Turn a current database back into one made before 0004: claims without AUTOINCREMENT and a
    type trigger in its old, scanning form, and 0004 not yet recorded."""
    conn = sqlite3.connect(path, isolation_level=None)
    definition = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'claims'").fetchone()[0]
    indexes = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claims'")]
    conn.execute("BEGIN")
    conn.execute(definition.replace("CREATE TABLE claims", "CREATE TABLE old_claims")
                 .replace("PRIMARY KEY AUTOINCREMENT", "PRIMARY KEY"))
    conn.execute("INSERT INTO old_claims SELECT * FROM claims")
    conn.execute("DROP TABLE claims")
    conn.execute("PRAGMA legacy_alter_table = ON")
    conn.execute("ALTER TABLE old_claims RENAME TO claims")
    for index in indexes:
        conn.execute(index)
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'claims'")
    conn.execute("DROP TRIGGER entities_type_released")
    conn.execute("""CREATE TRIGGER entities_type_released AFTER UPDATE OF type_source ON entities
                    WHEN NEW.type_source = 'model' BEGIN
                    UPDATE entities SET type = type WHERE id IN (SELECT id FROM entities e
                        WHERE COALESCE(e.merged_into, e.id) = NEW.id); END""")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_type_triggers_and_claim_ids'")
    conn.execute("COMMIT")
    conn.close()


def test_an_older_database_gets_never_reused_claim_ids_and_the_indexed_type_triggers(db_path):
    from claim_helpers import add_article

    from corpus.claims import create_claim, delete_claim

    with Store(db_path) as store:
        article = add_article(store, "Yoon warned that his country could adjust its strategy. Yoon said it twice.")
        first = create_claim(store, article, quote="could adjust its strategy")
        last = create_claim(store, article, quote="Yoon said it twice")
    _as_made_before_0004(db_path)
    with Store(db_path) as store:
        assert "AUTOINCREMENT" in store.scalar("SELECT sql FROM sqlite_master WHERE name = 'claims'")
        assert "UNION ALL" in store.scalar("SELECT sql FROM sqlite_master WHERE name = 'entities_type_released'")
        assert [r["id"] for r in store.query("SELECT id FROM claims ORDER BY id")] == [first, last]
        assert store.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claims'") == 2
        assert store.query("PRAGMA foreign_key_check") == []
        store.query("SELECT * FROM all_tags")  # the view over claims still reads
        delete_claim(store, last)
        assert create_claim(store, article, quote="Yoon warned") > last
