"""Find attributed statements in a parsed article and propose them as claims.

Works on the dependency parse and named entities of the one spaCy pass that extraction makes;
nothing is parsed again. Patterns found:

- reported speech: `X said/warned/suggested/denied (that) …` (the clausal complement);
- direct quotes: `“…,” X said`, `“…,” said X`, `X said: “…”` (the quoted words);
- a quote that continues in the next sentence or paragraph without a new attribution;
- `according to X, …` (X may be an outlet: "according to Bloomberg");
- `X declined to comment` / `refused to comment`;
- paraphrase: `X attributed … to …`, `X blamed …`, `X expressed doubts …`.

The speaker is the subject of the reporting verb: a named entity ("Andrey Rudenko"), a bare
name the model missed ("Doo", resolved to the full name given earlier), a pronoun ("he said",
resolved to the nearest earlier named person speaker) or an unnamed descriptor ("a source who
requested anonymity", "opposition lawmakers").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from corpus.claims.attribution import looks_like_outlet, stance_for_verb
from corpus.doc_processing import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

REPORTING = frozenset(
    "say tell add warn suggest claim deny confirm state note argue insist report announce explain "
    "believe think write acknowledge admit assert predict caution stress emphasise emphasize reveal "
    "allege maintain contend estimate agree threaten promise vow indicate declare respond reply "
    "tweet urge concede observe conclude complain recall dismiss reject dispute hint".split()
)
PARAPHRASE = frozenset("attribute blame accuse credit express".split())
NO_COMMENT = frozenset("decline refuse".split())
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "group", "them": "group"}
NAME_LABELS = frozenset("PERSON ORG GPE NORP FAC".split())
SUBJECTS = ("nsubj", "nsubjpass")
MIN_WORDS = 3
# How far back a pronoun looks for the person it refers to (characters).
PRONOUN_REACH = 1500

_QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"'}


@dataclass(frozen=True)
class Candidate:
    """One proposed claim; plain data so it pickles across worker processes."""

    start: int
    end: int
    quote: str
    pattern: str  # reported, direct-quote, continued-quote, according-to, no-comment, paraphrase
    verb: str
    verb_start: int
    attribution: str
    stance: str | None
    speaker_text: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_label: str | None = None  # the model's label for a named speaker
    speaker_descriptor: str | None = None
    speaker_pronoun: str | None = None
    antecedent_text: str | None = None  # the full name a bare name or pronoun refers to
    antecedent_start: int | None = None
    antecedent_end: int | None = None
    cited_outlet: str | None = None
    confidence: float = 0.5

    @property
    def speaker_name(self) -> str | None:
        """The best name for the speaker before entity resolution."""
        return self.antecedent_text or self.speaker_text or self.speaker_descriptor


@dataclass(frozen=True)
class _Speaker:
    text: str | None
    start: int | None = None
    end: int | None = None
    label: str | None = None
    descriptor: str | None = None
    pronoun: str | None = None
    bare_name: bool = False


class _Context:
    """What every pattern needs about the document, computed once."""

    def __init__(self, doc: "Doc"):
        self.doc = doc
        self.text = doc_text(doc)
        ents = doc.ents
        self.ent_of: dict[int, "Span"] = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        self.people = [ent for ent in ents if ent.label_ == "PERSON"]
        self.lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", self.text)]
        self.quotes = list(_quote_regions(self.text, self.lines))

    def line_of(self, offset: int) -> tuple[int, int]:
        for start, end in self.lines:
            if start <= offset < end:
                return start, end
        return 0, len(self.text)

    def quote_at(self, offset: int) -> tuple[int, int] | None:
        for start, end in self.quotes:
            if start <= offset < end:
                return start, end
        return None


def _quote_regions(text: str, lines: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Inner spans of quotations; a quotation left open runs to the end of its paragraph."""
    for line_start, line_end in lines:
        at = line_start
        while at < line_end:
            opener = next((i for i in range(at, line_end) if text[i] in _QUOTE_PAIRS), None)
            if opener is None:
                break
            if text[opener] == '"' and opener > line_start and text[opener - 1].isalnum():
                at = opener + 1  # a closing mark without its opener, or inches
                continue
            closer = text.find(_QUOTE_PAIRS[text[opener]], opener + 1, line_end)
            end = closer if closer != -1 else line_end
            yield opener + 1, end
            at = end + 1


def _trim(doc: "Doc", first: int, last: int) -> tuple[int, int] | None:
    """Token range without leading `that`, conjunctions and punctuation, or trailing punctuation."""
    while first <= last and (doc[first].is_punct or doc[first].dep_ in ("mark", "cc")
                             and doc[first].lower_ in ("that", "and", "but", "while", "whether")):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].dep_ == "cc"):
        last -= 1
    return (first, last) if first <= last else None


def _chars(doc: "Doc", first: int, last: int) -> tuple[int, int]:
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _strip_chars(text: str, start: int, end: int, keep_final_stop: bool) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\"“”‘’'«»,;:—–-"):
        start += 1
    strip = " \n\t\"“”‘’'«»,;:—–-" + ("" if keep_final_stop else ".")
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def _is_reporting_clause(token: "Token") -> bool:
    return token.lemma_ in REPORTING and any(c.dep_ in SUBJECTS for c in token.children)


def _subject(verb: "Token") -> "Token | None":
    """The verb's subject, or the one it shares with the verb it is coordinated with or modifies."""
    seen = 0
    while verb is not None and seen < 4:
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if subjects:
            # A dateline ("STOCKHOLM — Zelenskyy said") is parsed as a second subject: take the nearer.
            before = [c for c in subjects if c.i < verb.i]
            return before[-1] if before else subjects[0]
        if verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head is verb:
            return None
        verb, seen = verb.head, seen + 1
    return None


def _speaker(ctx: _Context, subject: "Token") -> _Speaker:
    doc = ctx.doc
    lower = subject.lower_
    if subject.pos_ == "PRON":
        if lower in PRONOUNS:
            return _Speaker(subject.text, subject.idx, subject.idx + len(subject.text), pronoun=lower)
        return _Speaker(None, descriptor=subject.text)
    ent = ctx.ent_of.get(subject.i)
    if ent is None:
        appositive = next((c for c in subject.children if c.dep_ == "appos" and c.i in ctx.ent_of), None)
        if appositive is not None and ctx.ent_of[appositive.i].label_ == "PERSON":
            ent = ctx.ent_of[appositive.i]
    if ent is not None and ent.label_ in NAME_LABELS:
        _, start, end = _full_name(ctx, ent) if ent.label_ == "PERSON" else (None, ent.start_char, ent.end_char)
        if ent[0].lower_ == "the" and len(ent) > 1:
            start = ent[1].idx
        return _Speaker(ctx.text[start:end], start, end, label=ent.label_)
    if subject.pos_ == "PROPN" and subject.text[:1].isupper():
        first = last = subject.i
        while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i >= first:
            first -= 1
        start, end = _chars(doc, first, last)
        return _Speaker(ctx.text[start:end], start, end, bare_name=True)
    line_start, line_end = ctx.line_of(subject.idx)
    words = [t.i for t in subject.subtree if line_start <= t.idx < line_end]
    trimmed = _trim(doc, min(words), max(words))
    if trimmed is None:
        return _Speaker(None, descriptor=subject.text)
    start, end = _chars(doc, *trimmed)
    return _Speaker(None, descriptor=ctx.text[start:end])


def _content_tokens(verb: "Token", head: "Token") -> tuple[int, int] | None:
    """Token range of the reported content under `head`, cut before any nested attribution."""
    first, last = head.left_edge.i, head.right_edge.i
    for token in head.subtree:
        if token is head or token is verb or not _is_reporting_clause(token):
            continue
        if token.left_edge.i > head.i:
            last = min(last, token.left_edge.i - 1)
        elif token.right_edge.i < head.i:
            first = max(first, token.right_edge.i + 1)
    if verb.left_edge.i <= first <= verb.i <= last:  # parataxis: `…, he said` inside the clause
        if verb.i > head.i:
            last = min(last, verb.left_edge.i - 1)
        else:
            first = max(first, verb.right_edge.i + 1)
    return _trim(verb.doc, first, last)


_OBJECT_VERBS = frozenset("deny confirm reject dismiss announce reveal dispute".split())


def _content_head(verb: "Token") -> "Token | None":
    for child in verb.children:
        if child.dep_ == "ccomp":
            return child
    if verb.lemma_ in _OBJECT_VERBS:
        return next((c for c in verb.children if c.dep_ in ("dobj", "xcomp", "pcomp")), None)
    if verb.lemma_ == "urge":  # "urged partners to speed up deliveries"
        return next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        return verb.head
    return None


def _attribution(ctx: _Context, verb: "Token", subject: "Token", skip: set[int]) -> str:
    """The attribution wording: the speaker phrase and the verb with its own modifiers."""
    keep = {verb.i}
    for child in verb.children:
        if child.i in skip or child.dep_ in ("punct", "cc", "conj", "mark", "advcl", "ccomp", "parataxis"):
            continue
        keep.update(t.i for t in child.subtree if t.i not in skip)
    if subject.head is not verb:
        keep.update(t.i for t in subject.subtree)
    line_start, line_end = ctx.line_of(verb.idx)
    ordered = sorted(i for i in keep if line_start <= ctx.doc[i].idx < line_end
                     and (not ctx.doc[i].is_punct or ctx.doc[i].text == ","))
    if not ordered:
        return verb.text
    pieces, run = [], [ordered[0]]
    for i in ordered[1:]:
        if i == run[-1] + 1 or all(ctx.doc[j].is_punct for j in range(run[-1] + 1, i)):
            run.append(i)
        else:
            pieces.append(run)
            run = [i]
    pieces.append(run)
    texts = []
    for piece in pieces:
        start, end = _chars(ctx.doc, piece[0], piece[-1])
        texts.append(ctx.text[start:end].strip(" ,"))
    return " … ".join(t for t in texts if t)


def _build(ctx: _Context, start: int, end: int, pattern: str, verb: "Token", verb_text: str,
           attribution: str, speaker: _Speaker, confidence: float, stance: str | None = None,
           cited_outlet: str | None = None) -> Candidate | None:
    line_start, line_end = ctx.line_of(verb.idx if pattern != "direct-quote" else start)
    start, end = max(start, line_start), min(end, line_end) if pattern != "direct-quote" else end
    start, end = _strip_chars(ctx.text, start, end, keep_final_stop=pattern in ("direct-quote", "no-comment"))
    quote = ctx.text[start:end]
    if len(quote.split()) < MIN_WORDS:
        return None
    return Candidate(
        start=start, end=end, quote=quote, pattern=pattern, verb=verb_text, verb_start=verb.idx,
        attribution=" ".join(attribution.split()), stance=stance or stance_for_verb(verb.lemma_),
        speaker_text=speaker.text, speaker_start=speaker.start, speaker_end=speaker.end,
        speaker_label=speaker.label, speaker_descriptor=speaker.descriptor, speaker_pronoun=speaker.pronoun,
        cited_outlet=cited_outlet, confidence=confidence,
    )


def _confidence(base: float, speaker: _Speaker) -> float:
    if speaker.pronoun or speaker.bare_name:
        return round(base - 0.15, 2)
    if speaker.descriptor:
        return round(base - 0.1, 2)
    return base


_BEFORE_ATTRIBUTION = re.compile(r"""^[,.!?]?["”»]?[,.!?]?\s*$""")
_AFTER_ATTRIBUTION = re.compile(r"""^\s*[:,]?\s*$""")


def _adjacent_quote(ctx: _Context, verb: "Token", subject: "Token") -> tuple[int, int] | None:
    """A quotation right before `“…,” X said` or right after `X said: “…”` the attribution."""
    clause_start = min(subject.left_edge.idx, verb.idx)
    clause_end = max(subject.right_edge.idx + len(subject.right_edge.text), verb.idx + len(verb.text))
    for start, end in ctx.quotes:
        if end <= clause_start and _BEFORE_ATTRIBUTION.match(ctx.text[end:clause_start]):
            return start, end
        if start > clause_end and _AFTER_ATTRIBUTION.match(ctx.text[clause_end:start - 1]):
            return start, end
    return None


def _reported(ctx: _Context, verb: "Token") -> Candidate | None:
    subject = _subject(verb)
    if subject is None:
        return None
    head = _content_head(verb)
    if head is None:
        quoted = _adjacent_quote(ctx, verb, subject)
        if quoted is None:
            return None
        speaker = _speaker(ctx, subject)
        attribution = _attribution(ctx, verb, subject, set())
        return _build(ctx, quoted[0], quoted[1], "direct-quote", verb, verb.text.lower(), attribution, speaker,
                      _confidence(0.85, speaker))
    if head.dep_ != "ccomp" and verb.dep_ == "ccomp" and verb.head.lemma_ in REPORTING:
        return None  # "X said his government would announce a package": X's statement, not the government's
    tokens = _content_tokens(verb, head)
    if tokens is None:
        return None
    start, end = _chars(ctx.doc, *tokens)
    if head.dep_ != "ccomp" and len(ctx.text[start:end].split()) < MIN_WORDS:
        start, end = _sentence_of(ctx, verb)  # "X denied the reports": the sentence is the claim
    elif verb.lemma_ == "urge":
        start = min(start, *(c.left_edge.idx for c in verb.children if c.dep_ == "dobj"))
    pattern = "reported"
    quoted = ctx.quote_at(head.idx)
    # A quotation that starts inside the reported clause is a phrase quoted within reported speech.
    if quoted and start >= quoted[0] - 1 and not ctx.quote_at(verb.idx):
        start, end, pattern = quoted[0], quoted[1], "direct-quote"
    speaker = _speaker(ctx, subject)
    skip = {t.i for t in head.subtree}
    attribution = _attribution(ctx, verb, subject, skip)
    base = 0.9 if pattern == "direct-quote" else 0.8
    return _build(ctx, start, end, pattern, verb, verb.text.lower(), attribution, speaker, _confidence(base, speaker))


def _according(ctx: _Context, token: "Token") -> Candidate | None:
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in (to.children if to is not None else token.children) if c.dep_ == "pobj"), None)
    head = token.head
    if source is None or head is token:
        return None
    # The phrase ends with its source; a parse that hangs the next words under it is cut back.
    phrase_end = source.right_edge.i
    comma = next((t.i for t in ctx.doc[source.i:phrase_end + 1] if t.is_punct), None)
    if comma is not None:
        phrase_end = comma - 1
    inside = [t.i for t in head.subtree if not token.i <= t.i <= phrase_end]
    if not inside:
        return None
    trimmed = _trim(ctx.doc, min(inside), max(inside))
    if trimmed is None:
        return None
    start, end = _chars(ctx.doc, *trimmed)
    speaker = _speaker(ctx, source)
    name = speaker.text or speaker.descriptor or ""
    outlet = name if speaker.text and looks_like_outlet(name) else None
    a_start, a_end = _chars(ctx.doc, token.i, phrase_end)
    attribution = ctx.text[a_start:a_end]
    return _build(ctx, start, end, "according-to", token, "according to", attribution, speaker,
                  _confidence(0.75, speaker), stance="asserts", cited_outlet=outlet)


def _sentence_of(ctx: _Context, token: "Token") -> tuple[int, int]:
    sent = token.sent
    line_start, line_end = ctx.line_of(token.idx)
    return max(sent.start_char, line_start), min(sent.end_char, line_end)


def _no_comment(ctx: _Context, verb: "Token") -> Candidate | None:
    comment = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_ == "comment"), None)
    subject = _subject(verb)
    if comment is None or subject is None:
        return None
    start, end = _sentence_of(ctx, verb)
    speaker = _speaker(ctx, subject)
    verb_text = f"{verb.text.lower()} to comment"
    attribution = _attribution(ctx, verb, subject, set())
    return _build(ctx, start, end, "no-comment", verb, verb_text, attribution, speaker,
                  _confidence(0.85, speaker), stance="declines")


def _paraphrase(ctx: _Context, verb: "Token") -> Candidate | None:
    if verb.lemma_ == "express" and not any(c.dep_ == "dobj" and c.lemma_ in ("doubt", "concern", "hope", "fear")
                                            for c in verb.children):
        return None
    subject = _subject(verb)
    if subject is None or not any(c.dep_ in ("dobj", "prep") for c in verb.children):
        return None
    start, end = _sentence_of(ctx, verb)
    sub_start = subject.left_edge.idx
    if start <= sub_start:
        start = sub_start
    speaker = _speaker(ctx, subject)
    attribution = _attribution(ctx, verb, subject, {t.i for c in verb.children if c.dep_ in ("dobj", "prep")
                                                    for t in c.subtree})
    return _build(ctx, start, end, "paraphrase", verb, verb.text.lower(), attribution, speaker,
                  _confidence(0.6, speaker))


_TRIGGER_LEMMAS = REPORTING | NO_COMMENT | PARAPHRASE


def _trigger_tokens(doc: "Doc") -> Iterator["Token"]:
    """The tokens a pattern can start from: "according", or a verb with a reporting lemma.

    Picked from the Doc's attribute arrays, so the Python-level walks below run only for the
    few tokens that can start an attribution, never for every token of the article.
    """
    from spacy.attrs import LEMMA, LOWER, POS

    lemmas, according, verbs = _trigger_ids()
    for i, (lower, lemma, pos) in enumerate(doc.to_array([LOWER, LEMMA, POS]).tolist()):
        if lower == according or (lemma in lemmas and pos in verbs):
            yield doc[i]


@lru_cache(maxsize=1)
def _trigger_ids() -> tuple[frozenset[int], int, tuple[int, int]]:
    """String ids are hashes of the strings, the same in every pipeline and process."""
    from spacy.parts_of_speech import AUX, VERB
    from spacy.strings import get_string_id

    return frozenset(map(get_string_id, _TRIGGER_LEMMAS)), get_string_id("according"), (VERB, AUX)


def _raw_candidates(ctx: _Context) -> Iterator[Candidate]:
    for token in _trigger_tokens(ctx.doc):
        found = None
        if token.lower_ == "according":
            found = _according(ctx, token)
        elif token.pos_ not in ("VERB", "AUX"):
            continue
        elif ctx.quote_at(token.idx):
            continue  # a speaker quoting someone else: left to the analyst
        elif token.lemma_ in NO_COMMENT:
            found = _no_comment(ctx, token)
        elif token.lemma_ in REPORTING:
            found = _reported(ctx, token)
        elif token.lemma_ in PARAPHRASE:
            found = _paraphrase(ctx, token)
        if found is not None:
            yield found


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    best: dict[tuple[int, int], Candidate] = {}
    for c in candidates:
        key = (c.start, c.end)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: (c.start, c.end))


def _is_person(c: Candidate) -> bool:
    return (c.speaker_label == "PERSON" or c.antecedent_text is not None) and not c.speaker_pronoun


def _resolve(ctx: _Context, candidates: list[Candidate]) -> list[Candidate]:
    """Give bare names and pronouns the full name they refer to, looking back in the text."""
    resolved: list[Candidate] = []
    for c in candidates:
        if c.speaker_pronoun and PRONOUNS[c.speaker_pronoun] == "person":
            c = _resolve_pronoun(ctx, c, resolved)
        elif c.speaker_text and c.speaker_start is not None and (c.speaker_label in (None, "PERSON")):
            c = _resolve_name(ctx, c)
        resolved.append(c)
    return resolved


def _resolve_pronoun(ctx: _Context, c: Candidate, earlier: list[Candidate]) -> Candidate:
    anchor = c.speaker_start
    speakers = [e for e in earlier if _is_person(e) and e.verb_start < anchor and anchor - e.verb_start < PRONOUN_REACH]
    if speakers:
        prior = speakers[-1]
        return replace(c, antecedent_text=prior.antecedent_text or prior.speaker_text,
                       antecedent_start=prior.antecedent_start if prior.antecedent_text else prior.speaker_start,
                       antecedent_end=prior.antecedent_end if prior.antecedent_text else prior.speaker_end)
    people = [p for p in ctx.people if p.end_char <= anchor and anchor - p.end_char < PRONOUN_REACH]
    if people:
        text, start, end = _full_name(ctx, people[-1])
        return replace(c, antecedent_text=text, antecedent_start=start, antecedent_end=end,
                       confidence=round(c.confidence - 0.1, 2))
    return c


def _full_name(ctx: _Context, ent: "Span") -> tuple[str, int, int]:
    """The entity's text, completed when the model cut a hyphenated name ("Yoon Suk" of "Yoon Suk-yeol")."""
    end = ent.end_char
    tail = re.match(r"-\w+", ctx.text[end:end + 30])
    if tail:
        end += tail.end()
    return ctx.text[ent.start_char:end], ent.start_char, end


def _resolve_name(ctx: _Context, c: Candidate) -> Candidate:
    words = set(re.findall(r"[\w-]+", c.speaker_text))
    if not words:
        return c
    for person in reversed(ctx.people):
        if person.end_char > c.speaker_start or person.text == c.speaker_text:
            continue
        text, start, end = _full_name(ctx, person)
        name_words = set(re.findall(r"[\w-]+", text)) | set(re.findall(r"[\w-]+", person.text))
        if words < name_words or (words & name_words and len(name_words) > len(words)):
            return replace(c, antecedent_text=text, antecedent_start=start, antecedent_end=end)
    return c


def _continued_quotes(ctx: _Context, candidates: list[Candidate]) -> list[Candidate]:
    """Quotations with no attribution of their own that follow a speaker's quote."""
    covered = [(c.start, c.end) for c in candidates]
    quotes = [c for c in candidates if c.pattern in ("direct-quote", "continued-quote")]
    added: list[Candidate] = []
    for start, end in ctx.quotes:
        inner_start, inner_end = _strip_chars(ctx.text, start, end, keep_final_stop=True)
        if any(s < inner_end and inner_start < e for s, e in covered):
            continue
        text = ctx.text[inner_start:inner_end]
        line_start, _ = ctx.line_of(start)
        if len(text.split()) < MIN_WORDS or ctx.text[line_start:start - 1].strip() and not _starts_sentence(ctx, start):
            continue
        prior = [q for q in quotes + added if q.end <= start and start - q.end < 400]
        if not prior:
            continue
        last = prior[-1]
        between = ctx.text[last.end:start - 1]
        if any(qs > last.end and qe < start for qs, qe in ctx.quotes) or between.count("\n") > 2:
            continue
        added.append(replace(last, start=inner_start, end=inner_end, quote=text, pattern="continued-quote",
                             confidence=round(last.confidence - 0.2, 2)))
    return added


def _starts_sentence(ctx: _Context, offset: int) -> bool:
    before = ctx.text[:offset - 1].rstrip()
    return not before or before[-1] in ".!?”\"\n"


def find_candidates(doc: "Doc") -> list[Candidate]:
    """Every attributed statement the patterns find, in text order."""
    ctx = _Context(doc)
    candidates = _resolve(ctx, _dedupe(list(_raw_candidates(ctx))))
    candidates += _continued_quotes(ctx, candidates)
    return sorted(candidates, key=lambda c: (c.start, c.end))
