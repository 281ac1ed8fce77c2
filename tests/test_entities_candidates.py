"""Candidate pairs: who is proposed, who never is, why, and blocking that finds them."""

from __future__ import annotations

import random

import pytest

from corpus.entities.blocking import exhaustive_pairs, similar_pairs
from corpus.entities.candidates import NameEntry, generate
from corpus.entities.scoring import THRESHOLD, name_info, score_pair


def _match(left: str, right: str, left_type: str | None = None, right_type: str | None = None):
    return score_pair(name_info(left, left_type), name_info(right, right_type))


@pytest.mark.parametrize(("left", "right", "types", "words"), [
    ("Kiev", "Kyiv", ("ORG", "GPE"), "transliteration"),
    ("Kharkov", "Kharkiv", ("GPE", "GPE"), "closing syllable"),
    ("Odessa", "Odesa", ("GPE", "GPE"), "double letters"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy", ("PERSON", "PERSON"), "-skyy"),
    ("Zelensky", "Zelenskiy", ("PERSON", "PERSON"), "-skiy"),
    ("Kim Jongun", "Kim Jong Un", ("PERSON", "PERSON"), "joined"),
    ("Trump", "Donald Trump", ("ORG", "PERSON"), "surname"),
    ("Yoon", "Yoon Suk-yeol", ("PERSON", "PERSON"), "begins"),
    ("Korea Institute for Defense Analyzes", "Korea Institute for Defense Analyses", ("ORG", "ORG"), "spelling"),
])
def test_variants_are_proposed_with_a_reason(left, right, types, words) -> None:
    match = _match(left, right, *types)
    assert match.proposed and match.score >= THRESHOLD
    assert words in match.explanation


@pytest.mark.parametrize(("left", "right", "types", "words"), [
    ("Kyiv Post", "Kyiv", ("ORG", "GPE"), "plus ‘Post’"),
    ("Kiev Post", "Kyiv", ("ORG", "GPE"), "plus ‘Post’"),
    ("North Korea", "Korea", ("GPE", "GPE"), "‘North’ tells"),
    ("Donald Trump Jr.", "Donald Trump", ("PERSON", "PERSON"), "‘Jr’ tells"),
    ("Mykolaivka", "Mykolaiv", ("GPE", "GPE"), "plus ‘-ka’"),
    ("North Korea", "South Korea", ("GPE", "GPE"), "‘North’ vs ‘South’"),
    ("Georgia", "Georgia", ("PERSON", "GPE"), "already one name"),
    ("Jordan", "Jordan Peterson", ("GPE", "PERSON"), "person is never a place"),
    ("Kyiv", "Kiev", ("PERSON", "GPE"), "person is never a place"),
    ("Ukraine", "Ukrainian", ("GPE", "NORP"), "nationality"),
    ("Zelensky", "Zelenska", ("PERSON", "PERSON"), "male and female"),
    ("Kim Jong-un", "Kim Jong-il", ("PERSON", "PERSON"), "different words"),
    ("Vitali Klitschko", "Wladimir Klitschko", ("PERSON", "PERSON"), "different words"),
    ("47th Brigade", "41st Brigade", ("ORG", "ORG"), "different numbers"),
    ("Iran", "Iraq", ("GPE", "GPE"), "below"),
])
def test_hard_negatives_are_never_proposed(left, right, types, words) -> None:
    match = _match(left, right, *types)
    assert not match.proposed
    assert words in match.explanation


@pytest.mark.parametrize(("left", "right"), [
    ("CPU", "GPU"), ("NOK", "NYC"), ("BBC", "BBQ"), ("CIA", "KIA"), ("DPRK", "DPRC"), ("UNESCO", "UNESKO"),
    ("BBC News", "BBQ News"), ("SoC", "Sync"), ("DoD", "DoJ"), ("Nok", "Nyc"), ("Kim", "Kym"),
])
def test_acronyms_and_short_names_differing_in_a_letter_are_different_things(left, right) -> None:
    match = _match(left, right)
    assert not match.proposed and match.score < THRESHOLD
    assert "compared letter for letter" in match.explanation and "transliteration" not in match.explanation


@pytest.mark.parametrize(("left", "right"), [
    ("Kiev", "Kyiv"), ("Kharkov", "Kharkiv"), ("Odessa", "Odesa"), ("Zelensky", "Zelenskyy"),
    ("Zelensky", "Zelenskiy"), ("Zelenskyy", "Zelenskiy"), ("Qom", "Ghom"), ("Krivoy Rog", "Kryvyi Rih"),
])
def test_transliteration_still_joins_names_that_are_not_acronyms(left, right) -> None:
    match = _match(left, right)
    assert match.proposed and "transliteration" in match.explanation


def test_an_acronym_is_one_name_only_with_its_own_spelling() -> None:
    assert _match("NATO", "Nato").relation == "identical"
    assert _match("U.S.", "US").relation == "identical"
    assert _match("Kim Jong-un", "Kim Jong Un").relation == "identical"
    entries = [NameEntry(1, 1, "CPU", "ORG"), NameEntry(2, 2, "GPU", "ORG"), NameEntry(3, 3, "BBC", "ORG"),
               NameEntry(4, 4, "BBQ", "ORG"), NameEntry(5, 5, "CIA", "ORG"), NameEntry(6, 6, "Kia Motors", "ORG"),
               NameEntry(7, 7, "Kiev", "GPE"), NameEntry(8, 8, "Kyiv", "GPE")]
    assert {(c.left_name, c.right_name) for c in generate(entries)} == {("Kiev", "Kyiv")}


def test_partial_names_need_people_on_both_sides() -> None:
    assert not _match("Kyiv", "Kyiv Oblast", "GPE", "GPE").proposed
    assert not _match("Post", "Kyiv Post", "ORG", "ORG").proposed
    assert _match("Rudenko", "Andrey Rudenko", "PERSON", "PERSON").proposed


def test_generate_finds_variants_across_entities_and_skips_merged_ones() -> None:
    entries = [
        NameEntry(1, 1, "Kiev", "ORG"), NameEntry(2, 2, "Kyiv", "GPE"), NameEntry(3, 3, "Kyiv Post", "ORG"),
        NameEntry(4, 4, "Donald Trump", "PERSON"), NameEntry(5, 5, "Trump", "ORG"),
        NameEntry(6, 6, "Odessa", "GPE"), NameEntry(7, 6, "Odesa", "GPE"),  # already one entity
        NameEntry(8, 8, "North Korea", "GPE"), NameEntry(9, 9, "Korea", "GPE"), NameEntry(10, 10, "7", "GPE"),
    ]
    found = {(c.left_name, c.right_name) for c in generate(entries)}
    assert found == {("Kiev", "Kyiv"), ("Donald Trump", "Trump")}


def test_an_ambiguous_surname_is_not_proposed() -> None:
    entries = [NameEntry(i, i, f"{first} Kim", "PERSON") for i, first in enumerate(
        ["Jong Un", "Yo Jong", "Il Sung", "Jong Nam", "Dae Jung", "Jong Il"], start=1)]
    entries.append(NameEntry(99, 99, "Kim", "PERSON"))
    assert not [c for c in generate(entries) if 99 in (c.left_id, c.right_id)]


def test_word_blocking_finds_what_all_pairs_finds() -> None:
    rng = random.Random(7)
    stems = ["kharkiv", "zaporizhzhia", "dnipro", "mykolaiv", "sievierodonetsk", "volodymyr", "oleksandr",
             "kramatorsk", "pokrovsk", "bakhmut", "avdiivka", "melitopol", "berdiansk", "kherson"]
    words = set()
    while len(words) < 400:
        word = list(rng.choice(stems))
        for _ in range(rng.randint(1, 2)):
            word[rng.randrange(len(word))] = rng.choice("aeiouykh")
        words.add("".join(word))
    words = sorted(words)
    expected = {tuple(p) for p in exhaustive_pairs(words, 0.75).tolist()}
    found = {tuple(p) for p in similar_pairs(words, 0.75).tolist()}
    assert found <= expected
    assert len(found) >= 0.97 * len(expected)


def test_names_with_one_or_two_near_words_are_paired() -> None:
    entries = [NameEntry(1, 1, "Oleksandr Zelensky", "PERSON"), NameEntry(2, 2, "Aleksandr Zelenskyy", "PERSON"),
               NameEntry(3, 3, "Zelenskyy Oleksandr", "PERSON"), NameEntry(4, 4, "Kim Jongun", "PERSON"),
               NameEntry(5, 5, "Kim Jong Un", "PERSON"), NameEntry(6, 6, "Oleksandr Kovalenko", "PERSON")]
    found = {(c.left_id, c.right_id) for c in generate(entries)}
    assert {(1, 2), (1, 3), (4, 5)} <= found
    assert not [pair for pair in found if 6 in pair]


@pytest.mark.parametrize(("place", "people"), [
    ("Russia", "Russian"), ("Namibia", "Namibian"), ("Israel", "Israeli"), ("Ukraine", "Ukrainian"),
    ("Taiwan", "Taiwanese"), ("Sweden", "Swedish"), ("Germany", "German"), ("Mexico", "Mexican"),
])
def test_a_place_and_its_people_are_never_proposed_even_untyped(place, people) -> None:
    # The model's labels may be too few to trust (one mention each), so the names alone decide.
    for left, right in ((place, people), (people, place)):
        match = _match(left, right)
        assert not match.proposed
        assert f"‘{people}’ names the people of ‘{place}’" in match.explanation


@pytest.mark.parametrize(("left", "right"), [
    ("Zelensky", "Zelenskyi"), ("Yuri", "Yuriy"), ("Serhiy", "Serhii"), ("Oleksii", "Oleksiy"),
])
def test_name_endings_that_look_like_demonyms_still_join_variants(left, right) -> None:
    assert _match(left, right).proposed


def test_two_places_one_ending_in_i_are_still_variants() -> None:
    # Georgian place names are romanised with and without the final -i.
    assert _match("Sukhumi", "Sukhum", "GPE", "GPE").proposed
    assert not _match("Israel", "Israeli", "GPE", "NORP").proposed
