"""What `corpus extract` runs over each parsed article.

A DocProcessor turns one spaCy `Doc` into a plain, picklable result (so the analysis can run
in worker processes) and then saves that result in the main process, inside the same
transaction that records the article as extracted. Entity mentions and claim suggestions are
both DocProcessors, so one spaCy pass feeds both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from corpus.store import Store


class DocProcessor(Protocol):
    name: str

    def analyse(self, doc: "Doc") -> Any:
        """Pure function of the parsed article; the result must pickle."""

    def clear(self, store: "Store", article_id: int) -> None:
        """Drop this processor's earlier output for the article (re-extraction)."""

    def save(self, store: "Store", article_id: int, result: Any) -> None:
        """Write the result; called inside the article's transaction."""
