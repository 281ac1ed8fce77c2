"""Attributed statements found in the real sample article by the dependency parse."""

from __future__ import annotations

import pytest
from claim_helpers import sample_text

from corpus.claims.suggest import find_candidates
from corpus.cleaning import clean_text


@pytest.fixture(scope="module")
def raw_candidates(nlp, shared_samples):
    return find_candidates(nlp(sample_text(shared_samples)))


@pytest.fixture(scope="module")
def cleaned_candidates(nlp, shared_samples):
    return find_candidates(nlp(clean_text(sample_text(shared_samples)).body))


def _find(candidates, fragment: str):
    found = [c for c in candidates if fragment in c.quote]
    assert found, f"no candidate quotes {fragment!r}"
    return found[0]


@pytest.mark.parametrize("which", ["raw_candidates", "cleaned_candidates"])
@pytest.mark.parametrize("fragment, speaker, verb, pattern", [
    ("it will likely tread cautiously", "Doo Jin-ho", "suggested", "reported"),
    ("unlikely to make a clear commitment", "Doo Jin-ho", "said", "direct-quote"),
    ("adopt a wait-and-see approach", "Doo Jin-ho", "said", "continued-quote"),
    ("a change in tone after the US elections", "Doo Jin-ho", "added", "direct-quote"),
    ("prioritize long-term national interests", "Andrey Rudenko", "said", "direct-quote"),
    ("we will gradually adjust our support strategy", "Yoon", "said", "direct-quote"),
    ("his country could increase its support", "Yoon", "warned", "reported"),
    ("the delegation plans to meet with South Korean officials",
     "A source who requested anonymity", "said", "reported"),
    ("may step back as US President-elect Donald Trump", "Bloomberg", "according to", "according-to"),
    ("defense ministry declined to comment", "South Korea’s defense ministry", "declined to comment", "no-comment"),
    ("defence minister could be fired".replace("defence", "defense"), "Opposition lawmakers", "warned", "reported"),
    ("Moscow appeared eager to maintain its ties", "Cho Han-bum", "said", "reported"),
])
def test_the_required_statements_are_found_with_their_speaker(request, which, fragment, speaker, verb, pattern) -> None:
    candidate = _find(request.getfixturevalue(which), fragment)
    assert speaker in (candidate.speaker_name, candidate.speaker_text)
    assert (candidate.verb, candidate.pattern) == (verb, pattern)


def test_the_quote_is_the_statement_without_quotation_marks_or_that(raw_candidates) -> None:
    rudenko = _find(raw_candidates, "prioritize long-term")
    assert rudenko.quote.startswith("We hope that Seoul") and rudenko.quote.endswith("from outside")
    assert rudenko.attribution == "Russian Deputy Foreign Minister Andrey Rudenko said Sunday"
    doo = _find(raw_candidates, "tread cautiously")
    assert doo.quote.startswith("although South Korea")
    assert doo.attribution.startswith("Doo Jin-ho, a research fellow")


def test_pronouns_and_bare_surnames_resolve_to_the_named_speaker(raw_candidates) -> None:
    he_said = _find(raw_candidates, "unlikely to make a clear commitment")
    assert (he_said.speaker_pronoun, he_said.antecedent_text, he_said.attribution) == ("he", "Doo Jin-ho", "he said")
    assert _find(raw_candidates, "a change in tone").speaker_text == "Doo"
    according_to_him = _find(raw_candidates, "its priority will be defensive weapons")
    assert according_to_him.speaker_pronoun == "him" and according_to_him.antecedent_text.startswith("Yoon")
    assert _find(raw_candidates, "he warned against it").antecedent_text == "Cho Han-bum"


def test_the_stray_he_said_yields_nothing(raw_candidates) -> None:
    assert not [c for c in raw_candidates if c.quote.strip(". ") in ("", "he said")]


def test_stances_and_cited_outlets_come_from_the_wording(raw_candidates) -> None:
    assert _find(raw_candidates, "tread cautiously").stance == "speculates"
    assert _find(raw_candidates, "his country could increase").stance == "warns"
    assert _find(raw_candidates, "deployed to Russia’s Kursk region").stance == "confirms"
    assert _find(raw_candidates, "declined to comment").stance == "declines"
    bloomberg = _find(raw_candidates, "may step back")
    assert bloomberg.cited_outlet == "Bloomberg" and bloomberg.quote.startswith("South Korea, which")
    sources = _find(raw_candidates, "a Ukrainian delegation led by")
    assert (sources.speaker_descriptor, sources.cited_outlet) == ("sources", None)


def test_nested_attributions_are_split_between_their_speakers(raw_candidates) -> None:
    lee = _find(raw_candidates, "align its policy")
    assert lee.speaker_text == "Lee Sung-won"
    assert lee.quote == "Seoul could align its policy with a potential Trump administration"


@pytest.mark.parametrize("text, fragment, speaker, verb", [
    ("The Kremlin denied that it had sent troops to the border.", "it had sent troops", "Kremlin", "denied"),
    ("“We will win this war,” said Zelenskyy.", "We will win this war", "Zelenskyy", "said"),
    ("Officials refused to comment on the strike.", "refused to comment", "Officials", "refused to comment"),
    ("Zelenskyy told reporters that the war would end soon.", "the war would end soon", "Zelenskyy", "told"),
    ("According to Reuters, the grain corridor reopened on Monday.", "the grain corridor reopened", "Reuters",
     "according to"),
])
def test_common_newswire_attributions(nlp, text, fragment, speaker, verb) -> None:
    candidate = _find(find_candidates(nlp(text)), fragment)
    assert speaker in (candidate.speaker_text or candidate.speaker_descriptor or "")
    assert candidate.verb == verb
