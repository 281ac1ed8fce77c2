"""Entity types: which model labels name things, and which types may still be one entity.

The model's labels are hints: "Trump" comes out ORG, "Kiev" ORG, "Bloomberg" GPE. So types are
compared by broad kind, and only kinds that can never be one thing block a match: a person is
never a place, and a nationality or group ("Ukrainian") is never the country ("Ukraine").
"""

from __future__ import annotations

# Labels of the OntoNotes scheme that name something; dates, numbers and amounts do not.
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
KNOWN_TYPES = tuple(sorted(NAME_LABELS))

_KIND = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org", "NORP": "group"}
# When a cluster's mentions disagree and the counts tie, the more specific label wins.
LABEL_PRIORITY = ("PERSON", "GPE", "LOC", "ORG", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART",
                  "LAW", "LANGUAGE")


def kind(label: str | None) -> str | None:
    if not label:
        return None
    return _KIND.get(label.upper(), "other")


def conflict(left: str | None, right: str | None) -> str | None:
    """Why two types can never be one entity, or None when they can."""
    a, b = kind(left), kind(right)
    if a is None or b is None or a == b:
        return None
    if {a, b} == {"person", "place"}:
        return "a person is never a place"
    if "group" in (a, b):
        return "a nationality or group is not a person, place or organisation"
    return None


def most_credible(counts: dict[str, int]) -> str | None:
    """The label with the most votes; ties go to the more specific label."""
    if not counts:
        return None

    def rank(label: str) -> tuple[int, int]:
        priority = LABEL_PRIORITY.index(label) if label in LABEL_PRIORITY else len(LABEL_PRIORITY)
        return (-counts[label], priority)

    return min(counts, key=rank)
