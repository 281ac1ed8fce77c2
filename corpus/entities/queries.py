"""Reads for the command line and the workbench: entities, their mentions in context, lookups."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz import fuzz, process

from corpus.entities.normalise import identity_key
from corpus.entities.scoring import SHORT_NAME_LETTERS as SHORT_WORD
from corpus.entities.scoring import TRANSLIT_WEIGHT, name_info
from corpus.entities.translit import translit_key

if TYPE_CHECKING:
    from corpus.store import Store


class EntityNotFound(LookupError):
    """No entity answers to the given id or name."""


@dataclass(frozen=True)
class EntityRow:
    id: int
    name: str
    type: str
    mentions: int
    articles: int
    aliases: list[str]
    merged_ids: list[int]


@dataclass(frozen=True)
class MentionContext:
    mention_id: int
    article_id: int
    article_title: str
    text: str  # the name as written
    label: str
    start: int  # offsets of the name in the article body
    end: int
    sentence: str  # the sentence around it
    name_start: int  # offsets of the name within `sentence`, for highlighting
    name_end: int
    entity_id: int  # the entity owning the alias (a member, for merged entities)


@dataclass(frozen=True)
class ArticleMention:
    mention_id: int
    start: int
    end: int
    text: str
    label: str
    sentence: int
    entity_id: int
    entity_name: str
    entity_type: str


@dataclass
class EntityDetail:
    entity: EntityRow
    type_source: str
    name_source: str
    aliases: list[dict] = field(default_factory=list)  # name, origin, entity_id, mentions
    members: list[dict] = field(default_factory=list)  # id, name, type, mentions
    surface_forms: list[tuple[str, int]] = field(default_factory=list)
    mentions: list[MentionContext] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)  # id, title, mentions


def canonical_id(store: "Store", entity_id: int) -> int | None:
    """The canonical entity an entity id now belongs to (itself unless merged); None if unknown."""
    row = store.conn.execute("SELECT COALESCE(merged_into, id) FROM entities WHERE id = ?",
                             (entity_id,)).fetchone()
    return row[0] if row else None


def article_sentences(store: "Store", article_id: int) -> list[tuple[int, int]] | None:
    """The parser's sentences of an article, or None if not extracted or its body changed since."""
    from corpus.entities.extraction import body_hash

    row = store.conn.execute(
        "SELECT s.sentences, s.body_hash, a.body FROM extraction_state s JOIN articles a ON a.id = s.article_id"
        " WHERE s.article_id = ?", (article_id,)).fetchone()
    if row is None or body_hash(row[2]) != row[1]:
        return None
    return [tuple(span) for span in json.loads(row[0])]


def resolve(store: "Store", ref: str | int) -> int:
    """An entity reference as a user types it: an id (`12` or `#12`) or any of its names."""
    text = str(ref).strip()
    if text.lstrip("#").isdigit():
        found = canonical_id(store, int(text.lstrip("#")))
        if found is None:
            raise EntityNotFound(f"no entity #{text.lstrip('#')}")
        return found
    row = store.conn.execute("SELECT entity_id FROM aliases WHERE key = ?", (identity_key(text),)).fetchone()
    if row:
        return canonical_id(store, row[0])
    row = store.conn.execute(
        "SELECT id FROM entities WHERE name = ? COLLATE NOCASE AND merged_into IS NULL", (text,)).fetchone()
    if row:
        return row[0]
    close = [f"{m['name']} (#{m['id']})" for m in close_names(store, text)]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise EntityNotFound(f"no entity named {text!r}{hint}")


SUGGESTED_NAMES = 3
CLOSE_NAME = 0.8  # similarity from which a name is offered as the one meant
CLOSE_WORD = 0.85  # similarity from which a word of a name counts as a typed word
WORDS_ONLY_WEIGHT = 0.95  # a name matched word by word ranks below a whole name as alike


def close_names(store: "Store", text: str, limit: int = SUGGESTED_NAMES) -> list[dict]:
    """Canonical entities with a name close to a mistyped one, best first ("did you mean").

    A name is close when it is alike as a whole (spelling or transliteration: Kyivv, Kiyv), or
    when it is a person's that begins or ends with words alike to the typed ones (Zelenskyy ->
    Volodymyr Zelensky, Yoonn -> Yoon Suk Yeol: a surname alone names the person, while a word
    of a place or an organisation does not name it). Names that only share a fragment are not
    offered.
    """
    key = identity_key(text)
    if not key:
        return []
    rows = _aliases_with_roots(store)
    keys = [r.key for r in rows]
    scored: dict[int, float] = {}

    def offer(index: int, score: float) -> None:
        root = rows[index].root
        scored[root] = max(scored.get(root, 0.0), score)

    cutoff = CLOSE_NAME * 100
    for _, score, index in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
        offer(index, score / 100)
    typed = name_info(text)
    if not typed.is_short:  # acronyms keep their letters in the key; short names are spelt (see scoring)
        translit = [" ".join(name_info(r.alias_name).tr_tokens) for r in rows]
        for _, score, index in process.extract(" ".join(typed.tr_tokens), translit, scorer=fuzz.ratio,
                                               score_cutoff=cutoff / TRANSLIT_WEIGHT, limit=None):
            offer(index, TRANSLIT_WEIGHT * score / 100)
    people = [i for i, r in enumerate(rows) if r.root_type == "PERSON"]
    for index, score in _word_matches(key.split(), [keys[i] for i in people]).items():
        offer(people[index], WORDS_ONLY_WEIGHT * score)
    info = {r.root: r for r in rows}
    best = sorted(scored, key=lambda root: (-scored[root], -(info[root].mentions or 0), root))[:limit]
    return [dict(id=root, name=info[root].root_name, score=round(scored[root], 3)) for root in best]


def _word_matches(typed: list[str], keys: list[str]) -> dict[int, float]:
    """Indexes of longer names that begin or end with words alike to the typed ones (as a surname,
    or a family name written first, begins or ends a person's name), with the weakest word's score."""
    known = {w for k in keys for w in k.split()}
    vocabulary = sorted(known)
    near: list[dict[str, float]] = []
    for word in typed:
        found = {word: 1.0} if word in known else {}
        if len(word) > SHORT_WORD:  # a short word matches only itself: most short words are alike
            for other, score, _ in process.extract(word, vocabulary, scorer=fuzz.ratio,
                                                   score_cutoff=CLOSE_WORD * 100, limit=None):
                found[other] = max(found.get(other, 0.0), score / 100)
        if not found:
            return {}
        near.append(found)
    n = len(typed)
    matches = {}
    for index, k in enumerate(keys):
        words = k.split()
        if len(words) <= n:
            continue  # as long as the typed name: judged as a whole
        for part in (words[:n], words[-n:]):
            score = min(found.get(w, 0.0) for found, w in zip(near, part))
            if score:
                matches[index] = max(matches.get(index, 0.0), score)
    return matches


_ROOT_COUNTS = """
    SELECT COALESCE(e.merged_into, e.id) AS root, SUM(e.mention_count) AS mentions,
           json_group_array(e.id) AS member_ids
    FROM entities e GROUP BY root"""


def _filters(entity_type: str | None, search: str | None) -> tuple[str, list]:
    clauses, params = ["r.merged_into IS NULL"], []
    if entity_type:
        clauses.append("r.type = ?")
        params.append(entity_type.upper())
    if search:
        clauses.append(
            "(r.name LIKE ? OR EXISTS (SELECT 1 FROM aliases a JOIN entities m ON m.id = a.entity_id"
            " WHERE COALESCE(m.merged_into, m.id) = r.id AND (a.name LIKE ? OR a.key LIKE ?)))")
        like = f"%{search}%"
        params += [like, like, f"%{identity_key(search)}%"]
    return " AND ".join(clauses), params


def list_entities(store: "Store", entity_type: str | None = None, search: str | None = None,
                  limit: int = 50, offset: int = 0) -> list[EntityRow]:
    """Canonical entities, most mentioned first; filter by type and by (any alias of the) name."""
    where, params = _filters(entity_type, search)
    rows = store.conn.execute(
        f"""WITH counts AS ({_ROOT_COUNTS})
            SELECT r.id, r.name, r.type, counts.mentions, counts.member_ids
            FROM entities r JOIN counts ON counts.root = r.id
            WHERE {where} ORDER BY counts.mentions DESC, r.name COLLATE NOCASE, r.id LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    ).fetchall()
    return [_row(store, *row) for row in rows]


def count_entities(store: "Store", entity_type: str | None = None, search: str | None = None) -> int:
    where, params = _filters(entity_type, search)
    return store.scalar(f"SELECT COUNT(*) FROM entities r WHERE {where}", params)


def _row(store: "Store", entity_id: int, name: str, entity_type: str, mentions: int, members: str) -> EntityRow:
    member_ids = sorted(json.loads(members))
    marks = ", ".join("?" for _ in member_ids)
    aliases = [r[0] for r in store.conn.execute(
        f"SELECT name FROM aliases WHERE entity_id IN ({marks}) ORDER BY id", member_ids)]
    articles = store.scalar(
        f"""SELECT COUNT(DISTINCT m.article_id) FROM mentions m JOIN aliases a ON a.id = m.alias_id
            WHERE a.entity_id IN ({marks})""", member_ids)
    return EntityRow(entity_id, name, entity_type, mentions or 0, articles or 0, aliases,
                     [i for i in member_ids if i != entity_id])


def get_entity(store: "Store", entity_id: int) -> EntityRow:
    root = canonical_id(store, entity_id)
    if root is None:
        raise EntityNotFound(f"no entity #{entity_id}")
    row = store.conn.execute(
        """SELECT r.id, r.name, r.type, SUM(e.mention_count), json_group_array(e.id)
           FROM entities r JOIN entities e ON COALESCE(e.merged_into, e.id) = r.id WHERE r.id = ?""",
        (root,)).fetchone()
    return _row(store, *row)


def mention_contexts(store: "Store", entity_id: int, limit: int = 20, offset: int = 0,
                     own_only: bool = False) -> list[MentionContext]:
    """Mentions with their sentence; of the whole canonical entity unless `own_only`."""
    root = entity_id if own_only else canonical_id(store, entity_id)
    which = "a.entity_id = ?" if own_only else "COALESCE(e.merged_into, e.id) = ?"
    rows = store.conn.execute(
        f"""SELECT m.id, m.article_id, ar.title, m.text, m.label, m.start, m.[end], m.sentence,
                   ar.body, s.sentences, a.entity_id
            FROM mentions m JOIN aliases a ON a.id = m.alias_id JOIN entities e ON e.id = a.entity_id
            JOIN articles ar ON ar.id = m.article_id
            LEFT JOIN extraction_state s ON s.article_id = m.article_id
            WHERE {which} ORDER BY m.article_id, m.start LIMIT ? OFFSET ?""",
        (root, limit, offset),
    ).fetchall()
    return [_context(*row) for row in rows]


def _context(mention_id, article_id, title, text, label, start, end, index, body, sentences, entity_id):
    spans = json.loads(sentences) if sentences else []
    s_start, s_end = spans[index] if 0 <= index < len(spans) else (max(0, start - 80), min(len(body), end + 80))
    s_start, s_end = min(s_start, start), max(s_end, end)
    return MentionContext(mention_id, article_id, title or "", text, label, start, end,
                          body[s_start:s_end], start - s_start, end - s_start, entity_id)


def entity_detail(store: "Store", entity_id: int, mention_limit: int = 20) -> EntityDetail:
    entity = get_entity(store, entity_id)
    sources = store.conn.execute("SELECT type_source, name_source FROM entities WHERE id = ?",
                                 (entity.id,)).fetchone()
    ids = [entity.id, *entity.merged_ids]
    marks = ", ".join("?" for _ in ids)
    detail = EntityDetail(entity, *sources)
    detail.aliases = [dict(name=n, origin=o, entity_id=e, mentions=c) for n, o, e, c in store.conn.execute(
        f"""SELECT a.name, a.origin, a.entity_id, (SELECT COUNT(*) FROM mentions m WHERE m.alias_id = a.id)
            FROM aliases a WHERE a.entity_id IN ({marks}) ORDER BY a.id""", ids)]
    detail.members = [dict(id=i, name=n, type=t, mentions=c) for i, n, t, c in store.conn.execute(
        f"SELECT id, name, type, mention_count FROM entities WHERE id IN ({marks}) AND id != ? ORDER BY id",
        [*ids, entity.id])]
    detail.surface_forms = [tuple(r) for r in store.conn.execute(
        f"""SELECT m.text, COUNT(*) FROM mentions m JOIN aliases a ON a.id = m.alias_id
            WHERE a.entity_id IN ({marks}) GROUP BY m.text ORDER BY COUNT(*) DESC, m.text""", ids)]
    detail.mentions = mention_contexts(store, entity.id, limit=mention_limit)
    detail.articles = [dict(id=i, title=t, mentions=c) for i, t, c in store.conn.execute(
        f"""SELECT ar.id, ar.title, COUNT(*) FROM mentions m JOIN aliases a ON a.id = m.alias_id
            JOIN articles ar ON ar.id = m.article_id WHERE a.entity_id IN ({marks})
            GROUP BY ar.id ORDER BY COUNT(*) DESC, ar.id""", ids)]
    return detail


def article_mentions(store: "Store", article_id: int) -> list[ArticleMention]:
    """Every mention of an article in text order, resolved to its canonical entity."""
    rows = store.conn.execute(
        """SELECT mention_id, start, [end], text, label, sentence, entity_id, entity_name, entity_type
           FROM mention_entities WHERE article_id = ? ORDER BY start""", (article_id,))
    return [ArticleMention(*row) for row in rows]


def find_entities(store: "Store", query: str, limit: int = 10, entity_type: str | None = None) -> list[dict]:
    """Canonical entities whose names best match `query`, spelling and transliteration aside.

    For pickers: exact and prefix matches come first, then fuzzy ones.
    """
    key = identity_key(query)
    if not key:
        return []
    rows = _aliases_with_roots(store)
    if entity_type:
        rows = [r for r in rows if r.root_type == entity_type.upper()]
    target = translit_key(key)
    keys = [r.key for r in rows]
    scored: dict[int, float] = {}
    for choice, score, index in process.extract(key, keys, scorer=fuzz.WRatio, limit=limit * 5, score_cutoff=60):
        root = rows[index].root
        scored[root] = max(scored.get(root, 0), score + (20 if choice.startswith(key) else 0))
    for _, score, index in process.extract(target, [translit_key(k) for k in keys], scorer=fuzz.ratio,
                                           limit=limit * 5, score_cutoff=80):
        root = rows[index].root
        scored[root] = max(scored.get(root, 0), score)
    for row in rows:
        if row.key == key:
            scored[row.root] = 200
    info = {r.root: r for r in rows}
    best = sorted(scored, key=lambda root: (-scored[root], -(info[root].mentions or 0)))[:limit]
    return [dict(id=root, name=info[root].root_name, type=info[root].root_type, score=round(scored[root], 1))
            for root in best]


class _AliasOfRoot(NamedTuple):
    key: str
    root: int  # the canonical entity the alias belongs to
    root_name: str
    root_type: str | None
    mentions: int | None  # the canonical entity's mention count
    alias_name: str


def _aliases_with_roots(store: "Store") -> list[_AliasOfRoot]:
    """Every alias with its canonical entity: what the name finders search."""
    return [_AliasOfRoot(*row) for row in store.conn.execute(
        """SELECT a.key, COALESCE(e.merged_into, e.id), root.name, root.type, root.mention_count, a.name
           FROM aliases a JOIN entities e ON e.id = a.entity_id
           JOIN entities root ON root.id = COALESCE(e.merged_into, e.id)""")]


def type_counts(store: "Store") -> list[tuple[str, int]]:
    return [tuple(r) for r in store.conn.execute(
        "SELECT type, COUNT(*) FROM entities WHERE merged_into IS NULL GROUP BY type ORDER BY COUNT(*) DESC")]
