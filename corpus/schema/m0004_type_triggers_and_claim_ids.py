"""Two fixes for databases made before them: faster type triggers, claim ids never reused.

`0002_entities` and `0003_claims` were changed after databases had been made with them: the
type triggers now find an entity's members by index, and claim ids are AUTOINCREMENT. New
databases have both from those migrations; this one brings older databases to the same
schema, and changes nothing where they already are.

It runs outside the migrations' own transaction: rebuilding a table that other tables refer to
needs foreign keys off, which SQLite only allows between transactions.
"""

import re

from sqlite_utils import Database

from corpus.schema import MIGRATIONS
from corpus.schema.m0002_entities import TYPE_TRIGGERS, create_type_triggers

_CLAIMS_KEY, _CLAIMS_KEY_NEVER_REUSED = "id INTEGER PRIMARY KEY,", "id INTEGER PRIMARY KEY AUTOINCREMENT,"


@MIGRATIONS(name="0004_type_triggers_and_claim_ids", transactional=False)
def type_triggers_and_claim_ids(db: Database) -> None:
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for trigger in TYPE_TRIGGERS:
                conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            create_type_triggers(db)
            _claim_ids_never_reused(db)
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"foreign keys broken by the claims rebuild: {problems[:3]}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _claim_ids_never_reused(db: Database) -> None:
    """Rebuild `claims` as AUTOINCREMENT, ids, rows and indexes kept (SQLite's way to change a
    table's definition: a new table, the rows copied, the old one dropped, the new one renamed)."""
    conn = db.conn
    definition = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'claims'").fetchone()[0]
    if _CLAIMS_KEY not in definition:
        return  # AUTOINCREMENT already
    indexes = [row[0] for row in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claims' AND sql IS NOT NULL")]
    # The name as SQLite keeps it: as written, or quoted ("claims") once a table was renamed.
    rebuilt = re.sub(r'^CREATE TABLE\s+["`\[]?claims["`\]]?', "CREATE TABLE claims_rebuilt", definition, count=1)
    conn.execute(rebuilt.replace(_CLAIMS_KEY, _CLAIMS_KEY_NEVER_REUSED, 1))
    conn.execute("INSERT INTO claims_rebuilt SELECT * FROM claims")  # sqlite_sequence follows the ids
    conn.execute("DROP TABLE claims")
    # The view over claims (all_tags) is left as it is: it names `claims`, which the rename restores.
    conn.execute("PRAGMA legacy_alter_table = ON")
    try:
        conn.execute("ALTER TABLE claims_rebuilt RENAME TO claims")
    finally:
        conn.execute("PRAGMA legacy_alter_table = OFF")
    for index in indexes:
        conn.execute(index)
