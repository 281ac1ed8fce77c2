"""Sentence and token boundaries, and the keyboard selection moves built on them."""

from __future__ import annotations

import pytest

from corpus import sentences
from corpus.sentences import Boundaries, Span, split_sentences, split_tokens

TEXT = (
    "Ukrainian Defense Minister Goes to South Korea\n"
    "\n"
    "A source who requested anonymity said the delegation plans to meet Mr. Kim on Wednesday. "
    "South Korea’s defense ministry declined to comment.\n"
    "“We hope that Seoul will prioritize long-term interests,” Rudenko said Sunday. he said."
)


def _texts(text: str, spans: list[Span]) -> list[str]:
    return [text[s.start:s.end] for s in spans]


def test_sentences_follow_lines_stops_and_quotes() -> None:
    assert _texts(TEXT, split_sentences(TEXT)) == [
        "Ukrainian Defense Minister Goes to South Korea",
        "A source who requested anonymity said the delegation plans to meet Mr. Kim on Wednesday.",
        "South Korea’s defense ministry declined to comment.",
        "“We hope that Seoul will prioritize long-term interests,” Rudenko said Sunday. he said.",
    ]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "Gen. Smith met U.S. officials. J. R. Doe agreed."
    assert _texts(text, split_sentences(text)) == ["Gen. Smith met U.S. officials.", "J. R. Doe agreed."]


def test_shared_sample_sentences_cover_the_text(shared_samples) -> None:
    text = (shared_samples / "articles" / "south-korea-weapons-wish-list.txt").read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert len(spans) > 30
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert "“This means that we do not rule out the possibility of providing weapons.”" in _texts(text, spans)
    covered = "".join(text[s.start:s.end] for s in spans)
    assert covered.replace(" ", "") == "".join(text.split())


def test_tokens_keep_inner_apostrophes_and_hyphens() -> None:
    text = "Korea’s long-term U.S.-made shells, 155 mm."
    assert _texts(text, split_tokens(text)) == ["Korea’s", "long-term", "U.S.-made", "shells", ",", "155", "mm", "."]


@pytest.fixture
def bounds() -> Boundaries:
    return Boundaries(TEXT)


def test_selection_grows_and_shrinks_by_token_at_the_end(bounds: Boundaries) -> None:
    first = bounds.sentence(1)
    grown = sentences.grow_end_by_token(bounds, first)
    assert TEXT[grown.start:grown.end].endswith("Wednesday. South")
    assert sentences.shrink_end_by_token(bounds, grown) == first
    shrunk = sentences.shrink_end_by_token(bounds, first)
    assert TEXT[shrunk.start:shrunk.end].endswith("on Wednesday")


def test_selection_moves_its_start_by_token(bounds: Boundaries) -> None:
    quote = bounds.sentence(3)
    later = sentences.shrink_start_by_token(bounds, quote)
    assert TEXT[later.start:later.end].startswith("We hope")
    assert sentences.grow_start_by_token(bounds, later) == quote


def test_selection_grows_and_shrinks_by_sentence(bounds: Boundaries) -> None:
    first = bounds.sentence(1)
    two = sentences.grow_end_by_sentence(bounds, first)
    assert two == Span(first.start, bounds.sentence(2).end)
    assert sentences.shrink_end_by_sentence(bounds, two) == first
    assert sentences.shrink_end_by_sentence(bounds, first) == first  # never empty
    earlier = sentences.grow_start_by_sentence(bounds, first)
    assert earlier.start == bounds.sentence(0).start
    assert sentences.shrink_start_by_sentence(bounds, earlier) == first


def test_selection_never_leaves_the_text(bounds: Boundaries) -> None:
    last = bounds.sentence(len(bounds.sentences) - 1)
    assert sentences.grow_end_by_sentence(bounds, last) == last
    assert sentences.grow_end_by_token(bounds, last) == last
    first = bounds.sentence(0)
    assert sentences.grow_start_by_token(bounds, first) == first
    single = Span(first.start, first.start + len("Ukrainian"))
    assert sentences.shrink_end_by_token(bounds, single) == single
    assert sentences.shrink_start_by_token(bounds, single) == single


def test_stored_sentences_are_used_when_given() -> None:
    stored = [Span(0, 11), Span(11, 20)]  # as spaCy gives them: trailing whitespace included
    bounds = Boundaries("x" * 10 + " " + "y" * 19, stored)
    assert bounds.sentences == [Span(0, 10), Span(11, 20)]
    assert bounds.sentence_index_at(15) == 1
    assert bounds.sentence_index_at(10) == 0
