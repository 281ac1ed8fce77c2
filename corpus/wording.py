"""Words for counted things in messages: 1 article, 2 articles, 3 entities."""

from __future__ import annotations


def plural(singular: str) -> str:
    """The plural of one of the corpus's nouns (article, claim, entity, mention…)."""
    if singular.endswith("y") and singular[-2:-1] not in ("a", "e", "o", "u"):
        return singular[:-1] + "ies"
    return singular + "s"


def noun(count: int, singular: str) -> str:
    """The noun to put after `count`: "article" for 1, "articles" otherwise."""
    return singular if count == 1 else plural(singular)
