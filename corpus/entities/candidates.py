"""Candidate pairs of entities that may be one: found by blocking, scored, explained, stored.

Two passes find pairs worth scoring: names whose aligned words are all near words (spelling
and romanisation variants, see `blocking.py`) and a word index of people's names (a surname or the
first words of a name used alone: "Yoon", "Trump"). Every pair is then scored by
`corpus.entities.scoring`, whose hard negatives are never proposed. Names that are noise for
matching (no letters, a single letter, headline fragments of many words) are left out.

The stored queue (`entity_candidates`) is derived data: it is recomputed when names or types
change, while the analyst's decisions live in `entity_decisions` and are never recomputed.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import numpy as np
from rapidfuzz import fuzz, process

from corpus.entities import types
from corpus.entities.blocking import similar_names, similar_pairs
from corpus.entities.parallel import in_background, map_slices
from corpus.entities.scoring import THRESHOLD, TOKEN_FLOOR, TRANSLIT_WEIGHT, Match, name_info, score_pair
from corpus.entities.word_variants import variant_pairs
from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.store import Store

MAX_WORDS = 6
# Words kept as near to a word, and of those, how many when two words of a name change at once.
MAX_NEAR, MAX_NEAR_PAIRED = 5, 2
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


def generate(entries: list[NameEntry], threshold: float = THRESHOLD) -> list[Candidate]:
    """Every proposed pair among `entries`, best score per pair of entities, best first."""
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
    the scorer's floor for a word. Only the closest `MAX_NEAR` are kept, nearest first.
    """
    scored: list[list[tuple[float, int]]] = [[] for _ in keys]
    pairs = finder(keys, min(1.0, TOKEN_FLOOR / TRANSLIT_WEIGHT))
    if len(pairs):
        scores = process.cpdist([keys[i] for i in pairs[:, 0]], [keys[j] for j in pairs[:, 1]],
                                scorer=fuzz.ratio, workers=-1)
        for (i, j), score in zip(pairs.tolist(), scores.tolist()):
            scored[i].append((score, j))
            scored[j].append((score, i))
    return [[j for _, j in sorted(near, reverse=True)[:MAX_NEAR]] for near in scored]


def _word_ids(entries: list[NameEntry]) -> tuple[list[tuple[int, ...]], list[str]]:
    """Each name as a tuple of word ids; a word is its transliteration key (Kiev = Kyiv)."""
    vocabulary: dict[str, int] = {}
    names = []
    for entry in entries:
        names.append(tuple(vocabulary.setdefault(tr, len(vocabulary)) for tr in name_info(entry.name).tr_tokens))
    return names, list(vocabulary)


def candidate_pairs(entries: list[NameEntry], finder=similar_pairs) -> set[tuple[int, int]]:
    """Index pairs worth scoring: names whose aligned words are all near (at most two words
    changed, see `blocking.py`), and partial names of people (`_partial_pairs`)."""
    names, keys = _word_ids(entries)
    # The whole-name pass needs nothing from the others: on a large set it runs meanwhile in a
    # child process.
    _WORK.update(names=names, keys=keys)
    try:
        with in_background(_whole_name_pairs, len(names)) as whole_name_pairs:
            pairs = _word_pairs(entries, names, keys, finder)
            pairs |= _partial_pairs(entries)
            pairs.update(map(tuple, whole_name_pairs().tolist()))
    finally:
        _WORK.clear()
    return pairs


def _whole_name_pairs() -> np.ndarray:
    names, keys = _WORK["names"], _WORK["keys"]
    whole = [" ".join(keys[t] for t in ids) for ids in names]
    alike = similar_names(whole, THRESHOLD)
    return alike[_words_alike(alike, names, keys)]


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
    for group in joined.values():  # the same name written as one word or two (Kim Jongun)
        pairs.update((a, b) for n, a in enumerate(group) for b in group[n + 1:])
    for group in index.values():  # one transliteration key (Kiev Oblast, Kyiv Oblast)
        pairs.update((a, b) for n, a in enumerate(group) for b in group[n + 1:])
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
    padded = np.full((len(names), width), -1, dtype=np.int64)
    ordered = np.full((len(names), width), -1, dtype=np.int64)
    for i, ids in enumerate(names):
        padded[i, :len(ids)] = ids
        ordered[i, :len(ids)] = sorted(ids, key=keys.__getitem__)
    lengths = (padded >= 0).sum(axis=1)
    left, right = pairs[:, 0], pairs[:, 1]
    keep = lengths[left] != lengths[right]  # other word counts: left to the scorer's own rules
    floor = (TOKEN_FLOOR - 0.05) / TRANSLIT_WEIGHT * 100
    for matrix in (padded, ordered):
        a, b = matrix[left], matrix[right]
        passes = np.ones(len(pairs), dtype=bool)
        for column in range(width):
            x, y = a[:, column], b[:, column]
            differ = (x != y) & (x >= 0) & (y >= 0)
            if differ.any():
                codes, inverse = np.unique(x[differ] * len(keys) + y[differ], return_inverse=True)
                sims = process.cpdist([keys[c // len(keys)] for c in codes], [keys[c % len(keys)] for c in codes],
                                      scorer=fuzz.ratio, workers=-1)
                ok = np.ones(len(pairs), dtype=bool)
                ok[np.nonzero(differ)[0]] = sims[inverse] >= floor
                passes &= ok
        keep |= passes
    return keep


def _partial_pairs(entries: list[NameEntry]) -> set[tuple[int, int]]:
    """A shorter name that is the last or first words of a person's name."""
    by_edge: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for index, entry in enumerate(entries):
        words = name_info(entry.name).tr_tokens
        if types.kind(entry.type) == "person" and len(words) >= 2:
            for n in range(1, len(words)):
                by_edge[words[-n:]].add(index)
                by_edge[words[:n]].add(index)
    pairs: set[tuple[int, int]] = set()
    for index, entry in enumerate(entries):
        if types.kind(entry.type) not in ("person", "org", "other"):
            continue
        longer = by_edge.get(name_info(entry.name).tr_tokens, set())
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
