"""Claims with their attribution, suggested claims, tags, links, reliability ratings and notes.

Tags, links and notes attach to several kinds of item, so they name the item by type and id
(`item_type`, `item_id`); the domain modules check that the item exists. Claims point at
articles and entities with real foreign keys.
"""

from sqlite_utils import Database

from corpus.schema import MIGRATIONS


@MIGRATIONS(name="0003_claims")
def claims(db: Database) -> None:
    _claims(db)
    _suggestions(db)
    _tags(db)
    _links(db)
    _ratings_and_notes(db)


def _claims(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: exported ids stay unambiguous
            article_id INTEGER NOT NULL REFERENCES articles(id),
            quote TEXT NOT NULL,           -- the exact text of the span in the article body
            prefix TEXT NOT NULL DEFAULT '',  -- up to 32 characters before the span
            suffix TEXT NOT NULL DEFAULT '',  -- up to 32 characters after the span
            start INTEGER NOT NULL,        -- character offsets into articles.body
            [end] INTEGER NOT NULL,
            body_hash TEXT NOT NULL,       -- sha256 of the body the offsets refer to
            original_quote TEXT NOT NULL,  -- the quote as first marked (fuzzy re-anchoring may differ)
            anchor TEXT NOT NULL DEFAULT 'marked',  -- marked, exact, normalised, fuzzy, context, orphan
            orphan INTEGER NOT NULL DEFAULT 0,  -- 1 when the span could not be found in the new body
            speaker_entity_id INTEGER REFERENCES entities(id),
            speaker_descriptor TEXT,       -- the speaker when no entity is recorded: unnamed
                                           -- ("a source who requested anonymity") or a bare name
            speaker_text TEXT,             -- the surface form the article uses ("Yoon", "he")
            attribution TEXT,              -- the attribution wording ("Yoon said at a news conference")
            verb TEXT,                     -- reporting verb: said, warned, denied, according to...
            cited_outlet TEXT,             -- "according to Bloomberg"
            stance TEXT,                   -- asserts, confirms, denies, warns, speculates, declines
            credibility INTEGER CHECK (credibility BETWEEN 1 AND 6),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX claims_article ON claims(article_id, start)")
    db.execute("CREATE INDEX claims_speaker ON claims(speaker_entity_id)")


def _suggestions(db: Database) -> None:
    # Open suggestions are derived data, replaced on re-extraction; accepted and rejected ones
    # are the analyst's decisions and stay, so a rejected statement is never proposed again.
    db.execute(
        """
        CREATE TABLE claim_suggestions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            [end] INTEGER NOT NULL,
            quote TEXT NOT NULL,
            quote_key TEXT NOT NULL,       -- normalised quote: how decisions are recognised again
            pattern TEXT NOT NULL,         -- direct-quote, reported, according-to, no-comment, ...
            speaker_text TEXT,
            speaker_start INTEGER,         -- offsets of the named speaker (or the pronoun's antecedent)
            speaker_end INTEGER,
            speaker_entity_id INTEGER,
            speaker_descriptor TEXT,
            speaker_pronoun TEXT,          -- "he" when the speaker was resolved from a pronoun
            speaker_antecedent TEXT,       -- the full name a pronoun or bare surname refers to
            attribution TEXT,
            verb TEXT,
            cited_outlet TEXT,
            stance TEXT,
            confidence REAL NOT NULL DEFAULT 0.5,
            status TEXT NOT NULL DEFAULT 'open',  -- open, accepted, rejected
            claim_id INTEGER REFERENCES claims(id),
            created_at TEXT NOT NULL,
            decided_at TEXT
        )"""
    )
    db.execute("CREATE INDEX claim_suggestions_article ON claim_suggestions(article_id, status, start)")
    db.execute("CREATE INDEX claim_suggestions_key ON claim_suggestions(article_id, quote_key)")
    db.execute(
        """
        CREATE TABLE claim_suggestion_runs (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            analysed_at TEXT NOT NULL,
            candidates INTEGER NOT NULL
        )"""
    )


def _tags(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            item_type TEXT NOT NULL CHECK (item_type IN ('article', 'claim')),
            item_id INTEGER NOT NULL,
            tag TEXT NOT NULL COLLATE NOCASE,
            origin TEXT NOT NULL DEFAULT 'analyst' CHECK (origin IN ('analyst', 'derived')),
            derived_from TEXT,             -- what set a derived tag: suggestion, ...
            created_at TEXT NOT NULL,
            UNIQUE (item_type, item_id, tag, origin)
        )"""
    )
    db.execute("CREATE INDEX tags_tag ON tags(tag, item_type)")
    # Tags the program derives from the data itself are computed, so they can never go stale.
    db.execute(
        """
        CREATE VIEW all_tags AS
            SELECT item_type, item_id, tag, origin, derived_from FROM tags
            UNION ALL
            SELECT 'article', id, 'duplicate', 'derived', 'duplicates' FROM articles
                WHERE duplicate_of IS NOT NULL
            UNION ALL
            SELECT 'claim', id, 'orphan', 'derived', 'anchoring' FROM claims WHERE orphan = 1"""
    )


def _links(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE links (
            id INTEGER PRIMARY KEY,
            from_type TEXT NOT NULL CHECK (from_type IN ('article', 'claim', 'entity')),
            from_id INTEGER NOT NULL,
            relation TEXT NOT NULL,        -- repeats, corroborates, contradicts, cites, about,
                                           -- follow-up, duplicate-of, or a free entity relation
            to_type TEXT NOT NULL CHECK (to_type IN ('article', 'claim', 'entity')),
            to_id INTEGER NOT NULL,
            note TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (from_type, from_id, relation, to_type, to_id)
        )"""
    )
    db.execute("CREATE INDEX links_to ON links(to_type, to_id, relation, from_type, from_id)")


def _ratings_and_notes(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE reliability_ratings (
            id INTEGER PRIMARY KEY,
            target_type TEXT NOT NULL CHECK (target_type IN ('source', 'entity')),
            target_id INTEGER NOT NULL,
            grade TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D', 'E', 'F')),
            rated_at TEXT NOT NULL,
            UNIQUE (target_type, target_id)
        )"""
    )
    db.execute(
        """
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            item_type TEXT NOT NULL CHECK (item_type IN ('article', 'claim', 'entity')),
            item_id INTEGER NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (item_type, item_id)
        )"""
    )
