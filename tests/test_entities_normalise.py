"""Automatic identity keys, mention trimming, transliteration keys and the noise rules."""

from __future__ import annotations

import pytest

from corpus.entities.noise import is_headline_cased
from corpus.entities.normalise import extend_hyphenated, identity_key, readable_case, trim_span
from corpus.entities.translit import token_key, translit_key


@pytest.mark.parametrize(("left", "right", "rule"), [
    ("South Korea", "south korea", "case"),
    ("South Korea’s", "South Korea", "curly possessive"),
    ("South Korea's", "South Korea", "straight possessive"),
    ("Reuters’", "Reuters", "plural possessive"),
    ("the Kyiv Post", "Kyiv Post", "leading the"),
    ("“W MIĘDZYCZASIE”", "W MIEDZYCZASIE", "quotes and diacritics"),
    ("Kim Jong-un", "Kim Jong Un", "hyphen vs space"),
    ("Zelenskyy  \n Volodymyr", "Zelenskyy Volodymyr", "whitespace"),
    ("U.S.", "US", "dotted abbreviation"),
    ("Dnipro", "Dnípro", "diacritics"),
])
def test_automatic_identity_rules(left: str, right: str, rule: str) -> None:
    assert identity_key(left) == identity_key(right), rule


@pytest.mark.parametrize(("left", "right"), [
    ("Kyiv Post", "Kyiv"), ("North Korea", "Korea"), ("Kiev", "Kyiv"), ("Zelensky", "Zelenska"),
])
def test_different_names_keep_different_keys(left: str, right: str) -> None:
    assert identity_key(left) != identity_key(right)


def test_trim_span_keeps_the_name_itself() -> None:
    text = "In an interview with the Kyiv Post’s editor, “Seoul” said"
    start = text.index("the Kyiv")
    s, e = trim_span(text, start, start + len("the Kyiv Post’s"))
    assert text[s:e] == "Kyiv Post"
    quoted = text.index("“Seoul”")
    s, e = trim_span(text, quoted, quoted + len("“Seoul”"))
    assert text[s:e] == "Seoul"


def test_a_name_cut_inside_a_hyphenated_word_is_completed() -> None:
    text = "President Yoon Suk-yeol said"
    end = text.index("-yeol")
    assert text[text.index("Yoon"):extend_hyphenated(text, end)] == "Yoon Suk-yeol"
    assert extend_hyphenated("Kim Jong - un", len("Kim Jong")) == len("Kim Jong")


@pytest.mark.parametrize(("left", "right"), [
    ("Kiev", "Kyiv"), ("Kharkov", "Kharkiv"), ("Odessa", "Odesa"), ("Zelensky", "Zelenskyy"),
    ("Zelensky", "Zelenskiy"), ("Lvov", "Lviv"), ("Lugansk", "Luhansk"), ("Chernigov", "Chernihiv"),
    ("Avdeyevka", "Avdiivka"), ("Zaluzhny", "Zaluzhnyi"), ("Tymoshenko", "Timoshenko"),
])
def test_romanisation_variants_share_a_transliteration_key(left: str, right: str) -> None:
    assert translit_key(identity_key(left)) == translit_key(identity_key(right))


@pytest.mark.parametrize(("left", "right"), [
    ("Iran", "Iraq"), ("Kyiv", "Kyivstar"), ("Zelensky", "Zelenska"), ("Lima", "Lome"), ("Austria", "Australia"),
])
def test_different_names_keep_different_transliteration_keys(left: str, right: str) -> None:
    assert translit_key(identity_key(left)) != translit_key(identity_key(right))


def test_transliteration_rules_are_named_for_explanations() -> None:
    key, rules = token_key("zelenskyy")
    assert key == token_key("zelenskiy")[0]
    assert "-sky/-skyy/-skiy ending" in rules


@pytest.mark.parametrize(("line", "headline"), [
    ("Brotherhood in Arms: Polish Foundation Brings Battlefield Healthcare Workers to Ukraine", True),
    ("Ukrainian Defense Minister Goes to South Korea with Weapons Wish List", True),
    ("Doo Jin-ho, a research fellow at the Korea Institute for Defense Analyzes, suggested that", False),
    ("Other Matters", False),
    ("Later, President Volodymyr Zelenskyy Met Yoon Suk-yeol in Seoul.", False),
])
def test_headline_cased_lines(line: str, headline: bool) -> None:
    assert is_headline_cased(line) is headline


@pytest.mark.parametrize(("name", "label", "shown"), [
    ("STOCKHOLM", "GPE", "Stockholm"),
    ("SOUTH KOREA", "GPE", "South Korea"),
    ("MARIA KOWALSKI", "PERSON", "Maria Kowalski"),
    ("KYIV", "GPE", "KYIV"),  # four letters: could be an acronym
    ("NEW YORK", "GPE", "NEW YORK"),
    ("UNESCO", "ORG", "UNESCO"),
    ("Stockholm", "GPE", "Stockholm"),
])
def test_names_seen_only_in_capitals_are_shown_as_written(name: str, label: str, shown: str) -> None:
    assert readable_case(name, label) == shown
