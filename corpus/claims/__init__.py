"""Claims: attributed spans of articles, their anchoring, attribution and suggestion.

- `model`: create, attribute, move, list and delete claims (all through the action log);
- `anchoring`: quote + context anchors, and re-anchoring when an article's body changes;
- `attribution`: speakers, reporting verbs, cited outlets and stances;
- `suggest`: attributed statements found in a spaCy parse;
- `suggestions`: those candidates stored per article, accepted or rejected by the analyst.
"""

from corpus.claims.anchoring import reanchor_article
from corpus.claims.attribution import STANCES, Attribution, AttributionError
from corpus.claims.model import (
    Claim,
    ClaimError,
    attribute_claim,
    claims_of_article,
    count_claims,
    create_claim,
    delete_claim,
    find_quote,
    get_claim,
    list_claims,
    move_claim,
)
from corpus.claims.suggestions import (
    ClaimSuggester,
    Suggestion,
    accept_suggestion,
    reject_suggestion,
    suggestions_of_article,
)

__all__ = [
    "STANCES", "Attribution", "AttributionError", "Claim", "ClaimError", "ClaimSuggester", "Suggestion",
    "accept_suggestion", "attribute_claim", "claims_of_article", "count_claims", "create_claim",
    "delete_claim", "find_quote", "get_claim", "list_claims", "move_claim", "reanchor_article",
    "reject_suggestion", "suggestions_of_article",
]
