"""How alike two names are, whether they would be proposed as one entity, and why.

The score is rapidfuzz similarity on normalised, tokenised names, taken token by token and
raised where the transliteration-aware key says two spellings are one romanised name. Hard
negatives are never proposed whatever the score: a person and a place; a name and the same name
plus a word ("Kyiv" / "Kyiv Post", "Korea" / "North Korea"); names told apart by a qualifier or
a number ("North" / "South"); a place and its people (Russia / Russian), whatever the model's
labels say; male and female forms of a surname (Zelensky / Zelenska); acronyms
that differ in any letter (CPU / GPU, BBC / BBQ).

Acronyms and initialisms are spelt, not romanised: a word written in capitals (NYC, DPRK) or a
short one with two (SoC, PhD), and two one-word names of three letters or fewer (Nok / Nyc), are
compared letter for letter, never through the transliteration key, which would make most short
names equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from corpus.entities import types
from corpus.entities.normalise import cased_key, display_form
from corpus.entities.translit import rules_between, token_key

THRESHOLD = 0.80  # chosen on the dev half of bench/data/name_variants.tsv (best F1)
# A transliteration match is strong evidence but not proof, so it scores just below an exact one.
TRANSLIT_WEIGHT = 0.98
# Below this, a token is a different word, and the names are different however alike the rest is.
TOKEN_FLOOR = 0.75
WEAKEST_WORD_MARGIN = 0.12
# A word that is another plus a suffix of this many letters is another place (Mykolaiv / Mykolaivka).
SUFFIX_LETTERS = 2
JOINED_MINIMUM = 0.95
PARTIAL_SURNAME, PARTIAL_PREFIX = 0.90, 0.88
QUALIFIERS = frozenset(
    "north south east west northern southern eastern western central upper lower new old great "
    "greater little inner outer junior jr senior sr".split()
)
_FEMALE_ENDINGS = ("aya", "aia", "ia", "ya", "a")
_MALE_ENDING = re.compile(r"(?:iy|yy|yi|ij|y|i)$")
_DIGIT = re.compile(r"\d")
SHORT_NAME_LETTERS = 3
ACRONYM_MIXED_LETTERS = 4  # McCain and LeBron have two capitals too, but are longer


class NameInfo:
    """A name with what scoring needs of it, computed once."""

    __slots__ = ("text", "type", "key", "tokens", "tr_tokens", "words", "acronyms")

    def __init__(self, text: str, type: str | None = None):
        self.text, self.type = text, type
        self.key, self.tokens, self.tr_tokens, self.words, self.acronyms = _parts(text)

    @property
    def shown(self) -> str:
        return display_form(self.text)

    @property
    def is_short(self) -> bool:
        """One word of a few letters: an abbreviation more often than a name (Nok, Nyc)."""
        return len(self.tokens) == 1 and len(self.tokens[0]) <= SHORT_NAME_LETTERS


def is_acronym(word: str) -> bool:
    """A word, as written, in capitals (NATO, DPRK, BBC), or short with two of them (SoC, PhD, iOS)."""
    if word.islower() or (word[:1].isupper() and word[1:].islower()):  # most words, answered in C
        return False
    letters = [c for c in word if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 2 and (capitals == len(letters) or len(letters) <= ACRONYM_MIXED_LETTERS)


@lru_cache(maxsize=500_000)
def _parts(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[bool, ...]]:
    cased = cased_key(text)
    key = cased.lower()  # the identity key
    tokens = key.split()
    # `words` are the tokens as written, for explanations and for telling acronyms.
    words = tuple(cased.split())
    acronyms = tuple(is_acronym(w) for w in words)
    tr_tokens = tuple(t if acronym else token_key(t)[0] for t, acronym in zip(tokens, acronyms))
    return key, tuple(tokens), tr_tokens, words, acronyms


@dataclass(frozen=True)
class Match:
    score: float
    proposed: bool
    explanation: str
    relation: str  # identical, variant, partial, different, blocked


@lru_cache(maxsize=500_000)
def name_info(text: str, type: str | None = None) -> NameInfo:
    return NameInfo(text, type)


def score_pair(a: NameInfo, b: NameInfo, threshold: float = THRESHOLD) -> Match:
    """Score two names; `proposed` says whether they would be put to the analyst."""
    if not a.key or not b.key:
        return Match(0.0, False, "an empty name matches nothing", "different")
    if a.key == b.key:
        return Match(1.0, False, f"already one name (same identity key ‘{a.key}’)", "identical")
    reason = types.conflict(a.type, b.type) if a.type != b.type else None
    if reason:
        return _blocked(_text_score(a, b), f"{reason} ({a.type} vs {b.type})")
    if len(a.tokens) != len(b.tokens):
        contained = _containment(a, b)
        if contained:
            return contained
        return _joined(a, b, threshold)
    blocked = _distinguished(a, b)
    if blocked:
        return blocked
    return _aligned(a, b, threshold)


def _blocked(score: float, why: str) -> Match:
    return Match(round(score, 3), False, f"never proposed: {why}", "blocked")


@lru_cache(maxsize=1_000_000)
def _token_similarity(x: str, y: str, tx: str, ty: str, literal: bool = False) -> tuple[float, str]:
    """How alike two words are, and how; `literal` words (acronyms) are one only if spelt the same."""
    if x == y:
        return 1.0, "same"
    text = fuzz.ratio(x, y) / 100
    if literal:
        return text, "literal"
    translit = TRANSLIT_WEIGHT * fuzz.ratio(tx, ty) / 100
    if translit > text:
        return translit, "translit"
    return text, "spelling"


def _aligned(a: NameInfo, b: NameInfo, threshold: float) -> Match:
    in_order = list(range(len(a.tokens)))
    score, steps = _align(a, b, in_order, in_order)
    if len(a.tokens) > 1 and score < threshold:  # reordered words ("Suk-yeol Yoon") can only help
        a_sorted = sorted(in_order, key=a.tokens.__getitem__)
        b_sorted = sorted(in_order, key=b.tokens.__getitem__)
        reordered, reordered_steps = _align(a, b, a_sorted, b_sorted)
        if reordered > score + 0.05:
            score, steps = reordered, reordered_steps
    for i, j, sim, how in steps:
        x, y = a.words[i], b.words[j]
        if how == "literal":
            what = "acronyms" if a.acronyms[i] or b.acronyms[j] else "short names"
            return Match(round(score, 3), False,
                         f"‘{x}’ and ‘{y}’ are different {what} (compared letter for letter)", "different")
        if sim < TOKEN_FLOOR:
            return Match(round(score, 3), False, f"‘{x}’ and ‘{y}’ are different words", "different")
    explanation = "; ".join([_describe_token(a.words[i], b.words[j], sim, how) for i, j, sim, how in steps])
    proposed = score >= threshold
    if not proposed:
        explanation = f"below {threshold:.2f}: {explanation}"
    return Match(round(score, 3), proposed, explanation, "variant" if proposed else "different")


def _align(a: NameInfo, b: NameInfo, a_order: list[int], b_order: list[int]):
    """Length-weighted mean of word similarities, held down by the weakest word."""
    total = weight = 0.0
    lowest = 1.0
    steps = []
    both_short = a.is_short and b.is_short
    for i, j in zip(a_order, b_order):
        x, y = a.tokens[i], b.tokens[j]
        literal = both_short or a.acronyms[i] or b.acronyms[j]
        sim, how = _token_similarity(x, y, a.tr_tokens[i], b.tr_tokens[j], literal)
        w = max(len(x), len(y))
        total, weight = total + sim * w, weight + w
        lowest = min(lowest, sim)
        steps.append((i, j, sim, how))
    score = total / weight if weight else 0.0
    # One word that differs much is not averaged away by the others (Lee Jae-myung / Lee Jae-yong).
    score = min(score, lowest + WEAKEST_WORD_MARGIN)
    # A different word, or an acronym spelt differently, makes different names however alike the rest.
    if lowest < TOKEN_FLOOR or any(how == "literal" for *_, how in steps):
        score = min(score, TOKEN_FLOOR)
    return score, steps


@lru_cache(maxsize=200_000)
def _describe_token(x: str, y: str, sim: float, how: str) -> str:
    if how == "same":
        return f"same ‘{x}’"
    if how == "translit":
        rules = ", ".join(rules_between(x.lower(), y.lower())) or "transliteration"
        exact = "same" if sim >= TRANSLIT_WEIGHT else f"{sim:.0%} alike"
        return f"‘{x}’ ~ ‘{y}’ {exact} under transliteration ({rules})"
    return f"‘{x}’ ~ ‘{y}’ spelling {sim:.0%} alike"


def _containment(a: NameInfo, b: NameInfo) -> Match | None:
    short, long = (a, b) if len(a.tokens) < len(b.tokens) else (b, a)
    n = len(short.tr_tokens)
    is_prefix = long.tr_tokens[:n] == short.tr_tokens
    is_suffix = long.tr_tokens[-n:] == short.tr_tokens
    inside = is_prefix or is_suffix or set(short.tr_tokens) <= set(long.tr_tokens)
    if not inside:
        return None
    extra = " ".join(w for w, tr in zip(long.words, long.tr_tokens) if tr not in short.tr_tokens)
    text_score = round(fuzz.ratio(a.key, b.key) / 100, 3)
    qualifier = next((w for w in extra.split() if w.lower() in QUALIFIERS), None)
    if qualifier:
        return _blocked(text_score, f"‘{qualifier}’ tells ‘{long.shown}’ apart from ‘{short.shown}’")
    if types.kind(long.type) == "person" and types.kind(short.type) in ("person", "org", "other", None):
        if is_suffix:
            return Match(PARTIAL_SURNAME, True, f"‘{short.shown}’ is the surname of ‘{long.shown}’", "partial")
        if is_prefix:
            return Match(PARTIAL_PREFIX, True,
                         f"‘{short.shown}’ begins ‘{long.shown}’ (family name first, or a cut-off name)",
                         "partial")
    if types.kind(long.type) is None and types.kind(short.type) is None:
        return _blocked(text_score, f"‘{long.shown}’ adds ‘{extra}’ to ‘{short.shown}’ "
                                    "(a partial name is proposed only when both are people)")
    return _blocked(text_score, f"‘{long.shown}’ is ‘{short.shown}’ plus ‘{extra}’, a different thing")


def _joined(a: NameInfo, b: NameInfo, threshold: float) -> Match:
    """Names whose words are split differently (Kim Jongun / Kim Jong Un)."""
    text = fuzz.ratio("".join(a.tokens), "".join(b.tokens)) / 100
    translit = TRANSLIT_WEIGHT * fuzz.ratio("".join(a.tr_tokens), "".join(b.tr_tokens)) / 100
    score = max(text, translit)
    # Only a different split of the same letters: a word more or less is another name.
    proposed = score >= max(threshold, JOINED_MINIMUM)
    explanation = f"written as {len(a.tokens)} vs {len(b.tokens)} words, {score:.0%} alike when joined"
    if not proposed:
        explanation = f"below {threshold:.2f}: {explanation}"
    return Match(round(score, 3), proposed, explanation, "variant" if proposed else "different")


def _text_score(a: NameInfo, b: NameInfo) -> float:
    return fuzz.ratio(a.key, b.key) / 100


def _distinguished(a: NameInfo, b: NameInfo) -> Match | None:
    # Two names both known as places are not a place and its people (Sukhum / Sukhumi).
    both_places = types.kind(a.type) == types.kind(b.type) == "place"
    for x, y, lx, ly, tx, ty in zip(a.words, b.words, a.tokens, b.tokens, a.tr_tokens, b.tr_tokens):
        if lx == ly:
            continue
        demonym = _demonym(lx, ly) if not both_places else None
        if demonym:
            place, people = (x, y) if demonym[0] == lx else (y, x)
            return _blocked(_text_score(a, b), f"‘{people}’ names the people of ‘{place}’, not the place")
        # One word plus a suffix is another name (Niger / Nigeria, Mykolaiv / Mykolaivka); in longer
        # names a suffix is more often an inflection (Novaya / Nova Kakhovka, Petr / Petro).
        extended = _suffix_extension(lx, ly) if len(a.words) == 1 else None
        if extended and tx != ty:
            short, long = (x, y) if extended[0] == lx else (y, x)
            return _blocked(_text_score(a, b), f"‘{long}’ is ‘{short}’ plus ‘-{extended[2]}’, another name")
        if lx in QUALIFIERS or ly in QUALIFIERS:
            return _blocked(_text_score(a, b), f"‘{x}’ vs ‘{y}’ tells them apart")
        if not (lx + ly).isalpha() and _DIGIT.search(lx + ly):
            return _blocked(_text_score(a, b), f"different numbers (‘{x}’ vs ‘{y}’)")
    if "place" not in (types.kind(a.type), types.kind(b.type)) and _gendered(a.tokens[-1], b.tokens[-1]):
        return _blocked(_text_score(a, b), f"‘{a.words[-1]}’ and ‘{b.words[-1]}’ are the male and female "
                                    "forms of one surname")
    return None


def _suffix_extension(x: str, y: str) -> tuple[str, str, str] | None:
    """(shorter, longer, suffix) when one word is the other plus letters (Niger / Nigeria)."""
    short, long = (x, y) if len(x) < len(y) else (y, x)
    if not long.startswith(short):
        return None
    suffix = long[len(short):]
    if len(suffix) >= SUFFIX_LETTERS or len(short) <= 4:
        return short, long, suffix
    return None


# How the people of a place are named in English: Russia / Russian, Israel / Israeli, Ukraine /
# Ukrainian, Taiwan / Taiwanese, Sweden / Swedish, Germany / German. Each is (what the place's
# name ends with, what replaces that ending).
_DEMONYM_FORMS = (
    ("a", "an"), ("", "ian"), ("e", "ian"), ("a", "ian"), ("y", "ian"), ("o", "an"), ("", "ese"), ("a", "ese"),
    ("en", "ish"), ("and", "ish"), ("ain", "ish"), ("ey", "ish"), ("y", ""),
)
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=200_000)
def _demonym(x: str, y: str) -> tuple[str, str] | None:
    """(place, people) when one word is the other's demonym; a place ending in a consonant takes
    "-i" (Israeli, Pakistani). Variants of a name never differ in these endings alone."""
    for place, people in ((x, y), (y, x)):
        if len(place) < 4:
            continue
        if people == place + "i" and place[-1] not in _VOWELS:
            return place, people
        for ending, replacement in _DEMONYM_FORMS:
            if place.endswith(ending) and people == place[:len(place) - len(ending)] + replacement:
                if replacement or people.endswith("an"):  # Germany / German
                    return place, people
    return None


@lru_cache(maxsize=200_000)
def _gendered(x: str, y: str) -> bool:
    for female, male in ((x, y), (y, x)):
        for ending in _FEMALE_ENDINGS:
            if female.endswith(ending) and not male.endswith(ending):
                stem = female[: -len(ending)]
                if len(stem) >= 4 and stem in (male, _MALE_ENDING.sub("", male)):
                    return True
                break
    return False
