"""The mention processor: spaCy's entities of one article, cleaned, resolved and stored.

What the model finds is cleaned before it is stored: a leading "the", quotes and a possessive
are not part of the name ("the Kyiv Post’s" -> "Kyiv Post"), a person's name cut inside a
hyphenated word is completed ("Yoon Suk" -> "Yoon Suk-yeol"), and noise is dropped (see
`noise.py`). Each mention then resolves to an alias by its identity key, except a surname or
first words of a person named in full in the same article ("Trump" of Donald Trump, "Yoon" of
Yoon Suk Yeol or Yoon Suk-yeol: Korean names put the family name first), which resolve to that
person whatever the model's label, unless the article plainly uses the word as a place.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from corpus.doc_processing import doc_text, sentence_starts
from corpus.entities.noise import NoiseFilter
from corpus.entities.normalise import display_form, extend_hyphenated, identity_key, readable_case, trim_span
from corpus.entities.types import NAME_LABELS
from corpus.store import in_lists, placeholders, utc_now

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from corpus.store import Store

# A nationality ("Korean") is never part of a person's name; any other label a name used alone
# carries is only the model's guess: it calls "Trump" an ORG and, now and then, "Yoon" a GPE.
_NOT_PARTIAL_LABELS = frozenset({"NORP", "LANGUAGE", "LAW"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})
# A place-labelled name right after one of these is a place ("talks in Jordan", "flew to Paris")
# unless a possessive follows ("in Yoon’s office").
_LOCATIVE = re.compile(r"(?:^|\W)(?:in|into|inside|within|across|throughout|near|outside|around|to|"
                       r"towards?|from|via)\s+$", re.IGNORECASE)
_POSSESSIVE_AFTER = re.compile(r"['’]s?(?!\w)")
_LOCATIVE_REACH = 16  # characters before a name searched for the preposition


@dataclass(frozen=True)
class Found:
    """One mention as analysed: offsets into the body, and the key of the alias it resolves to."""

    start: int
    end: int
    text: str
    label: str
    sentence: int
    key: str  # the alias this mention resolves to
    resolved_by: str  # name, partial, ruler


@dataclass(frozen=True)
class Analysis:
    mentions: list[Found]
    noise: int


class MentionProcessor:
    """The DocProcessor that stores entity mentions (see corpus.doc_processing)."""

    name = "mentions"

    def analyse(self, doc: "Doc") -> Analysis:
        text = doc_text(doc)
        starts = sentence_starts(doc)
        noise = NoiseFilter(doc)
        raw: list[tuple[int, int, str, str, bool]] = []
        skipped = 0
        for ent in doc.ents:
            if ent.label_ not in NAME_LABELS:
                continue
            end = extend_hyphenated(text, ent.end_char) if ent.label_ == "PERSON" else ent.end_char
            start, end = trim_span(text, ent.start_char, end)
            surface = text[start:end]
            from_ruler = bool(ent.ent_id_)
            if not identity_key(surface) or (not from_ruler and noise.is_noise(surface, start, end)):
                skipped += 1
                continue
            sentence = max(0, bisect.bisect_right(starts, ent.start) - 1)
            raw.append((start, end, surface, ent.label_, from_ruler, sentence))
        return Analysis(_resolve(raw, text), skipped)

    def clear(self, store: "Store", article_id: int) -> None:
        self.clear_many(store, [article_id])

    def clear_many(self, store: "Store", article_ids: Sequence[int]) -> None:
        for part in in_lists(article_ids):
            counts = store.conn.execute(
                f"""SELECT a.entity_id, m.label, m.resolved_by, COUNT(*) FROM mentions m
                    JOIN aliases a ON a.id = m.alias_id WHERE m.article_id IN ({placeholders(part)})
                    GROUP BY a.entity_id, m.label, m.resolved_by""",
                part,
            ).fetchall()
            _apply_counts(store, [(entity, label, by, -n) for entity, label, by, n in counts])
            store.conn.execute(f"DELETE FROM mentions WHERE article_id IN ({placeholders(part)})", part)

    def save(self, store: "Store", article_id: int, result: Analysis) -> None:
        self.save_many(store, [(article_id, result)])

    def save_many(self, store: "Store", items: Sequence[tuple[int, Analysis]]) -> None:
        """Write the mentions of several articles, with one count update per entity and label."""
        found = [(article_id, m) for article_id, result in items for m in result.mentions]
        if not found:
            return
        aliases = _aliases_for(store, [m for _, m in found])
        store.conn.executemany(
            "INSERT INTO mentions (article_id, start, [end], text, label, sentence, alias_id, resolved_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, m.start, m.end, m.text, m.label, m.sentence, aliases[m.key][0], m.resolved_by)
             for article_id, m in found],
        )
        counts = Counter((aliases[m.key][1], m.label, m.resolved_by) for _, m in found)
        _apply_counts(store, [(entity, label, by, n) for (entity, label, by), n in counts.items()])


def _resolve(raw: list[tuple], text: str) -> list[Found]:
    """Give each mention the key of its alias; partial names of a person named in full get theirs.

    A partial name is a person's whatever the model labelled it, except where the article uses
    it plainly as a place (`_places`): there its place-labelled mentions stay places.
    """
    full_names: dict[str, tuple[str, ...]] = {}
    for start, end, surface, label, _, _ in raw:
        key = identity_key(surface)
        if label == "PERSON" and len(key.split()) >= 2:
            full_names[key] = tuple(key.split())
    places = _places(raw, text) if full_names else frozenset()
    found = []
    for start, end, surface, label, from_ruler, sentence in raw:
        key = identity_key(surface)
        by = "ruler" if from_ruler else "name"
        if (not from_ruler and full_names and label not in _NOT_PARTIAL_LABELS and key not in full_names
                and not (label in _PLACE_LABELS and key in places)):
            target = _full_name_for(tuple(key.split()), full_names)
            if target:
                key, by = target, "partial"
        found.append(Found(start, end, surface, label, sentence, key, by))
    return found


def _places(raw: list[tuple], text: str) -> frozenset[str]:
    """Keys the article uses as places: labelled a place right after a locative preposition."""
    keys = set()
    for start, end, surface, label, _, _ in raw:
        if (label in _PLACE_LABELS and _LOCATIVE.search(text, max(0, start - _LOCATIVE_REACH), start)
                and not _POSSESSIVE_AFTER.match(text, end)):
            keys.add(identity_key(surface))
    return frozenset(keys)


def _full_name_for(words: tuple[str, ...], full_names: dict[str, tuple[str, ...]]) -> str | None:
    """The one full name in the article that `words` ends (Trump), or begins (Yoon, family name first)."""
    matches = set()
    n = len(words)
    for key, full in full_names.items():
        if len(full) > n and (full[-n:] == words or full[:n] == words):
            matches.add(key)
    return matches.pop() if len(matches) == 1 else None


def _aliases_for(store: "Store", mentions: list[Found]) -> dict[str, tuple[int, int]]:
    """alias id and entity id for every key, creating an entity and alias for new names."""
    keys = sorted({m.key for m in mentions})
    found: dict[str, tuple[int, int]] = {}
    for part in in_lists(keys):
        rows = store.conn.execute(f"SELECT key, id, entity_id FROM aliases WHERE key IN ({placeholders(part)})", part)
        found.update((key, (alias_id, entity_id)) for key, alias_id, entity_id in rows)
    missing = [key for key in keys if key not in found]
    if missing:
        first_surface: dict[str, str] = {}
        labels: dict[str, Counter] = defaultdict(Counter)
        for m in mentions:
            if identity_key(m.text) == m.key:
                # A dateline's "STOCKHOLM —" comes first, but "Stockholm" later is the name to show.
                if m.key not in first_surface or (first_surface[m.key].isupper() and not m.text.isupper()):
                    first_surface[m.key] = m.text
                labels[m.key][m.label] += 1
        now = utc_now()
        for key in missing:
            label = labels[key].most_common(1)[0][0] if labels[key] else "PERSON"
            name = readable_case(display_form(first_surface.get(key, key)), label)
            entity_id = store.conn.execute(
                "INSERT INTO entities (name, type, created_at) VALUES (?, ?, ?)", (name, label, now)
            ).lastrowid
            alias_id = store.conn.execute(
                "INSERT INTO aliases (entity_id, name, key, origin, created_at) VALUES (?, ?, ?, 'extracted', ?)",
                (entity_id, name, key, now),
            ).lastrowid
            found[key] = (alias_id, entity_id)
    return found


def _apply_counts(store: "Store", changes: list[tuple[int, str, str, int]]) -> None:
    """Keep each entity's mention count and label votes (which decide its type) up to date."""
    if not changes:
        return
    totals: Counter = Counter()
    votes: Counter = Counter()
    for entity, label, by, n in changes:
        totals[entity] += n
        if by != "partial":  # "Trump" resolved to Donald Trump votes nothing for his type
            votes[(entity, label)] += n
    store.conn.executemany(
        "UPDATE entities SET mention_count = mention_count + ? WHERE id = ?",
        [(n, entity) for entity, n in totals.items() if n],
    )
    store.conn.executemany(
        "INSERT INTO entity_label_counts (entity_id, label, mentions) VALUES (?, ?, ?)"
        " ON CONFLICT (entity_id, label) DO UPDATE SET mentions = mentions + excluded.mentions",
        [(entity, label, n) for (entity, label), n in votes.items() if n],
    )
