"""Who said a claim, how, and with what stance.

A speaker is either an entity (a person, an organisation, a government) or an unnamed
descriptor as the article words it ("a source who requested anonymity", "opposition
lawmakers"). Around it: the surface form the article uses for the speaker ("Yoon", "he"),
the attribution wording ("Yoon said at a news conference in Seoul"), the reporting verb, an
optional cited outlet ("according to Bloomberg") and the speaker's stance towards the
statement.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields

# Stance of the speaker towards the statement, as the reporting verb conveys it.
STANCES = {
    "asserts": "states it as fact (said, told, added)",
    "confirms": "confirms it (confirmed, acknowledged)",
    "denies": "denies it (denied, rejected, dismissed)",
    "warns": "warns of it (warned, cautioned, threatened)",
    "speculates": "suggests or expects it (suggested, believes, expects)",
    "declines": "declined to comment",
}

_VERB_STANCE = {
    "confirm": "confirms", "acknowledge": "confirms", "admit": "confirms", "concede": "confirms",
    "deny": "denies", "reject": "denies", "dismiss": "denies", "refute": "denies", "dispute": "denies",
    "warn": "warns", "caution": "warns", "threaten": "warns",
    "suggest": "speculates", "believe": "speculates", "think": "speculates", "expect": "speculates",
    "predict": "speculates", "estimate": "speculates", "speculate": "speculates", "hope": "speculates",
    "decline": "declines", "refuse": "declines",
}

# Words that mark a name as a news outlet when the speaker is cited ("according to ...").
_OUTLET_WORDS = re.compile(
    r"\b(news|times|post|journal|herald|tribune|gazette|telegraph|guardian|press|agency|"
    r"reuters|bloomberg|associated|afp|ap|bbc|cnn|tass|ria|xinhua|yonhap|kyodo|interfax|"
    r"ukrinform|tv|radio|daily|weekly|review|monitor|wire|broadcasting|media|magazine)\b",
    re.IGNORECASE,
)


class AttributionError(ValueError):
    """An attribution value that is not allowed (unknown stance, both speaker kinds empty...)."""


@dataclass
class Attribution:
    speaker_entity_id: int | None = None
    speaker_descriptor: str | None = None
    speaker_text: str | None = None
    attribution: str | None = None
    verb: str | None = None
    cited_outlet: str | None = None
    stance: str | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str):
                value = " ".join(value.split()) or None
                setattr(self, f.name, value)
        if self.verb:
            self.verb = self.verb.lower()
        if self.stance is not None:
            self.stance = self.stance.lower()
            if self.stance not in STANCES:
                raise AttributionError(f"unknown stance {self.stance!r} (choose {', '.join(STANCES)})")

    def columns(self) -> dict:
        return asdict(self)


def stance_for_verb(verb_lemma: str | None) -> str | None:
    """The stance a reporting verb conveys (its lemma); plain reporting verbs assert."""
    if not verb_lemma:
        return None
    return _VERB_STANCE.get(verb_lemma.lower(), "asserts")


def looks_like_outlet(name: str, known_outlets: set[str] = frozenset()) -> bool:
    """Whether a cited name is a news outlet: a known source, or an outlet-like name."""
    folded = name.strip().lower()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded in known_outlets or bool(_OUTLET_WORDS.search(folded))


def speaker_label(name: str | None, descriptor: str | None, surface: str | None = None) -> str:
    """How a speaker reads in lists: the entity's name, else the descriptor, else the surface form."""
    return name or descriptor or surface or ""
