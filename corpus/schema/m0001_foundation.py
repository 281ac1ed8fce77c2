"""Sources, articles with their full-text index, import runs, the near-duplicate index and
decisions, and the analyst action log."""

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
            options TEXT,            -- JSON: format, source, field map, size limit
            user TEXT,
            host TEXT,
            pid INTEGER,             -- lets a later run tell a killed run from a live one
            status TEXT NOT NULL DEFAULT 'running',  -- running, finished, interrupted
            imported INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            exact_duplicates INTEGER NOT NULL DEFAULT 0,
            near_duplicates INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            warnings INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """
        CREATE TABLE import_errors (
            id INTEGER PRIMARY KEY,
            import_run_id INTEGER NOT NULL REFERENCES import_runs(id),
            origin TEXT NOT NULL,    -- path, path:line or path#entry
            reason TEXT NOT NULL,
            severity TEXT NOT NULL DEFAULT 'error'  -- error (counted as failed) or warning
        )"""
    )
    db.execute("CREATE INDEX import_errors_run ON import_errors(import_run_id)")
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
            content_hash TEXT NOT NULL UNIQUE,   -- of the normalised clean body: exact duplicates
            original_hash TEXT,      -- of the text as read: the same input coming back
            origin TEXT,             -- where it came from: path, path:line, feed entry id
            format TEXT,             -- the importer that read it
            summary_only INTEGER NOT NULL DEFAULT 0,
            word_count INTEGER NOT NULL DEFAULT 0,
            duplicate_of INTEGER REFERENCES articles(id),
            duplicate_similarity REAL,
            metadata TEXT,           -- JSON: anything else the importer found
            imported_at TEXT NOT NULL,
            updated_at TEXT,         -- when a re-import last replaced the body
            import_run_id INTEGER REFERENCES import_runs(id)
        )"""
    )
    db.execute("CREATE INDEX articles_original_hash ON articles(original_hash)")
    # Partial indexes where most rows have no value: an import pays nothing for those rows.
    db.execute("CREATE INDEX articles_canonical_url ON articles(canonical_url) WHERE canonical_url IS NOT NULL")
    db.execute("CREATE INDEX articles_published ON articles(published)")
    db.execute("CREATE INDEX articles_source ON articles(source_id)")
    db.execute("CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL")
    db["articles"].enable_fts(
        ["title", "body"], create_triggers=True, tokenize="porter unicode61 remove_diacritics 2"
    )
    _duplicates(db)
    _action_log(db)


def _duplicates(db: Database) -> None:
    # The MinHash signature of each article, to estimate a candidate's similarity cheaply.
    db.execute(
        """
        CREATE TABLE article_minhash (
            article_id INTEGER PRIMARY KEY,
            signature BLOB NOT NULL  -- 48 little-endian uint32 (corpus.fingerprints)
        )"""
    )
    # Near-duplicate candidates: one row per LSH band of each article's signature, kept in SQL
    # so that finding candidates needs no index in memory and works across import runs.
    db.execute(
        """
        CREATE TABLE article_lsh (
            bucket INTEGER NOT NULL, -- band number and that band's hash values, hashed to 64 bits
            article_id INTEGER NOT NULL,
            PRIMARY KEY (bucket, article_id)
        ) WITHOUT ROWID"""
    )
    # Analyst decisions on a pair of articles, superseded by newer rows, never deleted.
    db.execute(
        """
        CREATE TABLE duplicate_decisions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),  -- the later article of the pair
            other_id INTEGER NOT NULL REFERENCES articles(id),    -- the earlier one
            decision TEXT NOT NULL,  -- duplicate, not_duplicate or unsure (put off)
            similarity REAL,         -- Jaccard similarity of the pair when decided
            decided_at TEXT NOT NULL,
            retracted_at TEXT        -- set when the analyst clears the decision
        )"""
    )
    db.execute("CREATE INDEX duplicate_decisions_pair ON duplicate_decisions(article_id, other_id)")
    db.execute("CREATE INDEX duplicate_decisions_other ON duplicate_decisions(other_id)")


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
