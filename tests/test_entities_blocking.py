"""The bulk shortcuts of blocking give exactly what the plain computations give."""

from __future__ import annotations

import itertools
import random

import numpy as np
from rapidfuzz import fuzz

from corpus.entities.blocking import LetterCounts, exhaustive_pairs, similar_names
from corpus.entities.candidates import WORD_THRESHOLD, near_words
from corpus.entities.word_variants import one_word_apart, variant_pairs


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


def _one_word_apart_by_hand(names, keys, threshold):
    """Every two names of one length differing in exactly one aligned word (own or sorted order)
    whose words reach the threshold."""
    pairs = set()
    for i, j in itertools.combinations(range(len(names)), 2):
        for a, b in ((names[i], names[j]), (tuple(sorted(names[i])), tuple(sorted(names[j])))):
            differ = [(x, y) for x, y in zip(a, b) if x != y]
            if len(a) == len(b) and len(differ) == 1 and fuzz.ratio(*(keys[w] for w in differ[0])) >= threshold * 100:
                pairs.add((i, j))
    return pairs


def test_one_word_groups_find_every_name_one_near_word_apart() -> None:
    rng = random.Random(5)
    keys = list(dict.fromkeys("".join(rng.choice("abcde") for _ in range(rng.randint(3, 7))) for _ in range(40)))
    names = list({tuple(rng.randrange(len(keys)) for _ in range(rng.randint(1, 3))) for _ in range(500)})
    expected = _one_word_apart_by_hand(names, keys, 0.7)
    found = {tuple(p) for p in one_word_apart(names, keys, 0.7, max_group=len(names)).tolist()}
    assert len(expected) > 30 and found == expected
    capped = {tuple(p) for p in one_word_apart(names, keys, 0.7, max_group=3).tolist()}
    assert capped < expected  # oversized groups are left out, nothing is made up


def test_a_pair_of_words_exactly_at_the_threshold_counts() -> None:
    keys = ["artimisin", "artim"]  # ratio 10/14 = 5/7
    assert fuzz.ratio(*keys) >= 100 * 5 / 7
    assert one_word_apart([(0,), (1,)], keys, 5 / 7).tolist() == [[0, 1]]


def test_nearest_words_are_the_closest_first_as_sorted_by_hand() -> None:
    rng = random.Random(11)
    keys = list(dict.fromkeys("".join(rng.choice("abc") for _ in range(rng.randint(5, 8))) for _ in range(300)))
    found = near_words(keys, exhaustive_pairs)
    for i, near in enumerate(found):
        # Ties go to the later word, as a plain sort of (score, word) from the top does.
        scored = sorted(((fuzz.ratio(keys[i], keys[j]), j) for j in range(len(keys))
                         if j != i and fuzz.ratio(keys[i], keys[j]) >= WORD_THRESHOLD * 100), reverse=True)
        assert near == [j for _, j in scored[:5]]
    assert any(len(near) == 5 for near in found) and any(len(near) < 5 for near in found)


def test_the_bound_on_any_pairs_is_the_bound_on_neighbours() -> None:
    rng = random.Random(4)
    strings = ["".join(rng.choice("abcdefgh -") for _ in range(rng.randint(1, 16))) for _ in range(3000)]
    letters = LetterCounts(strings)
    left = np.array([rng.randrange(len(strings)) for _ in range(5000)])
    right = np.array([rng.randrange(len(strings)) for _ in range(5000)])
    keep = letters.may_pair(left, right, 70)
    assert not [k for k in range(len(left)) if not keep[k] and fuzz.ratio(strings[left[k]], strings[right[k]]) >= 70]
    assert not keep.all()
    order = np.array(sorted(range(len(strings)), key=strings.__getitem__))
    taken = letters.taken(order)
    assert (taken.may_reach(None, 2, 70) == letters.may_pair(order[:-2], order[2:], 70)).all()
