"""The entity list: canonical entities of a type or matching a search, most mentioned first.

The list is its ids, computed once in one total order; rows are read for the entities on
screen. Exporting the list then writes exactly the entities shown, in the order shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.browse.query import Where, like

if TYPE_CHECKING:
    from corpus.entities.queries import EntityRow
    from corpus.store import Store


def entity_ids(store: "Store", entity_type: str | None = None, search: str | None = None) -> list[int]:
    """The canonical entities the Entities pane lists: of `entity_type`, with `search` in their
    name or any alias (as written or as its identity key), most mentioned first, then by name."""
    from corpus.entities.normalise import identity_key  # here: the app starts without the entity modules

    where = Where()
    where.add("r.merged_into IS NULL")
    if entity_type:
        where.add("r.type = ?", entity_type.upper())
    if search and search.strip():
        names = ["al.name LIKE ? ESCAPE '\\'"]
        params = [like(search)]
        key = identity_key(search)  # spellings that differ in case, spacing or hyphens
        if key:  # punctuation alone has no key
            names.append("al.key LIKE ? ESCAPE '\\'")
            params.append(like(key))
        where.add(
            "(r.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM aliases al JOIN entities m ON m.id = al.entity_id"
            f" WHERE COALESCE(m.merged_into, m.id) = r.id AND ({' OR '.join(names)})))",
            like(search), *params,
        )
    rows = store.conn.execute(
        f"""WITH counts AS (
                SELECT COALESCE(e.merged_into, e.id) AS root, SUM(e.mention_count) AS mentions
                FROM entities e GROUP BY root)
            SELECT r.id FROM entities r JOIN counts ON counts.root = r.id{where.sql()}
            ORDER BY counts.mentions DESC, r.name COLLATE NOCASE, r.id""",
        where.params,
    )
    return [row[0] for row in rows]


def entity_rows(store: "Store", ids: list[int]) -> list["EntityRow"]:
    """The list's rows for these ids (the few on screen), in the same order; an entity gone
    since the ids were listed is left out (the list is listed again after every change)."""
    from corpus.entities import queries

    rows = []
    for entity_id in ids:
        try:
            rows.append(queries.get_entity(store, entity_id))
        except queries.EntityNotFound:
            continue
    return rows
