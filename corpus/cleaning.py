"""Scraped article text, cleaned: what a scraper saves besides the article goes; paragraphs stay.

Collection tools save whatever was on the page: buttons ("close", "Share this article"), the
headline twice, teasers for other articles spliced into the body ("Brotherhood in Arms: …",
"Other Matters of Interest", the teaser headline again and its blurb), and now and then a
stray "he said." after a quotation that already had its attribution, or a "Read more" link
at the end of a feed summary. `clean_text` removes those and keeps everything else as
paragraphs separated by blank lines; what it removed is reported, and the importer keeps
the original text alongside, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A line made only of these words is interface debris ("Share: Facebook X Telegram").
_DEBRIS_WORDS = frozenset(
    """
    close share shares sharing this article story page via on facebook twitter x linkedin whatsapp
    telegram reddit pinterest email e-mail mail print copy link copied save saved bookmark bookmarks
    advertisement advertising sponsored ad ads subscribe subscribed sign up in log login logout register
    menu search skip to content main navigation back top read more show less load next previous prev
    comments comment leave a listen audio cookie cookies accept all settings follow us tweet pin
    """.split()
)
# Short lines that never start an article paragraph, whatever other words they hold.
_DEBRIS_LINE = re.compile(
    r"^(?:[×✕✖|•·…\-–—*#=_~]+|\d+ comments?|(?:photo|image|video|graphic)(?: credit)?:.*|"
    r"(?:updated|published|posted)(?: on)?:? \S.{0,40}|all rights reserved\.?|"
    r"reporting by .{0,120}|editing by .{0,120})$",
    re.IGNORECASE,
)
# A block of teasers for other articles starts with one of these headings.
_TEASER_MARKER = re.compile(
    r"^(?:other (?:matters|stories|articles|news) of interest|related(?: articles| stories| news| content| coverage)?"
    r"|read (?:more|also|next)|see also|more (?:from|on|in) [\w .’'-]{1,40}|more stories|more news"
    r"|you (?:may|might) also (?:like|be interested in)|recommended(?: for you| stories| reading)?"
    r"|most (?:read|popular|viewed)|trending(?: now| stories)?|editor[’']?s picks?|latest news|also read"
    r"|top stories)\s*:?$",
    re.IGNORECASE,
)
# The scraper's leftover: "… Rudenko said Sunday. he said." A lower-case sentence straight
# after a full stop is never the writer's (after a quotation, `…,” he said.` is normal).
_STRAY_ATTRIBUTION = re.compile(r"(?<=[.!?])\s+(?:he|she|they|it) (?:said|added|says)\.$")
_STRAY_ENDINGS = (" said.", " added.", " says.")
# Feed summaries end with a link to the rest: "… the port authority said. Read more".
_READ_MORE = re.compile(
    r"(?<=[.!?\"”’])\s+(?:read more|continue reading|read the full (?:story|article)|more)\s*(?:[»›→…]|\.\.\.|\[…\])?$",
    re.IGNORECASE,
)
_BLOG_FOOTER = re.compile(r"^The post .{1,300} appeared first on .{1,120}\.$")
_SENTENCE_END = ("." , "!", "?", "…", '"', "”", "’", "'", ":", ";", ",", ")")
_HEADLINE_MAX_WORDS = 20
_WRAP_MIN, _WRAP_MAX = 40, 100
# Cheap length limits first: most paragraphs of an article are far longer than any debris,
# headline or teaser heading, and need no pattern matching at all.
_DEBRIS_MAX_CHARS = 160
_DEBRIS_MAX_WORDS = 8
_WORD = re.compile(r"[\w-]+")
_HEADLINE_MAX_CHARS = 200
_MARKER_MAX_CHARS = 60
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
# Tabs, runs of spaces and the odd Unicode spaces become one plain space.
_ODD_SPACES = "\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_ODD_SPACE = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]")


@dataclass
class CleanedText:
    title: str
    body: str
    removed: list[str] = field(default_factory=list)  # each removed line or fragment, in order


def _mentions_more(tail: str) -> bool:
    return "more" in tail or "reading" in tail or "full" in tail


def _key(text: str) -> str:
    """For comparing lines: case, spacing and punctuation do not make a headline different."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def is_debris(line: str) -> bool:
    stripped = line.strip()
    if len(stripped) > _DEBRIS_MAX_CHARS:
        return False
    if _DEBRIS_LINE.match(stripped):
        return True
    if stripped.count(" ") >= _DEBRIS_MAX_WORDS:
        return False
    words = _WORD.findall(stripped.casefold())
    return bool(words) and len(words) <= _DEBRIS_MAX_WORDS and all(w in _DEBRIS_WORDS for w in words)


def is_headline(line: str) -> bool:
    """Short, with no sentence end: a title or a teaser headline, not a paragraph."""
    stripped = line.strip()
    if not stripped or len(stripped) > _HEADLINE_MAX_CHARS or stripped.endswith(_SENTENCE_END):
        return False
    if stripped[0] in "\"“‘'(-–—":
        return False
    return stripped.count(" ") < _HEADLINE_MAX_WORDS and any(c.isalpha() for c in stripped)


def _is_hard_wrapped(lines: list[str]) -> bool:
    longest = max(len(line) for line in lines)
    shortest_allowed = max(_WRAP_MIN, 0.5 * longest)
    return len(lines) > 1 and longest <= _WRAP_MAX and all(len(line) >= shortest_allowed for line in lines[:-1])


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text: blank-line blocks, and each line of a block unless it was hard-wrapped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if "  " in text or "\t" in text or (not text.isascii() and any(c in text for c in _ODD_SPACES)):
        text = _ODD_SPACE.sub(" ", text)
    paragraphs: list[str] = []
    for block in _BLOCK_BREAK.split(text):
        if "\n" not in block:
            paragraph = block.strip()
            if paragraph:
                paragraphs.append(paragraph)
            continue
        lines = [line for line in (raw.strip() for raw in block.split("\n")) if line]
        if not lines:
            continue
        if _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


class _Cleaner:
    def __init__(self, paragraphs: list[str]):
        self.paragraphs = paragraphs
        self.keep = [True] * len(paragraphs)
        self.removed: list[str] = []
        self.headline = [is_headline(p) for p in paragraphs]

    def drop(self, index: int) -> None:
        if self.keep[index]:
            self.keep[index] = False
            self.removed.append(self.paragraphs[index])

    def kept(self) -> list[int]:
        return [i for i, keep in enumerate(self.keep) if keep]

    def drop_debris(self) -> None:
        for i, paragraph in enumerate(self.paragraphs):
            if is_debris(paragraph) or (paragraph.startswith("The post ") and _BLOG_FOOTER.match(paragraph)):
                self.drop(i)

    def take_title(self, title: str | None) -> str:
        kept = self.kept()
        if title is None and kept and self.headline[kept[0]]:
            title = self.paragraphs[kept[0]]
        if title is None:
            return ""
        title_key = _key(title)
        low, high = len(title) // 2, 2 * len(title) + 10
        for i in kept:
            if low <= len(self.paragraphs[i]) <= high and _key(self.paragraphs[i]) == title_key:
                self.drop(i)
        return title.strip()

    def drop_teasers(self) -> None:
        kept = self.kept()
        for position, i in enumerate(kept):
            if len(self.paragraphs[i]) > _MARKER_MAX_CHARS or not _TEASER_MARKER.match(self.paragraphs[i]):
                continue
            self.drop(i)
            before = position - 1
            while before >= 0 and self.headline[kept[before]] and position - before <= 3:
                self.drop(kept[before])
                before -= 1
            after = position + 1
            while after < len(kept) and self.headline[kept[after]]:
                self.drop(kept[after])
                after += 1
            # One teaser after the marker is its headline and blurb; a list of headlines has no blurbs.
            if after == position + 2 and after < len(kept) and not is_debris(self.paragraphs[kept[after]]):
                self.drop(kept[after])

    def drop_repeated_headlines(self) -> None:
        seen: dict[str, list[int]] = {}
        for i in self.kept():
            if self.headline[i]:
                seen.setdefault(_key(self.paragraphs[i]), []).append(i)
        for indexes in seen.values():
            if len(indexes) > 1:
                for i in indexes:
                    self.drop(i)

    def trim_stray_attributions(self) -> None:
        for i in self.kept():
            paragraph = self.paragraphs[i]
            if paragraph.endswith(_STRAY_ENDINGS):
                trimmed = _STRAY_ATTRIBUTION.sub("", paragraph)
            elif _mentions_more(paragraph[-24:].lower()):
                trimmed = _READ_MORE.sub("", paragraph)
            else:
                continue
            if trimmed != paragraph:
                self.removed.append(paragraph[len(trimmed):].strip())
                self.paragraphs[i] = trimmed


def clean_text(text: str, title: str | None = None) -> CleanedText:
    """Clean a scraped article; without a given title, its first real line becomes the title."""
    cleaner = _Cleaner(split_paragraphs(text))
    cleaner.drop_debris()
    chosen_title = cleaner.take_title(" ".join(title.split()) if title else None)
    cleaner.drop_teasers()
    cleaner.drop_repeated_headlines()
    cleaner.trim_stray_attributions()
    body = "\n\n".join(cleaner.paragraphs[i] for i in cleaner.kept())
    if not chosen_title and body:
        chosen_title = _first_sentence(body)
    return CleanedText(title=chosen_title, body=body, removed=cleaner.removed)


def _first_sentence(body: str, limit: int = 90) -> str:
    first = body.split("\n\n", 1)[0]
    match = re.match(r"(.+?[.!?])(?:\s|$)", first)
    sentence = match.group(1) if match else first
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0] + "…"
    return sentence
