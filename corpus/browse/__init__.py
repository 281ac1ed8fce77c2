"""Read-side queries for the workbench: lists read a window at a time, lookups for pickers.

The workbench never loads a whole table: a list asks how many rows match and then for the
few rows on screen, so a 100,000-article corpus opens as fast as a ten-article one. Nothing
here writes; changes go through the domain modules and the action log.
"""

from corpus.browse.articles import (
    SORT_LABELS,
    SORTS,
    ArticleLister,
    ArticleQuery,
    ArticleRow,
    ArticleView,
    article_ids,
    article_snippet,
    article_source,
    article_url,
    corpus_counts,
    open_view,
    outlets,
    rows_of,
)
from corpus.browse.claims import ClaimQuery, ClaimRow, claim_ids, claim_position, claim_window, count_claims
from corpus.browse.entities import entity_ids, entity_rows
from corpus.browse.pickers import Found, candidate_info, find_articles, find_claims, find_entities
from corpus.browse.query import BrowseError, fts_query
from corpus.browse.reader import Highlight, mention_kind, reader_highlights, search_hits, stored_sentences

__all__ = [
    "SORTS", "SORT_LABELS", "ArticleLister", "ArticleQuery", "ArticleRow", "ArticleView", "BrowseError", "ClaimQuery", "ClaimRow", "Found",
    "Highlight", "article_ids", "article_snippet", "article_source", "article_url", "candidate_info",
    "claim_ids", "claim_position", "claim_window", "corpus_counts", "count_claims", "entity_ids", "entity_rows",
    "find_articles", "find_claims",
    "find_entities", "fts_query", "mention_kind", "open_view", "outlets", "reader_highlights", "rows_of", "search_hits",
    "stored_sentences",
]
