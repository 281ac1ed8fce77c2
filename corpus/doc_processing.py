"""What `corpus extract` runs over each parsed article.

A DocProcessor turns one spaCy `Doc` into a plain, picklable result (so the analysis can run
in worker processes) and then saves that result in the main process, inside the same
transaction that records the article as extracted. Entity mentions and claim suggestions are
both DocProcessors, so one spaCy pass feeds both.

`Doc.text` is rebuilt token by token on every call, so processors read the text through
`doc_text`, which keeps it with the Doc (extraction hands over the body it parsed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from corpus.store import Store


_TEXT_KEY, _STARTS_KEY = "corpus.text", "corpus.sentence_starts"


def doc_text(doc: "Doc") -> str:
    """The Doc's text, joined from its tokens once and then kept with it."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def keep_text(doc: "Doc", text: str) -> None:
    """Record `text`, the string the Doc was made from (and so equal to `doc.text`)."""
    doc.user_data[_TEXT_KEY] = text


def sentence_starts(doc: "Doc") -> list[int]:
    """Token index of each sentence's first token, as `doc.sents` would give them."""
    if not doc.has_annotation("SENT_START"):
        raise ValueError("the pipeline sets no sentence boundaries (it needs a parser or senter)")
    cached = doc.user_data.get(_STARTS_KEY)
    if cached is None:
        from spacy.attrs import SENT_START

        flags = doc.to_array(SENT_START).tolist()
        cached = [0] + [i for i in range(1, len(flags)) if flags[i] == 1] if flags else []
        doc.user_data[_STARTS_KEY] = cached
    return cached


def sentence_spans(doc: "Doc") -> list[tuple[int, int]]:
    """Character spans of the sentences, read from arrays rather than built as Spans."""
    from spacy.attrs import IDX, LENGTH

    starts = sentence_starts(doc)
    rows = doc.to_array([IDX, LENGTH]).tolist()
    ends = starts[1:] + [len(rows)]
    return [(rows[a][0], rows[b - 1][0] + rows[b - 1][1]) for a, b in zip(starts, ends) if b > a]


class DocProcessor(Protocol):
    name: str

    def analyse(self, doc: "Doc") -> Any:
        """Pure function of the parsed article; the result must pickle."""

    def clear(self, store: "Store", article_id: int) -> None:
        """Drop this processor's earlier output for the article (re-extraction)."""

    def save(self, store: "Store", article_id: int, result: Any) -> None:
        """Write the result; called inside the article's transaction."""


# A processor may also offer `save_many(store, [(article_id, result), ...])`: extraction then
# writes a whole batch of articles in one go (after clearing them), and only falls back to
# `save` article by article when the batch fails, to find the article at fault.
