"""A transliteration-aware key: spellings that romanisation systems make of one name agree.

Kiev and Kyiv, Kharkov and Kharkiv, Odessa and Odesa, Zelensky, Zelenskyy and Zelenskiy are
one Cyrillic name romanised by different conventions (Russian vs Ukrainian forms, BGN/PCGN vs
national systems, English vs German spelling). Edit distance scores them poorly; this key
rewrites each token by the rules those conventions differ in, so they come out equal or close:

- iotated and front vowels (е, є, и, і, ї, й written e, ie, ye, je, i, y, yi, ï) are one class;
- the Russian o in a closing syllable is the Ukrainian i (Kharkov / Kharkiv, Lvov / Lviv);
- Ukrainian h is Russian g (Luhansk / Lugansk, Chernihiv / Chernigov);
- digraphs (kh, zh, ch, sh) and letters spelt differently across languages (w/v, c/k/q, x/ks,
  ph/f, dj/dzh) are unified; doubled letters are single (Odessa / Odesa);
- adjective endings -sky / -skyy / -skiy / -skyi / -skyj are one;
- an initial stop is voiced in one system and not in another (Korean Busan / Pusan, Daegu /
  Taegu, Jeju / Cheju, Gyeonggi / Kyonggi), and the Arabic article is al- or el-.

The key is a similarity signal, never identity: candidates built on it are only proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable


@dataclass(frozen=True)
class Rule:
    name: str  # how the rule is named in a candidate's explanation
    pattern: re.Pattern
    replacement: str | Callable[[re.Match], str]
    needs: frozenset[str]  # letters without which the rule cannot apply (skips the regex)


def _rule(name: str, pattern: str, replacement: str | Callable[[re.Match], str], needs: str = "") -> Rule:
    return Rule(name, re.compile(pattern), replacement, frozenset(needs))


_DEVOICED = {"g": "k", "d": "t", "b": "p", "J": "C"}


# Order matters: digraphs before single letters, vowel classes before doubled letters.
RULES: tuple[Rule, ...] = (
    _rule("al-/el- article", r"^el$", "al", "l"),
    _rule("-sky/-skyy/-skiy ending", r"(?<=[^aeiouy])(?:iy|yy|yi|ij|yj|ii|iyi)$", "y", "iyj"),
    _rule("initial ye/ie/je = e", r"^[yij]e", "e", "e"),
    _rule("-ovka/-ivka", r"ovk", "ivk", "k"),
    _rule("dzh/dj", r"dzh|dj", "J", "j"),
    _rule("kh", r"kh", "X", "h"),
    _rule("zh", r"zh", "Z", "h"),
    _rule("shch/sh/sch", r"shch|sch|sh|sz", "S", "hz"),
    _rule("ch/tch/cz", r"tch|ch|cz", "C", "hz"),
    _rule("ph/f", r"ph", "f", "h"),
    _rule("th/t", r"th", "t", "h"),
    _rule("ck/c/q/k", r"ck|c|q", "k", "cq"),
    _rule("x/ks", r"x", "ks", "x"),
    _rule("w/v", r"w", "v", "w"),
    _rule("initial g/k, d/t, b/p, j/ch (Korean romanisations)", r"^[gdbJ]",
          lambda m: _DEVOICED[m.group()], "gdbJ"),
    _rule("h/g (Ukrainian/Russian)", r"gh|h", "g", "h"),
    _rule("j/y", r"(?<=[aeiouy])j|j$", "y", "j"),
    _rule("oo/ou = u", r"oo|ou", "u", "o"),
    _rule("o/i in closing syllable (Russian/Ukrainian)", r"o(?=[^aeiouy]+$)", "i", "o"),
    _rule("e/i/y vowel class", r"[eiy]+", "i", "eiy"),
    _rule("-ia/-ye ending", r"(?<=[^aeiou])ia$", "i", "a"),
    _rule("double letters", r"(.)\1+", r"\1"),
)


@lru_cache(maxsize=200_000)
def token_key(token: str) -> tuple[str, tuple[str, ...]]:
    """The transliteration key of one identity-key token, and the names of the rules applied."""
    fired: list[str] = []
    text = token
    for rule in RULES:
        if rule.needs and rule.needs.isdisjoint(text):
            continue
        rewritten = rule.pattern.sub(rule.replacement, text)
        if rewritten != text:
            fired.append(rule.name)
            text = rewritten
    return text, tuple(fired)


def translit_tokens(key: str) -> list[str]:
    return [token_key(token)[0] for token in key.split()]


def translit_key(key: str) -> str:
    """The whole-name key: token keys joined by spaces (input is an identity key)."""
    return " ".join(translit_tokens(key))


def rules_between(left: str, right: str) -> list[str]:
    """Rules that make two differing tokens agree, for explanations ("ie/yi", "-sky/-skyy")."""
    (_, left_rules), (_, right_rules) = token_key(left), token_key(right)
    fired = [name for name in left_rules if name not in right_rules] + [
        name for name in right_rules if name not in left_rules
    ]
    if not fired:
        fired = [name for name in left_rules if name in right_rules]
    return list(dict.fromkeys(fired))
