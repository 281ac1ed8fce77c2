"""Sources, articles with their full-text index, import runs and the analyst action log."""

from sqlite_utils import Database

from corpus.schema import MIGRATIONS


@MIGRATIONS(name="0001_foundation")
def foundation(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            domain TEXT,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE import_runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            command TEXT,
            paths TEXT,              -- JSON list of what was asked for
            user TEXT,
            host TEXT,
            status TEXT NOT NULL DEFAULT 'running',  -- running, finished, interrupted
            imported INTEGER NOT NULL DEFAULT 0,
            exact_duplicates INTEGER NOT NULL DEFAULT 0,
            near_duplicates INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            errors TEXT              -- JSON list of {origin, reason}
        )"""
    )
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL,
            original_text TEXT,
            url TEXT,
            canonical_url TEXT,
            author TEXT,
            published TEXT,          -- ISO 8601 date or datetime, as precise as the input
            language TEXT,
            source_id INTEGER REFERENCES sources(id),
            content_hash TEXT NOT NULL UNIQUE,
            origin TEXT,             -- where it came from: path, path:line, feed entry id
            format TEXT,             -- the importer that read it
            summary_only INTEGER NOT NULL DEFAULT 0,
            word_count INTEGER NOT NULL DEFAULT 0,
            duplicate_of INTEGER REFERENCES articles(id),
            duplicate_similarity REAL,
            metadata TEXT,           -- JSON: anything else the importer found
            imported_at TEXT NOT NULL,
            import_run_id INTEGER REFERENCES import_runs(id)
        )"""
    )
    db.execute("CREATE INDEX articles_canonical_url ON articles(canonical_url)")
    db.execute("CREATE INDEX articles_published ON articles(published)")
    db.execute("CREATE INDEX articles_source ON articles(source_id)")
    db.execute("CREATE INDEX articles_duplicate_of ON articles(duplicate_of)")
    db["articles"].enable_fts(
        ["title", "body"], create_triggers=True, tokenize="porter unicode61 remove_diacritics 2"
    )
    _action_log(db)


def _action_log(db: Database) -> None:
    # Every analyst change is one action made of row changes, so one undo/redo serves all kinds.
    db.execute(
        """
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,      -- e.g. tag.add, claim.create, entity.decide
            summary TEXT NOT NULL,   -- one line a person can read in the history
            created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'done',  -- done, undone, discarded (undone then superseded)
            undone_at TEXT,
            redone_at TEXT
        )"""
    )
    db.execute(
        """
        CREATE TABLE action_changes (
            id INTEGER PRIMARY KEY,
            action_id INTEGER NOT NULL REFERENCES actions(id),
            seq INTEGER NOT NULL,
            table_name TEXT NOT NULL,
            op TEXT NOT NULL,        -- insert, update, delete, append
            pk TEXT NOT NULL,        -- JSON object of primary-key columns
            before TEXT,             -- JSON of the changed columns before (update, delete)
            after TEXT               -- JSON of the changed columns after (insert, update, append)
        )"""
    )
    db.execute("CREATE INDEX action_changes_action ON action_changes(action_id, seq)")
    db.execute("CREATE INDEX actions_state ON actions(state, id)")
