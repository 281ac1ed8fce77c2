"""The claims export: one row per claim with its full provenance.

Everything is computed by one SQL query (correlated subqueries for tags, links, entities and
the corroboration hint), so rows stream without holding the set in memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from corpus.export import ExportFilters, ExportTable, iter_query, register
from corpus.export.selection import (
    article_conditions,
    article_tag_condition,
    credibility_condition,
    entity_ids,
    listed_join,
    where,
)
from corpus.ratings import (
    CONTRADICTION_SQL,
    CORROBORATION_SQL,
    RELIABILITY_BASIS_SQL,
    RELIABILITY_SQL,
    admiralty_code,
)

if TYPE_CHECKING:
    from corpus.store import Store

COLUMNS = [
    "claim_id", "article_id", "title", "outlet", "url", "published",
    "quote", "start", "end", "prefix", "suffix",
    "speaker", "speaker_entity_id", "speaker_surface", "speaker_descriptor",
    "attribution", "verb", "cited_outlet", "stance",
    "reliability", "reliability_basis", "credibility", "admiralty_code",
    "corroborated_by", "contradicted_by", "entities",
    "analyst_tags", "derived_tags", "links", "note",
    "created_at", "updated_at", "anchor", "orphan",
]
SUPPORTED = {"search", "source", "since", "until", "tag", "entity", "credibility", "article_ids", "claim_ids"}

# `repeats` read from the other end: "repeated by claim:3".
_INVERSE = "CASE l.relation WHEN 'repeats' THEN 'repeated by' WHEN 'corroborates' THEN 'corroborated by'" \
           " WHEN 'contradicts' THEN 'contradicted by' WHEN 'cites' THEN 'cited by' ELSE l.relation || ' (from)' END"

QUERY = f"""
SELECT c.id AS claim_id, c.article_id, a.title, src.name AS outlet, a.url, a.published,
    c.quote, c.start, c.[end], c.prefix, c.suffix,
    COALESCE(root.name, c.speaker_descriptor) AS speaker, root.id AS speaker_entity_id,
    c.speaker_text AS speaker_surface, c.speaker_descriptor,
    c.attribution, c.verb, c.cited_outlet, c.stance,
    {RELIABILITY_SQL} AS reliability, {RELIABILITY_BASIS_SQL} AS reliability_basis, c.credibility,
    {CORROBORATION_SQL} AS corroborated_by, {CONTRADICTION_SQL} AS contradicted_by,
    (SELECT group_concat(name, '; ') FROM (
        SELECT me.entity_name AS name FROM mention_entities me
        WHERE me.article_id = c.article_id AND me.start >= c.start AND me.[end] <= c.[end] AND c.orphan = 0
        GROUP BY me.entity_id ORDER BY min(me.start))) AS entities,
    (SELECT group_concat(tag, '; ') FROM (
        SELECT tag FROM tags WHERE item_type = 'claim' AND item_id = c.id AND origin = 'analyst'
        ORDER BY tag COLLATE NOCASE)) AS analyst_tags,
    (SELECT group_concat(tag, '; ') FROM (
        SELECT tag FROM tags WHERE item_type = 'claim' AND item_id = c.id AND origin = 'derived'
        UNION SELECT 'orphan' WHERE c.orphan = 1
        ORDER BY 1)) AS derived_tags,
    (SELECT group_concat(text, '; ') FROM (
        SELECT l.id, l.relation || ' ' || l.to_type || ':' || l.to_id AS text
            FROM links l WHERE l.from_type = 'claim' AND l.from_id = c.id
        UNION ALL
        SELECT l.id, {_INVERSE} || ' ' || l.from_type || ':' || l.from_id
            FROM links l INDEXED BY links_to WHERE l.to_type = 'claim' AND l.to_id = c.id
        ORDER BY 1)) AS links,
    (SELECT body FROM notes WHERE item_type = 'claim' AND item_id = c.id) AS note,
    c.created_at, c.updated_at, c.anchor, c.orphan
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN sources src ON src.id = a.source_id
LEFT JOIN entities own ON own.id = c.speaker_entity_id
LEFT JOIN entities root ON root.id = COALESCE(own.merged_into, own.id)"""


def claim_conditions(store: "Store", filters: ExportFilters) -> list[tuple[str, list]]:
    conditions = article_conditions(store, filters, "a")
    if filters.tag:
        article_sql, article_params = article_tag_condition(filters.tag, "a")
        conditions.append((
            "(c.id IN (SELECT item_id FROM all_tags WHERE item_type = 'claim' AND tag = ? COLLATE NOCASE)"
            f" OR {article_sql})",
            [filters.tag, *article_params],
        ))
    if filters.entity:
        ids = entity_ids(store, filters.entity)
        marks = ", ".join("?" for _ in ids)
        conditions.append((
            f"(COALESCE(own.merged_into, own.id) = ?"
            f" OR (c.orphan = 0 AND EXISTS (SELECT 1 FROM mention_entities me WHERE me.article_id = c.article_id"
            f"     AND me.entity_id = ? AND me.start >= c.start AND me.[end] <= c.[end]))"
            f" OR EXISTS (SELECT 1 FROM links l WHERE l.from_type = 'claim' AND l.from_id = c.id"
            f"     AND l.to_type = 'entity' AND l.to_id IN ({marks})))",
            [ids[0], ids[0], *ids],
        ))
    if filters.credibility:
        conditions.append(credibility_condition(filters.credibility, "c"))
    return conditions


def claims_query(store: "Store", filters: ExportFilters) -> tuple[str, list]:
    """The export's SQL and parameters (also what the benchmark's raw baseline runs); an
    explicit list of claims keeps its order."""
    clause, params = where(claim_conditions(store, filters))
    if filters.claim_ids is None:
        return f"{QUERY}{clause} ORDER BY c.id", params
    join, join_params = listed_join(filters.claim_ids, "c.id")
    return f"{QUERY}{join}{clause} ORDER BY listed.key", [*join_params, *params]


def _rows(store: "Store", sql: str, params: list) -> Iterator[dict]:
    for row in iter_query(store, sql, params):
        row["admiralty_code"] = admiralty_code(row["reliability"], row["credibility"])
        yield row


@register("claims")
def export_claims(store: "Store", filters: ExportFilters) -> ExportTable:
    sql, params = claims_query(store, filters)
    return ExportTable(COLUMNS, _rows(store, sql, params), SUPPORTED)
