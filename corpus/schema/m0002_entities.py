"""Entities, their aliases, the mentions spaCy found, merge decisions and extraction state.

A mention points at an alias (one automatic identity key), an alias at the entity it was first
found as, and an entity at the canonical entity it was merged into (`merged_into`, always a
root, never a chain). So merging or splitting touches one row per merged entity, and the
`mention_entities` view resolves every mention to its current canonical entity.
"""

from sqlite_utils import Database

from corpus.schema import MIGRATIONS


@MIGRATIONS(name="0002_entities")
def entities(db: Database) -> None:
    _entities_and_aliases(db)
    _mentions(db)
    _decisions_and_candidates(db)
    _type_triggers(db)
    _view(db)


def _entities_and_aliases(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,                  -- PERSON, ORG, GPE, LOC, NORP, FAC, ...
            type_source TEXT NOT NULL DEFAULT 'model',  -- model (most credible label) or analyst
            name_source TEXT NOT NULL DEFAULT 'model',  -- model (first surface form) or analyst
            created_at TEXT NOT NULL,
            merged_into INTEGER REFERENCES entities(id),  -- NULL for a canonical entity
            mention_count INTEGER NOT NULL DEFAULT 0       -- mentions through its own aliases
        )"""
    )
    db.execute("CREATE INDEX entities_merged_into ON entities(merged_into)")
    db.execute("CREATE INDEX entities_name ON entities(name COLLATE NOCASE)")
    db.execute(
        """
        CREATE TABLE aliases (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            name TEXT NOT NULL,                  -- display form of the name
            key TEXT NOT NULL UNIQUE,            -- automatic identity key (corpus.entities.normalise)
            origin TEXT NOT NULL DEFAULT 'extracted',  -- extracted or analyst
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX aliases_entity ON aliases(entity_id)")


def _mentions(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,              -- character offsets into articles.body
            [end] INTEGER NOT NULL,
            text TEXT NOT NULL,                  -- the name as written, without "the" or possessive
            label TEXT NOT NULL,                 -- the model's label: a hint, not identity
            sentence INTEGER NOT NULL,           -- index into extraction_state.sentences
            alias_id INTEGER NOT NULL REFERENCES aliases(id),
            resolved_by TEXT NOT NULL DEFAULT 'name'  -- name, partial (surname in the article), ruler
        )"""
    )
    db.execute("CREATE INDEX mentions_article ON mentions(article_id, start)")
    db.execute("CREATE INDEX mentions_alias ON mentions(alias_id)")
    db.execute(
        """
        CREATE TABLE extraction_state (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            body_hash TEXT NOT NULL,             -- sha256 of the body that was extracted
            pipeline TEXT NOT NULL,
            pipeline_version TEXT NOT NULL,
            extracted_at TEXT NOT NULL,
            sentences TEXT NOT NULL,             -- JSON [[start, end], ...] from the parser
            mention_count INTEGER NOT NULL DEFAULT 0
        )"""
    )


def _decisions_and_candidates(db: Database) -> None:
    # Analyst decisions are append-only: a new verdict on a pair retracts the old row, undo
    # retracts the new one; nothing is deleted, so the history of every pair stays readable.
    db.execute(
        """
        CREATE TABLE entity_decisions (
            id INTEGER PRIMARY KEY,
            left_id INTEGER NOT NULL REFERENCES entities(id),   -- left_id < right_id
            right_id INTEGER NOT NULL REFERENCES entities(id),
            verdict TEXT NOT NULL CHECK (verdict IN ('same', 'different', 'unsure')),
            decided_by TEXT NOT NULL DEFAULT 'analyst',  -- analyst, or auto (threshold)
            score REAL,                          -- candidate score when decided, if any
            decided_at TEXT NOT NULL,
            retracted_at TEXT
        )"""
    )
    db.execute("CREATE INDEX entity_decisions_pair ON entity_decisions(left_id, right_id)")
    db.execute("CREATE INDEX entity_decisions_right ON entity_decisions(right_id)")
    # Derived: recomputed when names change; decisions, not this table, are the record.
    db.execute(
        """
        CREATE TABLE entity_candidates (
            left_id INTEGER NOT NULL REFERENCES entities(id),
            right_id INTEGER NOT NULL REFERENCES entities(id),
            left_name TEXT NOT NULL,
            right_name TEXT NOT NULL,
            score REAL NOT NULL,
            explanation TEXT NOT NULL,
            PRIMARY KEY (left_id, right_id)
        )"""
    )
    db.execute("CREATE INDEX entity_candidates_score ON entity_candidates(score DESC)")
    db.execute(
        """
        CREATE TABLE entity_candidate_runs (
            id INTEGER PRIMARY KEY,
            computed_at TEXT NOT NULL,
            alias_fingerprint TEXT NOT NULL,     -- which names the candidates were computed from
            threshold REAL NOT NULL,
            names INTEGER NOT NULL,
            pairs INTEGER NOT NULL,
            seconds REAL NOT NULL
        )"""
    )


# The type of a canonical entity is its cluster's most frequent model label (ties to the more
# specific label) unless the analyst set one. Triggers keep it current whoever changes the
# cluster or its votes, so undo and redo of merges need no extra step.
_LABEL_RANK = " ".join(
    f"WHEN '{label}' THEN {rank}"
    for rank, label in enumerate(("PERSON", "GPE", "LOC", "ORG", "FAC", "NORP", "EVENT", "PRODUCT",
                                  "WORK_OF_ART", "LAW", "LANGUAGE"))
)


def _retype(root: str) -> str:
    # The root and its members are found by key and by index: testing COALESCE(merged_into, id)
    # instead would scan every entity each time a mention is saved.
    return f"""
        UPDATE entities SET type = COALESCE((
            SELECT l.label FROM entity_label_counts l
            WHERE l.entity_id IN (SELECT {root} UNION ALL
                                  SELECT id FROM entities WHERE merged_into = {root})
            GROUP BY l.label HAVING SUM(l.mentions) > 0
            ORDER BY SUM(l.mentions) DESC, CASE l.label {_LABEL_RANK} ELSE 99 END LIMIT 1), type)
        WHERE id = {root} AND type_source = 'model' AND merged_into IS NULL;"""


def _type_triggers(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE entity_label_counts (
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            label TEXT NOT NULL,
            mentions INTEGER NOT NULL,           -- mentions through the entity's own aliases
            PRIMARY KEY (entity_id, label)
        )"""
    )
    create_type_triggers(db)


# The triggers that keep each canonical entity's type the label most of its mentions carry.
TYPE_TRIGGERS = ("entity_label_counts_insert", "entity_label_counts_update", "entities_merged",
                 "entities_type_released")


def create_type_triggers(db: Database) -> None:
    root_of_new = "(SELECT COALESCE(merged_into, id) FROM entities WHERE id = NEW.entity_id)"
    for event in ("INSERT", "UPDATE"):
        db.execute(
            f"CREATE TRIGGER entity_label_counts_{event.lower()} AFTER {event} ON entity_label_counts"
            f" BEGIN {_retype(root_of_new)} END"
        )
    db.execute(
        "CREATE TRIGGER entities_merged AFTER UPDATE OF merged_into ON entities BEGIN"
        f" {_retype('COALESCE(NEW.merged_into, NEW.id)')} {_retype('COALESCE(OLD.merged_into, OLD.id)')}"
        f" {_retype('NEW.id')} END"
    )
    db.execute(
        "CREATE TRIGGER entities_type_released AFTER UPDATE OF type_source ON entities"
        f" WHEN NEW.type_source = 'model' BEGIN {_retype('NEW.id')} END"
    )


def _view(db: Database) -> None:
    db.execute(
        """
        CREATE VIEW mention_entities AS
        SELECT m.id AS mention_id, m.article_id, m.start, m.[end], m.text, m.label, m.sentence,
               root.id AS entity_id, root.name AS entity_name, root.type AS entity_type
        FROM mentions m
        JOIN aliases a ON a.id = m.alias_id
        JOIN entities own ON own.id = a.entity_id
        JOIN entities root ON root.id = COALESCE(own.merged_into, own.id)"""
    )
