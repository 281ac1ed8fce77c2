"""Names that are other names with one or two words replaced by near words, found in bulk.

Each name is a tuple of word ids. Two names pair up when, word for word, they differ in one
word replaced by one of its nearest words, or in two words (each among its closest few), or
only in word order. Rather than building every such tuple in Python and looking it up in a
dict, each tuple is hashed linearly, h = Σ (word + 1) · R[position] + length · R_len (mod 2⁶⁴,
with random R), so replacing word w by a at position p is h + (a − w) · R[p]: every variant
of every name is computed at once with numpy and matched against the sorted hashes of all
names. A collision (about 2⁻⁶⁴ per comparison) only adds a pair for the scorer to turn down.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

_SEED = 20_240_229


def _padded(rows: Sequence[Sequence[int]], width: int) -> np.ndarray:
    matrix = np.full((len(rows), width), -1, dtype=np.int64)
    for i, row in enumerate(rows):
        matrix[i, :len(row)] = row
    return matrix


def _hashes(words: np.ndarray, factors: np.ndarray, length_factor: np.uint64) -> np.ndarray:
    present = words >= 0
    values = np.where(present, words + 1, 0).astype(np.uint64)
    lengths = present.sum(axis=1).astype(np.uint64)
    with np.errstate(over="ignore"):
        return (values * factors[: words.shape[1]]).sum(axis=1, dtype=np.uint64) + lengths * length_factor


def variant_pairs(names: Sequence[tuple[int, ...]], near: Sequence[Sequence[int]], paired: int) -> np.ndarray:
    """Pairs (i < j) of names where j is i in another word order, or i with one word replaced by
    any of its `near` words, or two words replaced (the second among its first `paired`).

    Names are matched in their own word order and in sorted order (names whose words are the
    same set pair up whatever the order)."""
    n = len(names)
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    width = max(len(ids) for ids in names)
    rng = np.random.default_rng(_SEED)
    factors = rng.integers(1, 2**63, size=width + 1, dtype=np.uint64) | np.uint64(1)
    length_factor = factors[width]
    words = _padded(names, width)
    ordered = np.sort(np.where(words >= 0, words, np.iinfo(np.int64).max), axis=1)
    ordered[ordered == np.iinfo(np.int64).max] = -1
    own, by_sort = _hashes(words, factors, length_factor), _hashes(ordered, factors, length_factor)
    reordered = np.nonzero(by_sort != own)[0]
    index_hash = np.concatenate([own, by_sort[reordered]])
    index_name = np.concatenate([np.arange(n, dtype=np.int64), reordered])
    order = np.argsort(index_hash, kind="stable")
    index_hash, index_name = index_hash[order], index_name[order]

    nearest = _padded(near, max((len(x) for x in near), default=0) or 1)
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
    first = np.searchsorted(index_hash, query, side="left")
    last = np.searchsorted(index_hash, query, side="right")
    counts = last - first
    hit = np.nonzero(counts)[0]
    if not hit.size:
        return np.empty((0, 2), dtype=np.int64)
    counts = counts[hit]
    left = np.repeat(owner[hit], counts)
    # Positions first[h], first[h] + 1, … last[h] - 1 for every hit h, without a Python loop.
    starts = np.repeat(first[hit] - np.cumsum(counts) + counts, counts)
    right = index_name[starts + np.arange(counts.sum())]
    keep = left != right
    codes = np.unique(np.minimum(left[keep], right[keep]) * n + np.maximum(left[keep], right[keep]))
    return np.stack([codes // n, codes % n], axis=1)
