"""Names the analyst confirmed, fed back to spaCy so later extractions find them, typed right.

An alias is confirmed when the analyst has worked on its entity: merged it with another, added
the alias by hand, renamed it or set its type. Each confirmed alias becomes an entity-ruler
pattern placed before the statistical NER, labelled with its canonical entity's type, so
"Kiev" is found as a place (GPE) once it has been merged into Kyiv, even where the model
would miss it or call it an organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from corpus.store import Store

RULER_NAME = "corpus_aliases"


def confirmed_patterns(store: "Store") -> list[dict]:
    rows = store.conn.execute(
        """
        SELECT DISTINCT a.name, a.key, root.type
        FROM aliases a
        JOIN entities own ON own.id = a.entity_id
        JOIN entities root ON root.id = COALESCE(own.merged_into, own.id)
        WHERE a.origin = 'analyst'
           OR own.merged_into IS NOT NULL
           OR EXISTS (SELECT 1 FROM entities m WHERE m.merged_into = root.id)
           OR root.type_source = 'analyst' OR root.name_source = 'analyst'
        ORDER BY a.id"""
    )
    return [{"label": label, "pattern": name, "id": key} for name, key, label in rows]


def install(nlp: "Language", patterns: list[dict]) -> None:
    """Put `patterns` in the pipeline's alias ruler, before the NER; none removes the ruler."""
    if RULER_NAME in nlp.pipe_names:
        nlp.remove_pipe(RULER_NAME)
    if not patterns:
        return
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, config={"overwrite_ents": False}, **where)
    ruler.add_patterns(patterns)
