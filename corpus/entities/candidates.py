"""Candidate pairs of entities that may be one: found by blocking, scored, explained, stored.

Pairs worth scoring are found by blocking: names whose aligned words are all near words (spelling
and romanisation variants, see `blocking.py`), names alike as whole strings, and a word index of
people's names (a surname or the first words of a name used alone: "Yoon", "Trump"). Every pair is then scored by
`corpus.entities.scoring`, whose hard negatives are never proposed. Names that are noise for
matching (no letters, a single letter, headline fragments of many words) are left out.

The stored queue (`entity_candidates`) is derived data: it is recomputed when names or types
change, while the analyst's decisions live in `entity_decisions` and are never recomputed.
"""

from __future__ import annotations

import gc
import itertools
import re
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

import numpy as np
from rapidfuzz import fuzz, process

from corpus.entities import types, word_variants
from corpus.entities.blocking import similar_names, similar_pairs
from corpus.entities.parallel import in_background, map_slices
from corpus.entities.scoring import THRESHOLD, TOKEN_FLOOR, TRANSLIT_WEIGHT, Match, name_info, score_pair
from corpus.entities.word_variants import one_word_apart, variant_pairs
from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.store import Store

MAX_WORDS = 6
# Words kept as near to a word, and of those, how many when two words of a name change at once.
MAX_NEAR, MAX_NEAR_PAIRED = 5, 2
# Words alike as the scorer counts a word: the transliteration similarity, weighted down,
# reaches the scorer's floor for a word.
WORD_THRESHOLD = min(1.0, TOKEN_FLOOR / TRANSLIT_WEIGHT)
# A surname shared by more people than this is ambiguous on its own, and not proposed.
MAX_PARTIAL_MATCHES = 5


@dataclass(frozen=True)
class NameEntry:
    entity_id: int  # the entity owning this alias (a member of `root_id`'s cluster)
    root_id: int
    name: str
    type: str | None


@dataclass(frozen=True)
class Candidate:
    left_id: int
    right_id: int
    left_name: str
    right_name: str
    score: float
    explanation: str


_NOT_A_LETTER = re.compile("[^a-z]")  # identity keys are ASCII, lower case


def is_matchable(name: str) -> bool:
    info = name_info(name)
    return 0 < len(info.tokens) <= MAX_WORDS and len(_NOT_A_LETTER.sub("", info.key)) >= 2


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Generation makes and drops millions of small tuples, freed as they go by reference counting;
    left on, the cycle collector would walk the whole heap (name caches included) again and again
    as they are made, a quarter of the time on 100,000 names. Forked workers inherit the pause."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def generate(entries: list[NameEntry], threshold: float = THRESHOLD) -> list[Candidate]:
    """Every proposed pair among `entries`, best score per pair of entities, best first."""
    with _collector_paused():
        entries = [e for e in entries if is_matchable(e.name)]
        pairs = sorted(candidate_pairs(entries))
        _WORK.update(entries=entries, pairs=pairs, threshold=threshold)
        try:
            scored = [c for part in map_slices(_score_slice, len(pairs)) for c in part]
        finally:
            _WORK.clear()
        best: dict[tuple[int, int], Candidate] = {}
        for candidate in scored:
            key = (candidate.left_id, candidate.right_id)
            if key not in best or best[key].score < candidate.score:
                best[key] = candidate
        return sorted(best.values(), key=lambda c: (-c.score, c.left_name, c.right_name))


# What the slices below work on, set before they run (forked workers inherit it).
_WORK: dict = {}


def _score_slice(start: int, stop: int) -> list[Candidate]:
    entries, threshold = _WORK["entries"], _WORK["threshold"]
    found = []
    for i, j in _WORK["pairs"][start:stop]:
        a, b = entries[i], entries[j]
        if a.root_id == b.root_id:
            continue
        match = score_pair(name_info(a.name, a.type), name_info(b.name, b.type), threshold)
        if match.proposed:
            found.append(_candidate(a, b, match))
    return found


def _candidate(a: NameEntry, b: NameEntry, match: Match) -> Candidate:
    if a.entity_id > b.entity_id:
        a, b = b, a
    return Candidate(a.entity_id, b.entity_id, a.name, b.name, match.score, match.explanation)


def near_words(keys: list[str], finder=similar_pairs) -> list[list[int]]:
    """For each word (by transliteration key), the nearest other words alike enough to be one.

    Alike as the scorer counts a word: the transliteration similarity, weighted down, must reach
    the scorer's floor for a word. Only the closest `MAX_NEAR` are kept, nearest first (on a tie,
    the later word first).
    """
    pairs = finder(keys, WORD_THRESHOLD)
    if not len(pairs):
        return [[] for _ in keys]
    strings = np.array(keys, dtype=object)
    scores = process.cpdist(strings[pairs[:, 0]], strings[pairs[:, 1]], scorer=fuzz.ratio, workers=-1)
    word = np.concatenate([pairs[:, 0], pairs[:, 1]])
    other = np.concatenate([pairs[:, 1], pairs[:, 0]])
    scores = np.concatenate([scores, scores])
    order = np.lexsort((-other, -scores, word))
    word, other = word[order], other[order]
    starts = np.searchsorted(word, np.arange(len(keys) + 1))
    rank = np.arange(len(word)) - starts[word]
    kept = rank < MAX_NEAR
    bounds = np.searchsorted(word[kept], np.arange(len(keys) + 1))
    nearest = other[kept].tolist()
    return [nearest[bounds[i]:bounds[i + 1]] for i in range(len(keys))]


def _word_ids(entries: list[NameEntry]) -> tuple[list[tuple[int, ...]], list[str]]:
    """Each name as a tuple of word ids; a word is its transliteration key (Kiev = Kyiv)."""
    vocabulary: dict[str, int] = {}
    names = []
    for entry in entries:
        names.append(tuple(vocabulary.setdefault(tr, len(vocabulary)) for tr in name_info(entry.name).tr_tokens))
    return names, list(vocabulary)


def candidate_pairs(entries: list[NameEntry], finder=similar_pairs) -> set[tuple[int, int]]:
    """Index pairs worth scoring: names whose aligned words are all near (at most two words
    changed, see `blocking.py`; one word changed, found exactly in small groups, see
    `word_variants.py`), names alike as a whole, and partial names of people (`_partial_pairs`)."""
    names, keys = _word_ids(entries)
    # The whole-name pass and the one-word groups need nothing from the others: on a large set
    # they run meanwhile in a child process.
    _WORK.update(names=names, keys=keys)
    try:
        with in_background(_background_pairs, len(names)) as background_pairs:
            pairs = _word_pairs(entries, names, keys, finder)
            pairs |= _partial_pairs(entries, names)
            pairs.update(map(tuple, background_pairs().tolist()))
    finally:
        _WORK.clear()
    return pairs


def _background_pairs() -> np.ndarray:
    names, keys = _WORK["names"], _WORK["keys"]
    whole = [" ".join(map(keys.__getitem__, ids)) for ids in names]
    alike = similar_names(whole, THRESHOLD)
    return np.concatenate([alike[_words_alike(alike, names, keys)], one_word_apart(names, keys, WORD_THRESHOLD)])


def _word_pairs(entries: list[NameEntry], names: list[tuple[int, ...]], keys: list[str],
                finder) -> set[tuple[int, int]]:
    near = near_words(keys, finder)
    index: dict[tuple[int, ...], list[int]] = defaultdict(list)
    joined: dict[str, list[int]] = defaultdict(list)
    for i, ids in enumerate(names):
        index[ids].append(i)
        if len(ids) > 1:
            joined["".join(name_info(entries[i].name).tokens)].append(i)
    pairs: set[tuple[int, int]] = set()
    # The same name written as one word or two (Kim Jongun), or one transliteration key (Kiev
    # Oblast, Kyiv Oblast).
    for group in itertools.chain(joined.values(), index.values()):
        if len(group) > 1:
            pairs.update(itertools.combinations(group, 2))
    for i, ids in enumerate(names):  # a one-word name that is a name of several words joined
        if len(ids) == 1:
            pairs.update((min(i, j), max(i, j)) for j in joined.get(name_info(entries[i].name).key, ()) if j != i)
    pairs.update(map(tuple, variant_pairs(names, near, MAX_NEAR_PAIRED).tolist()))
    return pairs


def _words_alike(pairs: np.ndarray, names: list[tuple[int, ...]], keys: list[str]) -> np.ndarray:
    """Which pairs of names could pass the scorer's floor for every word (in order or sorted).

    Names alike as whole strings are mostly names sharing a long word ("Volodymyr Kak" /
    "Volodymyr Tina"); this drops them in bulk before the word-by-word scoring in Python.
    """
    if not len(pairs):
        return np.zeros(0, dtype=bool)
    width = max(len(ids) for ids in names)
    padded = word_variants.padded(names, width)
    # Each name's words sorted as strings, as the scorer sorts them (padding stays last).
    rank = np.empty(len(keys) + 1, dtype=np.int64)
    rank[np.argsort(np.array(keys, dtype=object), kind="stable")] = np.arange(len(keys))
    rank[-1] = len(keys)  # index -1: padding
    ordered = np.take_along_axis(padded, np.argsort(rank[padded], axis=1, kind="stable"), axis=1)
    lengths = (padded >= 0).sum(axis=1)
    left, right = pairs[:, 0], pairs[:, 1]
    keep = lengths[left] != lengths[right]  # other word counts: left to the scorer's own rules
    floor = (TOKEN_FLOOR - 0.05) / TRANSLIT_WEIGHT * 100
    # Every differing pair of aligned words, in both alignments, compared once.
    count = len(keys)
    checks, codes = [], []
    for matrix in (padded, ordered):
        a, b = matrix[left], matrix[right]
        for column in range(width):
            x, y = a[:, column], b[:, column]
            rows = np.nonzero((x != y) & (x >= 0) & (y >= 0))[0]
            checks.append(rows)
            codes.append(np.minimum(x[rows], y[rows]) * count + np.maximum(x[rows], y[rows]))
    unique, inverse = np.unique(np.concatenate(codes), return_inverse=True)
    strings = np.array(keys, dtype=object)
    # No score_cutoff: a ratio exactly at the floor (5/7) must count as reaching it.
    sims = process.cpdist(strings[unique // count], strings[unique % count], scorer=fuzz.ratio, workers=-1)
    alike = np.split(sims[inverse] >= floor, np.cumsum([len(rows) for rows in checks])[:-1])
    for alignment in (checks[:width], checks[width:]):
        passes = np.ones(len(pairs), dtype=bool)
        for rows, ok in zip(alignment, alike[:width]):
            passes[rows[~ok]] = False
        alike = alike[width:]
        keep |= passes
    return keep


def _partial_pairs(entries: list[NameEntry], names: list[tuple[int, ...]]) -> set[tuple[int, int]]:
    """A shorter name that is the last or first words of a person's name (`names`: word ids)."""
    kinds = {label: types.kind(label) for label in {e.type for e in entries}}
    by_edge: dict[tuple[int, ...], set[int]] = defaultdict(set)
    for index, entry in enumerate(entries):
        words = names[index]
        if len(words) >= 2 and kinds[entry.type] == "person":
            for n in range(1, len(words)):
                by_edge[words[-n:]].add(index)
                by_edge[words[:n]].add(index)
    pairs: set[tuple[int, int]] = set()
    partial_kinds = ("person", "org", "other")
    for index, entry in enumerate(entries):
        longer = by_edge.get(names[index])
        if not longer or kinds[entry.type] not in partial_kinds:
            continue
        roots = {entries[i].root_id for i in longer} - {entry.root_id}
        if 0 < len(roots) <= MAX_PARTIAL_MATCHES:
            pairs.update((min(index, i), max(index, i)) for i in longer if entries[i].root_id != entry.root_id)
    return pairs


# A type the model gave fewer mentions than this (and the analyst never set) is too weak a hint
# to rule a pair out: the small model calls Kyiv a PERSON now and then.
CREDIBLE_TYPE_VOTES = 2


def load_entries(store: "Store") -> list[NameEntry]:
    """Every alias with the entity that owns it, its canonical root, and the root's type if credible."""
    rows = store.conn.execute(
        """WITH votes AS (
               SELECT COALESCE(m.merged_into, m.id) AS root, l.label, SUM(l.mentions) AS n
               FROM entity_label_counts l JOIN entities m ON m.id = l.entity_id GROUP BY root, l.label)
           SELECT a.entity_id, COALESCE(e.merged_into, e.id), a.name,
                  CASE WHEN root.type_source = 'analyst' OR COALESCE(v.n, 0) >= ? THEN root.type END
           FROM aliases a JOIN entities e ON e.id = a.entity_id
           JOIN entities root ON root.id = COALESCE(e.merged_into, e.id)
           LEFT JOIN votes v ON v.root = root.id AND v.label = root.type""",
        (CREDIBLE_TYPE_VOTES,),
    )
    return [NameEntry(*row) for row in rows]


def fingerprint(store: "Store") -> str:
    """Changes whenever candidates could change: new names, or a type set by the analyst."""
    count, top = store.conn.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM aliases").fetchone()
    typed = store.scalar("SELECT COUNT(*) || ':' || COALESCE(SUM(id), 0) FROM entities "
                         "WHERE type_source = 'analyst'")
    return f"{count}:{top}:{typed}"


def refresh(store: "Store", threshold: float = THRESHOLD) -> int:
    """Recompute the stored candidate queue; returns the number of pairs."""
    started = time.perf_counter()
    stamp = fingerprint(store)
    entries = load_entries(store)
    found = generate(entries, threshold)
    with store.transaction():
        store.conn.execute("DELETE FROM entity_candidates")
        store.conn.executemany(
            "INSERT INTO entity_candidates (left_id, right_id, left_name, right_name, score, explanation)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(c.left_id, c.right_id, c.left_name, c.right_name, c.score, c.explanation) for c in found],
        )
        store.conn.execute(
            "INSERT INTO entity_candidate_runs (computed_at, alias_fingerprint, threshold, names, pairs, seconds)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (utc_now(), stamp, threshold, len(entries), len(found), round(time.perf_counter() - started, 3)),
        )
    return len(found)


def is_stale(store: "Store", threshold: float = THRESHOLD) -> bool:
    row = store.conn.execute(
        "SELECT alias_fingerprint, threshold FROM entity_candidate_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return row is None or row[0] != fingerprint(store) or abs(row[1] - threshold) > 1e-9


def ensure_fresh(store: "Store", threshold: float = THRESHOLD) -> None:
    if is_stale(store, threshold):
        refresh(store, threshold)


def score_names(pairs: Iterable[tuple[str, str, str | None, str | None]],
                threshold: float = THRESHOLD) -> Iterable[tuple[str, str, Match]]:
    """Score free-standing name pairs (for `corpus entities compare`)."""
    for left, right, left_type, right_type in pairs:
        yield left, right, score_pair(name_info(left, left_type), name_info(right, right_type), threshold)
