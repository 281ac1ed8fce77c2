"""The bulk shortcuts of blocking give exactly what the plain computations give."""

from __future__ import annotations

import itertools
import random

import numpy as np
from rapidfuzz import fuzz

from corpus.entities.blocking import LetterCounts, similar_names
from corpus.entities.word_variants import variant_pairs


def _variants_by_hand(names, near, paired):
    """Every word tuple one or two near words away, or the same words reordered, by dict lookup."""
    index: dict[tuple, list[int]] = {}
    for i, ids in enumerate(names):
        index.setdefault(ids, []).append(i)
        if tuple(sorted(ids)) != ids:
            index.setdefault(tuple(sorted(ids)), []).append(i)
    pairs = set()
    for i, ids in enumerate(names):
        wanted = [tuple(sorted(ids))] if len(ids) > 1 else []
        for p in range(len(ids)):
            for a in near[ids[p]]:
                one = ids[:p] + (a,) + ids[p + 1:]
                wanted.append(one)
                for q in range(p + 1, len(ids)):
                    wanted += [one[:q] + (b,) + one[q + 1:] for b in near[ids[q]][:paired]]
        pairs.update((min(i, j), max(i, j)) for other in wanted for j in index.get(other, ()) if j != i)
    return pairs


def test_hashed_word_variants_are_the_tuples_looked_up_one_by_one() -> None:
    rng = random.Random(7)
    words = 30
    near = [rng.sample([w for w in range(words) if w != v], rng.randint(0, 4)) for v in range(words)]
    names = list({tuple(rng.randrange(words) for _ in range(rng.randint(1, 4))) for _ in range(600)})
    names += names[:20]  # some names twice: the caller pairs identical tuples itself

    def differing(pairs):
        return {(i, j) for i, j in pairs if names[i] != names[j]}

    found = {tuple(p) for p in variant_pairs(names, near, paired=2).tolist()}
    expected = _variants_by_hand(names, near, paired=2)
    assert len(differing(expected)) > 100 and differing(found) == differing(expected)


def test_the_letter_count_bound_never_drops_a_pair_that_reaches_the_cutoff() -> None:
    rng = random.Random(3)
    strings = ["".join(rng.choice("abcdeKX -\x00éж") for _ in range(rng.randint(0, 14))) for _ in range(2000)]
    letters = LetterCounts(strings)
    for cutoff, step in itertools.product((50, 75, 90), (1, 6)):
        keep = letters.may_reach(None, step, cutoff)
        missed = [i for i in range(len(strings) - step)
                  if not keep[i] and fuzz.ratio(strings[i], strings[i + step]) >= cutoff]
        assert not missed
        assert not keep.all()  # it does drop pairs
        some = np.array(sorted(rng.sample(range(len(strings) - step), 300)))
        assert (letters.may_reach(some, step, cutoff) == keep[some]).all()


def test_whole_name_blocking_finds_close_neighbours() -> None:
    names = ["kiev oblast", "kyiv oblast", "odesa raion", "odessa raion", "volodymyr kak", "lviv"]
    pairs = {tuple(p) for p in similar_names(names, 0.8).tolist()}
    assert {(0, 1), (2, 3)} <= pairs
    assert all(fuzz.ratio(names[i], names[j]) >= 80 for i, j in pairs)
