"""Names that are other names with one or two words replaced by near words, found in bulk.

Each name is a tuple of word ids. Two names pair up when, word for word, they differ in one
word replaced by one of its nearest words, or in two words (each among its closest few), or
only in word order. Rather than building every such tuple in Python and looking it up in a
dict, each tuple is hashed linearly, h = Σ (word + 1) · R[position] + length · R_len (mod 2⁶⁴,
with random R), so replacing word w by a at position p is h + (a − w) · R[p]: every variant
of every name is computed at once with numpy and matched against the sorted hashes of all
names. A collision (about 2⁻⁶⁴ per comparison) only adds a pair for the scorer to turn down.

Nearest words are a short list per word, found by sorted neighbourhoods, so they miss some
pairs. `one_word_apart` is exact where it is cheap: names equal but for one word (in their own
order or sorted) are grouped by the hash with that word left out, and within each group every
two words are compared. A group of a very common rest ("Volodymyr …", "… Oblast") holds
thousands of names; beyond `MAX_GROUP` it is left to the nearest words.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from rapidfuzz import fuzz, process

_SEED = 20_240_229
# Names sharing all words but one, beyond which their words are not compared all with all.
MAX_GROUP = 200


def padded(rows: Sequence[Sequence[int]], width: int) -> np.ndarray:
    """Rows of word ids as a matrix `width` wide, -1 after each row's last word."""
    matrix = np.full((len(rows), width), -1, dtype=np.int64)
    for i, row in enumerate(rows):
        matrix[i, :len(row)] = row
    return matrix


def _name_matrix(names: Sequence[tuple[int, ...]]) -> tuple[int, np.ndarray, np.ndarray, np.uint64]:
    """The names as a padded matrix, with the hash factors for its width."""
    width = max(len(ids) for ids in names)
    factors, length_factor = _factors(width)
    return width, padded(names, width), factors, length_factor


def _as_pairs(codes: np.ndarray, n: int) -> np.ndarray:
    """Pairs (i, j) from codes i · n + j, each once, in order."""
    codes = np.unique(codes)
    return np.stack([codes // n, codes % n], axis=1)


def _hashes(words: np.ndarray, factors: np.ndarray, length_factor: np.uint64) -> np.ndarray:
    present = words >= 0
    values = np.where(present, words + 1, 0).astype(np.uint64)
    lengths = present.sum(axis=1).astype(np.uint64)
    with np.errstate(over="ignore"):
        return (values * factors[: words.shape[1]]).sum(axis=1, dtype=np.uint64) + lengths * length_factor


def _factors(width: int) -> tuple[np.ndarray, np.uint64]:
    rng = np.random.default_rng(_SEED)
    factors = rng.integers(1, 2**63, size=width + 1, dtype=np.uint64) | np.uint64(1)
    return factors, factors[width]


def _sorted_rows(words: np.ndarray) -> np.ndarray:
    """Each row's word ids in increasing order, padding (-1) still at the end."""
    top = np.iinfo(np.int64).max
    ordered = np.sort(np.where(words >= 0, words, top), axis=1)
    ordered[ordered == top] = -1
    return ordered


def variant_pairs(names: Sequence[tuple[int, ...]], near: Sequence[Sequence[int]], paired: int) -> np.ndarray:
    """Pairs (i < j) of names where j is i in another word order, or i with one word replaced by
    any of its `near` words, or two words replaced (the second among its first `paired`).

    Names are matched in their own word order and in sorted order (names whose words are the
    same set pair up whatever the order)."""
    n = len(names)
    if n < 2:
        return _as_pairs(np.empty(0, dtype=np.int64), n)
    width, words, factors, length_factor = _name_matrix(names)
    ordered = _sorted_rows(words)
    own, by_sort = _hashes(words, factors, length_factor), _hashes(ordered, factors, length_factor)
    reordered = np.nonzero(by_sort != own)[0]
    index_hash = np.concatenate([own, by_sort[reordered]])
    index_name = np.concatenate([np.arange(n, dtype=np.int64), reordered])
    order = np.argsort(index_hash, kind="stable")
    index_hash, index_name = index_hash[order], index_name[order]

    nearest = padded(near, max((len(x) for x in near), default=0) or 1)
    queries, owners = [by_sort[reordered]], [reordered]
    with np.errstate(over="ignore"):
        for p in range(width):
            word = words[:, p]
            has_word = word >= 0
            options = np.where(has_word[:, None], nearest[np.maximum(word, 0)], -1)
            for k in range(options.shape[1]):
                a = options[:, k]
                rows = np.nonzero(a >= 0)[0]
                if not rows.size:
                    continue
                one = own[rows] + (a[rows] - word[rows]).astype(np.uint64) * factors[p]
                queries.append(one)
                owners.append(rows)
                for q in range(p + 1, width):
                    second = words[rows, q]
                    for m in range(min(paired, nearest.shape[1])):
                        b = np.where(second >= 0, nearest[np.maximum(second, 0), m], -1)
                        keep = np.nonzero(b >= 0)[0]
                        if keep.size:
                            shift = (b[keep] - second[keep]).astype(np.uint64) * factors[q]
                            queries.append(one[keep] + shift)
                            owners.append(rows[keep])
    query = np.concatenate(queries)
    owner = np.concatenate(owners)
    # Runs of equal hashes in the index: one search per query finds the run, if any.
    run_start = np.flatnonzero(np.concatenate(([True], index_hash[1:] != index_hash[:-1])))
    run_length = np.diff(np.append(run_start, len(index_hash)))
    run_hash = index_hash[run_start]
    at = np.minimum(np.searchsorted(run_hash, query), len(run_hash) - 1)
    hit = np.nonzero(run_hash[at] == query)[0]
    if not hit.size:
        return _as_pairs(np.empty(0, dtype=np.int64), n)
    first, counts = run_start[at[hit]], run_length[at[hit]]
    left = np.repeat(owner[hit], counts)
    # Positions first[h], first[h] + 1, … of every hit h's run, without a Python loop.
    starts = np.repeat(first - np.cumsum(counts) + counts, counts)
    right = index_name[starts + np.arange(counts.sum())]
    keep = left != right
    return _as_pairs(np.minimum(left[keep], right[keep]) * n + np.maximum(left[keep], right[keep]), n)


def one_word_apart(names: Sequence[tuple[int, ...]], keys: Sequence[str], threshold: float,
                   max_group: int = MAX_GROUP) -> np.ndarray:
    """Pairs (i < j) of names the same but for one word, in their own or in sorted word order,
    whose two differing words (`keys[id]`) have a rapidfuzz ratio of at least `threshold` (0–1).

    Only groups of at most `max_group` names sharing the other words are searched."""
    n = len(names)
    if n < 2:
        return _as_pairs(np.empty(0, dtype=np.int64), n)
    width, words, factors, length_factor = _name_matrix(names)
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    strings = np.array(keys, dtype=object)
    found = []
    with np.errstate(over="ignore"):
        for matrix in (words, _sorted_rows(words)):
            hashes = _hashes(matrix, factors, length_factor)
            for p in range(width):
                rows = np.nonzero(matrix[:, p] >= 0)[0]
                rest = hashes[rows] - (matrix[rows, p] + 1).astype(np.uint64) * factors[p]
                order = np.argsort(rest)  # any order within a group will do
                rows, rest = rows[order], rest[order]
                first, second = _within_groups(rest, max_group)
                a, b = rows[first], rows[second]
                x, y = matrix[a, p], matrix[b, p]
                # The same word is one key, paired by the caller; lengths alone rule most other
                # pairs out (a ratio is at most 2 · shorter / both).
                lx, ly = lengths[x], lengths[y]
                kept = np.nonzero((x != y) & (200 * np.minimum(lx, ly) >= threshold * 100 * (lx + ly) - 1e-6))[0]
                a, b, x, y = a[kept], b[kept], x[kept], y[kept]
                # Each pair of words once per pass; the names are kept only where they are alike.
                unique, inverse = np.unique(np.minimum(x, y) * len(keys) + np.maximum(x, y), return_inverse=True)
                scores = process.cpdist(strings[unique // len(keys)], strings[unique % len(keys)],
                                        scorer=fuzz.ratio, workers=-1)
                alike = np.nonzero(scores[inverse] >= threshold * 100)[0]
                found.append(np.minimum(a[alike], b[alike]) * n + np.maximum(a[alike], b[alike]))
    return _as_pairs(np.concatenate(found) if found else np.empty(0, dtype=np.int64), n)


def _within_groups(sorted_keys: np.ndarray, max_group: int) -> tuple[np.ndarray, np.ndarray]:
    """Every two positions (i < j) of equal `sorted_keys`, in runs of at most `max_group`."""
    starts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
    sizes = np.diff(np.append(starts, len(sorted_keys)))
    chosen = (sizes >= 2) & (sizes <= max_group)
    first = np.flatnonzero(np.repeat(chosen, sizes))
    counts = np.repeat(starts + sizes, sizes)[first] - first - 1
    left = np.repeat(first, counts)
    # Partners i + 1, … run end - 1 of each position i, without a Python loop over pairs.
    right = left + 1 + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return left, right
