"""Anchoring a claim to its article text, and finding it again when the text changes.

A claim keeps its exact quote, a little text before and after it, its character offsets and
a hash of the body they refer to. When an article's body is replaced (a re-import with
better cleaning), each claim is searched for in the new body:

1. exact: the quote occurs verbatim; with several occurrences the surrounding text decides,
   then the distance to the old position;
2. normalised: the same after folding whitespace, curly quotes, dashes and case;
3. fuzzy: the best approximate match of the quote (rapidfuzz), if similar enough;
4. context: the text before and after are both still there, with the span between them.

A claim found nowhere is kept, flagged as an orphan with its old offsets and quote, and is
tried again on the next change.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.actions import ActionRecorder
    from corpus.store import Store

CONTEXT_CHARS = 32
# Below this similarity (0-100) an approximate match is a different sentence, not an edited one.
FUZZY_MIN_SCORE = 85.0
# Approximate matching of very short quotes finds them everywhere.
FUZZY_MIN_LENGTH = 12


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Anchor:
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    body_hash: str


def anchor_span(body: str, start: int, end: int) -> Anchor:
    """The anchor of `body[start:end]`, which must be a non-empty span inside the body."""
    if start >= end:
        raise ValueError(f"span {start}-{end} is empty: the end must come after the start")
    if not (0 <= start < end <= len(body)):
        raise ValueError(f"span {start}-{end} is not inside the article text (0-{len(body)})")
    return Anchor(
        quote=body[start:end],
        prefix=body[max(0, start - CONTEXT_CHARS):start],
        suffix=body[end:end + CONTEXT_CHARS],
        start=start,
        end=end,
        body_hash=body_hash(body),
    )


@dataclass(frozen=True)
class Location:
    start: int
    end: int
    method: str  # exact, normalised, fuzzy, context


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _best_occurrence(body: str, starts: list[int], length: int, prefix: str, suffix: str,
                     hint: int) -> int:
    def score(start: int) -> tuple[int, int]:
        before = body[max(0, start - len(prefix)):start]
        after = body[start + length:start + length + len(suffix)]
        context = _common_suffix(before, prefix) + _common_prefix(after, suffix)
        return (context, -abs(start - hint))

    return max(starts, key=score)


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'",
                       "–": "-", "—": "-", "\u00a0": " "})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each of its characters, the offset it came from in `text`."""
    folded = text.translate(_FOLD).lower()
    chars: list[str] = []
    origin: list[int] = []
    for match in re.finditer(r"\s+|\S+", folded):
        if match.group().isspace():
            chars.append(" ")
            origin.append(match.start())
        else:
            chars.extend(match.group())
            origin.extend(range(match.start(), match.end()))
    return "".join(chars), origin


def _normalised_match(body: str, quote: str, prefix: str, suffix: str, hint: int) -> Location | None:
    norm_quote = _SPACES.sub(" ", quote.translate(_FOLD).lower()).strip()
    if not norm_quote:
        return None
    norm_body, origin = normalise(body)
    starts = _occurrences(norm_body, norm_quote)
    if not starts:
        return None
    norm_prefix = _SPACES.sub(" ", prefix.translate(_FOLD).lower())
    norm_suffix = _SPACES.sub(" ", suffix.translate(_FOLD).lower())
    norm_hint = next((i for i, o in enumerate(origin) if o >= hint), len(origin))
    best = _best_occurrence(norm_body, starts, len(norm_quote), norm_prefix, norm_suffix, norm_hint)
    last = best + len(norm_quote) - 1
    return Location(origin[best], origin[last] + 1, "normalised")


def _fuzzy_match(body: str, quote: str) -> Location | None:
    if len(quote.strip()) < FUZZY_MIN_LENGTH or len(quote) > len(body):
        return None
    found = fuzz.partial_ratio_alignment(quote, body, score_cutoff=FUZZY_MIN_SCORE)
    if found is None or found.dest_end <= found.dest_start:
        return None
    start, end = found.dest_start, found.dest_end
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return Location(start, end, "fuzzy") if end > start else None


def _context_match(body: str, quote: str, prefix: str, suffix: str) -> Location | None:
    # Both neighbours must be distinctive and unique, and the gap plausible for the old quote.
    if len(prefix) < CONTEXT_CHARS // 2 or len(suffix) < CONTEXT_CHARS // 2:
        return None
    befores, afters = _occurrences(body, prefix), _occurrences(body, suffix)
    if len(befores) != 1 or len(afters) != 1:
        return None
    start, end = befores[0] + len(prefix), afters[0]
    if not (0.5 * len(quote) <= end - start <= 2 * len(quote)):
        return None
    return Location(start, end, "context")


def locate(body: str, quote: str, prefix: str = "", suffix: str = "", hint: int = 0) -> Location | None:
    """Where `quote` (seen between `prefix` and `suffix`, near `hint`) is in `body`, if anywhere."""
    starts = _occurrences(body, quote) if quote else []
    if starts:
        best = _best_occurrence(body, starts, len(quote), prefix, suffix, hint)
        return Location(best, best + len(quote), "exact")
    return (
        _normalised_match(body, quote, prefix, suffix, hint)
        or _fuzzy_match(body, quote)
        or _context_match(body, quote, prefix, suffix)
    )


@dataclass
class ReanchorReport:
    article_id: int
    unchanged: int = 0
    moved: list[int] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)
    recovered: list[int] = field(default_factory=list)  # orphans found again

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _relocated(claim: dict, body: str, new_hash: str) -> dict:
    """The column changes that re-anchor `claim` in `body` (an orphan flag when not found)."""
    # A claim is located by the quote it was made with, so a chain of edits cannot drift it.
    location = locate(body, claim["quote"], claim["prefix"], claim["suffix"], claim["start"])
    if location is None and claim["original_quote"] != claim["quote"]:
        location = locate(body, claim["original_quote"], claim["prefix"], claim["suffix"], claim["start"])
    if location is None:
        return {"orphan": 1, "anchor": "orphan"}
    fresh = anchor_span(body, location.start, location.end)
    return {
        "quote": fresh.quote, "prefix": fresh.prefix, "suffix": fresh.suffix,
        "start": fresh.start, "end": fresh.end, "body_hash": new_hash,
        "orphan": 0, "anchor": location.method,
    }


def reanchor_article(store: "Store", article_id: int, act: "ActionRecorder | None" = None) -> ReanchorReport:
    """Re-anchor every claim of an article to its current body; call wherever a body changes.

    With `act` (the action that changed the body) the claim updates join that action, so
    undoing it restores the old offsets with the old text.
    """
    report = ReanchorReport(article_id)
    body = store.scalar("SELECT body FROM articles WHERE id = ?", [article_id])
    if body is None:
        return report
    new_hash = body_hash(body)
    with store.transaction():
        claims = store.query(
            "SELECT id, quote, original_quote, prefix, suffix, start, [end], body_hash, orphan"
            " FROM claims WHERE article_id = ?",
            [article_id],
        )
        for claim in claims:
            if claim["body_hash"] == new_hash and not claim["orphan"]:
                report.unchanged += 1
                continue
            changes = _relocated(claim, body, new_hash)
            if changes["orphan"]:
                if claim["orphan"]:
                    continue  # still lost; nothing to record
                report.orphaned.append(claim["id"])
            elif claim["orphan"]:
                report.recovered.append(claim["id"])
            else:
                report.moved.append(claim["id"])
            changes["updated_at"] = utc_now()
            _write(store, act, claim["id"], changes)
        _drop_stale_suggestions(store, article_id, body)
    return report


def _write(store: "Store", act: "ActionRecorder | None", claim_id: int, changes: dict) -> None:
    if act is not None:
        act.update("claims", claim_id, changes)
        return
    sets = ", ".join(f"[{column}] = ?" for column in changes)
    store.conn.execute(f"UPDATE claims SET {sets} WHERE id = ?", [*changes.values(), claim_id])


def _drop_stale_suggestions(store: "Store", article_id: int, body: str) -> None:
    # Open suggestions are derived from the old text; extraction proposes them again.
    rows = store.conn.execute(
        "SELECT id, start, [end], quote FROM claim_suggestions WHERE article_id = ? AND status = 'open'",
        [article_id],
    ).fetchall()
    stale = [(row[0],) for row in rows if body[row[1]:row[2]] != row[3]]
    if stale:
        store.conn.executemany("DELETE FROM claim_suggestions WHERE id = ?", stale)
        store.conn.execute("DELETE FROM claim_suggestion_runs WHERE article_id = ?", [article_id])
