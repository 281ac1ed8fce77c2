"""Which pairs of names are worth scoring at all: blocking on near words, and on whole names.

Comparing every name with every other is quadratic (100,000 names are 5·10⁹ pairs), and a
whole-name edit distance alone is the wrong filter: "Volodymyr Kak" and "Volodymyr Tina" are
80% alike as strings only because they share a long first name. The scorer proposes two names
only when each pair of aligned words is alike, so blocking works mainly on words:

1. Near words. The distinct words of all names, as transliteration keys (Kiev and Kyiv are one
   key), are sorted forwards, reversed, and from their middle; each is compared, in C by
   rapidfuzz (`cpdist`), with its neighbours within a window, widened over runs sharing their
   first letters. Names are then matched by their word tuples with one or two words replaced
   by near words (`word_variants.py`, hashed in bulk). Names equal but for one word are also
   grouped by their other words, and within groups of a bounded size every two words compared.
2. Near names. Every rotation of each name's words, forwards and reversed, is sorted, and
   neighbours within a window are paired; this backs up step 1 for words that differ in
   several places. Pairs whose words cannot all pass the scorer's floor are dropped in bulk.

Before rapidfuzz compares neighbours, a bound from letter counts (`LetterCounts`) drops in bulk
the pairs that cannot reach the cut-off, so the same pairs are found with fewer comparisons.
All entries of a name hold its letters, so for near names the bound of two neighbours is that
of the two whole names: each pair of names passing it is compared once, as whole names.

`bench/candidates_bench.py` measures recall against exhaustive all-pairs rapidfuzz searches.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

DEFAULT_WINDOW = 20
# Dense runs (many words sharing their first letters) get a wider window, up to this.
MAX_WINDOW = 80
SHARED_PREFIX = 4


def _codes(found: list[np.ndarray], n: int) -> np.ndarray:
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    codes = np.sort(np.concatenate(found))
    codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
    pairs = np.stack([codes // n, codes % n], axis=1)
    return pairs[pairs[:, 0] != pairs[:, 1]]


def _verified(pairs: np.ndarray, strings: list[str], threshold: float) -> np.ndarray:
    """Keep the pairs whose real ratio reaches the threshold (orders that change it screen lower)."""
    if not len(pairs):
        return pairs
    strings_at = np.array(strings, dtype=object)
    scores = process.cpdist(strings_at[pairs[:, 0]], strings_at[pairs[:, 1]], scorer=fuzz.ratio, workers=-1)
    return pairs[scores >= threshold * 100]


class LetterCounts:
    """Letter counts of strings, for a bound on their ratio that numpy checks in bulk.

    A ratio is 2·LCS / (len a + len b), and the longest common subsequence cannot hold more of
    a letter than either string has: ratio ≤ 1 − L1(counts a, counts b) / (len a + len b). Pairs
    whose bound is below the cut-off cannot reach it and are never handed to rapidfuzz. Letters
    are folded into 64 classes, which only loosens the bound.
    """

    CLASSES = 64
    # Coarser classes first (the same letters folded further): a looser bound that lets about one
    # pair in seven of sorted neighbours through, for a quarter of the reading.
    COARSE = 16
    CHUNK = 50_000

    def __init__(self, strings: list[str]):
        self.lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
        self.counts = np.zeros((len(strings), self.CLASSES), dtype=np.int16)
        for start in range(0, len(strings), self.CHUNK):
            stop = min(len(strings), start + self.CHUNK)
            text = "".join(strings[start:stop]).encode("utf-32-le")  # one unit per character
            codes = np.frombuffer(text, dtype=np.uint32) % self.CLASSES
            rows = np.repeat(np.arange(stop - start), self.lengths[start:stop])
            counts = np.bincount(rows * self.CLASSES + codes, minlength=(stop - start) * self.CLASSES)
            self.counts[start:stop] = np.minimum(counts, 255).reshape(-1, self.CLASSES)  # capping only loosens
        self.coarse = self.counts.reshape(len(strings), -1, self.COARSE).sum(axis=1, dtype=np.int16)

    def taken(self, rows: np.ndarray) -> "LetterCounts":
        """The counts of strings `rows`, in that order (strings may repeat)."""
        taken = object.__new__(LetterCounts)
        taken.lengths, taken.counts, taken.coarse = self.lengths[rows], self.counts[rows], self.coarse[rows]
        return taken

    def may_reach(self, positions: np.ndarray | None, step: int, cutoff: float) -> np.ndarray:
        """Whether the bound lets ratio(string i, string i + step) reach `cutoff` (0–100), for
        each i in `positions` (None: every i)."""
        if positions is not None:
            return self.may_pair(positions, positions + step, cutoff)
        count = max(0, len(self.lengths) - step)
        keep = np.empty(count, dtype=bool)
        for start in range(0, count, self.CHUNK * 2):
            stop = min(count, start + self.CHUNK * 2)
            # Slices read in order, much faster than picking rows.
            keep[start:stop] = self._bound(slice(start, stop), slice(start + step, stop + step), cutoff)
        return keep

    def may_pair(self, left: np.ndarray, right: np.ndarray, cutoff: float) -> np.ndarray:
        """Whether the bound lets ratio(string left[k], string right[k]) reach `cutoff` (0–100)."""
        keep = np.empty(len(left), dtype=bool)
        for start in range(0, len(left), self.CHUNK * 2):
            a, b = left[start:start + self.CHUNK * 2], right[start:start + self.CHUNK * 2]
            keep[start:start + len(a)] = self._bound(a, b, cutoff)
        return keep

    def _bound(self, a: np.ndarray | slice, b: np.ndarray | slice, cutoff: float) -> np.ndarray:
        total = self.lengths[a] + self.lengths[b]
        need = cutoff * total - 1e-6
        passes = (total - np.abs(self.coarse[a] - self.coarse[b]).sum(axis=1)) * 100 >= need
        rest = np.nonzero(passes)[0]
        if isinstance(a, slice):
            a, b = rest + a.start, rest + b.start
        else:
            a, b = a[rest], b[rest]
        distance = np.abs(self.counts[a] - self.counts[b]).sum(axis=1)
        passes[rest] = (total[rest] - distance) * 100 >= need[rest]
        return passes


def _screened(ranked: np.ndarray, letters: LetterCounts, positions: np.ndarray | None, step: int,
              screen: float) -> np.ndarray:
    """Positions i (among `positions`; None: all) where ranked[i] and ranked[i + step] reach `screen`.

    `ranked` is an object array of the strings: picking from it is done in C."""
    keep = letters.may_reach(positions, step, screen)
    positions = np.nonzero(keep)[0] if positions is None else positions[keep]
    if not positions.size:
        return positions
    scores = process.cpdist(ranked[positions], ranked[positions + step], scorer=fuzz.ratio,
                            score_cutoff=screen, workers=-1)
    return positions[np.nonzero(scores)[0]]


def _neighbours(strings: list[str], owners: np.ndarray, n: int, screen: float, window: int) -> list[np.ndarray]:
    order = sorted(range(len(strings)), key=strings.__getitem__)
    ranked = [strings[i] for i in order]
    owners = owners[np.asarray(order, dtype=np.int64)]
    _, prefix = np.unique([r[:SHARED_PREFIX] for r in ranked], return_inverse=True)
    letters = LetterCounts(ranked)
    strings_at = np.array(ranked, dtype=object)
    found = []
    for step in range(1, min(MAX_WINDOW, len(ranked) - 1) + 1):
        if step <= window:
            hits = _screened(strings_at, letters, None, step, screen)
        else:
            positions = np.nonzero(prefix[:-step] == prefix[step:])[0]
            if not positions.size:
                break
            hits = _screened(strings_at, letters, positions, step, screen)
        if hits.size:
            left, right = owners[hits], owners[hits + step]
            found.append(np.minimum(left, right) * n + np.maximum(left, right))
    return found


def similar_pairs(strings: list[str], threshold: float, window: int = DEFAULT_WINDOW) -> np.ndarray:
    """Index pairs (i < j) of distinct `strings` whose rapidfuzz ratio is at least `threshold` (0–1)."""
    n = len(strings)
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    owners = np.arange(n, dtype=np.int64)
    found = []
    for order, exact in _ORDERS:
        # Reversal keeps the ratio; the half turn changes it a little, so it screens lower.
        screen = threshold * 100 if exact else max(0.0, threshold - 0.1) * 100
        found += _neighbours([order(s) for s in strings], owners, n, screen, window)
    return _verified(_codes(found, n), strings, threshold)


def _half_turn(word: str) -> str:
    """The word's second half first: a word changed at both ends sorts beside its variant."""
    middle = len(word) // 2
    return word[middle:] + "\x00" + word[:middle]


_ORDERS = ((lambda s: s, True), (lambda s: s[::-1], True), (_half_turn, False))


def exhaustive_pairs(strings: list[str], threshold: float) -> np.ndarray:
    """Every pair at or above `threshold`, comparing all with all (for measuring recall)."""
    matrix = process.cdist(strings, strings, scorer=fuzz.ratio, score_cutoff=threshold * 100,
                           workers=-1, dtype=np.uint8)
    left, right = np.nonzero(np.triu(matrix, k=1))
    return np.stack([left, right], axis=1).astype(np.int64)


def similar_names(names: list[str], threshold: float, window: int = 10) -> np.ndarray:
    """Index pairs of whole names (words joined by spaces) with ratio ≥ `threshold`.

    Each name is entered once per rotation of its words, forwards and reversed, so two names
    differing in one word sort together with the shared words first. A fixed window only: this
    pass backs up the word pass for names alike as a whole rather than word by word.

    Every entry of a name holds the same letters, so the letter-count bound of two neighbours
    is the bound of their whole names: the pairs it lets through are gathered over the window,
    each pair of names once, and compared as whole names in one call.
    """
    n = len(names)
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    strings: list[str] = []
    owners: list[int] = []
    for index, name in enumerate(names):
        words = name.split()
        for shift in range(min(len(words), 3)):
            rotated = " ".join(words[shift:] + words[:shift])
            strings += [rotated, rotated[::-1]]
            owners += [index, index]
    order = sorted(range(len(strings)), key=strings.__getitem__)
    owner = np.asarray(owners, dtype=np.int64)[np.asarray(order, dtype=np.int64)]
    letters = LetterCounts(names).taken(owner)
    found = []
    for step in range(1, min(window, len(owner) - 1) + 1):
        hits = np.nonzero(letters.may_reach(None, step, threshold * 100))[0]
        left, right = owner[hits], owner[hits + step]
        found.append(np.minimum(left, right) * n + np.maximum(left, right))
    return _verified(_codes(found, n), names, threshold)
