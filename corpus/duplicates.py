"""Near-duplicate articles: found by MinHash/LSH at import, reviewed and decided by the analyst.

Each article's LSH band keys are rows of `article_lsh`, so finding the candidates for a new
article is one indexed query, whatever the size of the corpus, and works across import runs.
Candidates are confirmed by their exact Jaccard similarity of word 3-shingles; a confirmed
near-duplicate is stored, marked `duplicate_of` the first article of its group (always that
group's root, never a chain) with its similarity.

The analyst's decisions ("duplicate", "not_duplicate") are rows of `duplicate_decisions`,
made through the action log (undo works), never deleted, and honoured whenever an article's
duplicate status is worked out again (a re-import that changes its text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from corpus import fingerprints
from corpus.fingerprints import NEAR_DUPLICATE_THRESHOLD, Fingerprint
from corpus.store import utc_now

if TYPE_CHECKING:
    from corpus.actions import ActionRecorder
    from corpus.store import Store

DUPLICATE = "duplicate"
NOT_DUPLICATE = "not_duplicate"
DECISIONS = (DUPLICATE, NOT_DUPLICATE)
UNSURE = "unsure"  # put off: out of the review queue, the articles left as they are
_MAX_CANDIDATES = 50
_MAX_PARAMETERS = 900  # below the smallest limit on SQL parameters of SQLite builds in use
_MAX_VERIFIED = 8
# A signature of 48 values estimates similarity to about ±0.07 at 0.5: candidates estimated
# well below the threshold are not worth reading.
_ESTIMATE_FLOOR = NEAR_DUPLICATE_THRESHOLD - 0.2


class DuplicateError(ValueError):
    """A decision that cannot be made (unknown article, an article paired with itself)."""


@dataclass(frozen=True)
class NearDuplicate:
    original_id: int  # the root of the group the article joins
    similarity: float  # Jaccard similarity with the article it matched
    matched_id: int  # the article it matched (the root, or another copy of it)


@dataclass(frozen=True)
class DuplicatePair:
    """One row of the review queue: a later article and the earlier one it may copy."""

    article_id: int
    article_title: str
    article_source: str | None
    other_id: int
    other_title: str
    other_source: str | None
    similarity: float | None
    decision: str | None  # None: not decided yet
    decided_at: str | None


def shingles_of(body: str):
    folded = fingerprints.fold(body)
    return fingerprints.distinct(fingerprints.shingle_hashes(fingerprints.word_hashes(folded)))


def index_article(store: "Store", article_id: int, fingerprint: Fingerprint) -> None:
    """Store an article's signature and LSH bands, so later articles can find it."""
    if fingerprint.signature is None:
        return
    store.conn.execute(
        "INSERT OR REPLACE INTO article_minhash (article_id, signature) VALUES (?, ?)",
        (article_id, fingerprints.signature_bytes(fingerprint.signature)),
    )
    store.conn.executemany(
        "INSERT OR IGNORE INTO article_lsh (bucket, article_id) VALUES (?, ?)",
        [(bucket, article_id) for bucket in fingerprint.buckets],
    )


def unindex_article(store: "Store", article_id: int) -> None:
    """Remove an article's signature and bands (its text is about to change)."""
    row = store.conn.execute("SELECT signature FROM article_minhash WHERE article_id = ?", (article_id,)).fetchone()
    if row is None:
        return
    buckets = fingerprints.band_buckets(fingerprints.signature_from_bytes(row[0]))
    store.conn.executemany(
        "DELETE FROM article_lsh WHERE bucket = ? AND article_id = ?", [(bucket, article_id) for bucket in buckets]
    )
    store.conn.execute("DELETE FROM article_minhash WHERE article_id = ?", (article_id,))


def _candidate_ids(store: "Store", buckets: list[int], before_id: int | None) -> list[int]:
    if not buckets:
        return []
    marks = ", ".join("?" for _ in buckets)
    sql = f"SELECT article_id FROM article_lsh WHERE bucket IN ({marks})"
    params: list = list(buckets)
    if before_id is not None:
        sql += " AND article_id < ?"
        params.append(before_id)
    sql += " GROUP BY article_id ORDER BY COUNT(*) DESC, article_id LIMIT ?"
    params.append(_MAX_CANDIDATES)
    return [row[0] for row in store.conn.execute(sql, params)]


def _likely_ids(store: "Store", fingerprint: Fingerprint, ids: list[int]) -> list[int]:
    """Candidates whose signatures say they may pass the threshold, the most similar first.

    Most LSH candidates share a band by chance; comparing signatures rules them out without
    reading their text.
    """
    marks = ", ".join("?" for _ in ids)
    rows = store.conn.execute(f"SELECT article_id, signature FROM article_minhash WHERE article_id IN ({marks})", ids)
    estimates = [
        (fingerprints.estimated_similarity(fingerprint.signature, fingerprints.signature_from_bytes(sig)), other)
        for other, sig in rows
    ]
    likely = sorted((e for e in estimates if e[0] >= _ESTIMATE_FLOOR), reverse=True)
    return [other for _, other in likely[:_MAX_VERIFIED]]


def latest_decisions(store: "Store", article_id: int) -> dict[int, str]:
    """The analyst's current decision on each pair this article is part of: {other id: decision}."""
    rows = store.conn.execute(
        "SELECT article_id, other_id, decision FROM duplicate_decisions"
        " WHERE (article_id = ? OR other_id = ?) AND retracted_at IS NULL ORDER BY id",
        (article_id, article_id),
    ).fetchall()
    decided: dict[int, str] = {}
    for first, second, decision in rows:
        decided[second if first == article_id else first] = decision
    return decided


def bucket_members(store: "Store", buckets: Iterable[int]) -> dict[int, list[int]]:
    """The stored articles in each of these LSH buckets: one query for a whole batch of articles."""
    wanted = list(set(buckets))
    members: dict[int, list[int]] = {}
    for start in range(0, len(wanted), _MAX_PARAMETERS):
        chunk = wanted[start:start + _MAX_PARAMETERS]
        marks = ", ".join("?" for _ in chunk)
        for bucket, article_id in store.conn.execute(
            f"SELECT bucket, article_id FROM article_lsh WHERE bucket IN ({marks})", chunk
        ):
            members.setdefault(bucket, []).append(article_id)
    return members


def rank_candidates(buckets: Iterable[int], members: dict[int, list[int]]) -> list[int]:
    """Articles sharing the most buckets first (as `_candidate_ids` ranks them in SQL)."""
    shared: dict[int, int] = {}
    for bucket in buckets:
        for article_id in members.get(bucket, ()):
            shared[article_id] = shared.get(article_id, 0) + 1
    return sorted(shared, key=lambda i: (-shared[i], i))[:_MAX_CANDIDATES]


def find_near_duplicate(
    store: "Store", fingerprint: Fingerprint, *, article_id: int | None = None,
    candidate_ids: list[int] | None = None,
) -> NearDuplicate | None:
    """The earlier article this text nearly duplicates, if any, honouring the analyst's decisions.

    `candidate_ids` are the LSH candidates when the caller has looked them up already.
    """
    ids = _candidate_ids(store, fingerprint.buckets, article_id) if candidate_ids is None else candidate_ids
    if ids:
        ids = _likely_ids(store, fingerprint, ids)
    if not ids:
        return None
    decided = latest_decisions(store, article_id) if article_id is not None else {}
    marks = ", ".join("?" for _ in ids)
    rows = store.conn.execute(f"SELECT id, body, duplicate_of FROM articles WHERE id IN ({marks})", ids).fetchall()
    mine = fingerprint.distinct_shingles()
    best: NearDuplicate | None = None
    for other_id, body, duplicate_of in rows:
        root = duplicate_of or other_id
        if root == article_id or NOT_DUPLICATE in (decided.get(root), decided.get(other_id)):
            continue
        similarity = fingerprints.jaccard(mine, shingles_of(body))
        if similarity < NEAR_DUPLICATE_THRESHOLD:
            continue
        # Prefer matching the root itself, then the closest copy.
        rank = (other_id == root, similarity)
        if best is None or rank > (best.matched_id == best.original_id, best.similarity):
            best = NearDuplicate(root, round(similarity, 4), other_id)
    return best


def root_of(store: "Store", article_id: int) -> int:
    duplicate_of = store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [article_id])
    return duplicate_of or article_id


def set_duplicate_of(
    store: "Store", article_id: int, original_id: int | None, similarity: float | None,
    act: "ActionRecorder | None" = None,
) -> None:
    """Mark (or unmark) an article as a copy; copies of it follow it to its new root."""
    update = act.update if act else lambda table, pk, changes: _plain_update(store, table, pk, changes)
    update("articles", article_id, {"duplicate_of": original_id, "duplicate_similarity": similarity})
    if original_id is not None:
        children = store.conn.execute("SELECT id FROM articles WHERE duplicate_of = ?", (article_id,)).fetchall()
        for (child,) in children:
            update("articles", child, {"duplicate_of": original_id})


def _plain_update(store: "Store", table: str, pk: int, changes: dict) -> None:
    sets = ", ".join(f"[{column}] = ?" for column in changes)
    store.conn.execute(f"UPDATE [{table}] SET {sets} WHERE id = ?", [*changes.values(), pk])


def reevaluate(store: "Store", article_id: int, fingerprint: Fingerprint) -> NearDuplicate | None:
    """Work out an existing article's duplicate status again (its text changed), decisions first."""
    forced = [other for other, decision in latest_decisions(store, article_id).items()
              if decision == DUPLICATE and other < article_id]
    if forced:
        other = forced[-1]
        near = NearDuplicate(root_of(store, other), pair_similarity(store, article_id, other), other)
    else:
        near = find_near_duplicate(store, fingerprint, article_id=article_id)
    if near is None:
        set_duplicate_of(store, article_id, None, None)
    else:
        set_duplicate_of(store, article_id, near.original_id, near.similarity)
    return near


def decide(store: "Store", article_id: int, other_id: int, decision: str) -> int:
    """Record the analyst's decision on a pair, as one undoable action; returns the decision id.

    "not_duplicate" separates the later article from the earlier one's group for good;
    "duplicate" makes the later one a copy of the earlier one's group, found or not.
    """
    if decision not in DECISIONS:
        raise DuplicateError(f"unknown decision {decision!r} (choose {', '.join(DECISIONS)})")
    if article_id == other_id:
        raise DuplicateError("an article cannot be a duplicate of itself")
    later, earlier = max(article_id, other_id), min(article_id, other_id)
    found = {r["id"]: r for r in store.query(
        "SELECT id, duplicate_of FROM articles WHERE id IN (?, ?)", [later, earlier])}
    missing = [str(i) for i in (earlier, later) if i not in found]
    if missing:
        raise DuplicateError(f"no article {', '.join(missing)}")
    current = found[later]["duplicate_of"]
    earlier_root = found[earlier]["duplicate_of"] or earlier
    # "A copy of a copy" is a copy of the group's first article: record the pair with the root.
    recorded = earlier_root if decision == DUPLICATE else earlier
    similarity = pair_similarity(store, later, recorded)
    wording = "a duplicate" if decision == DUPLICATE else "not a duplicate"
    with store.action("duplicate.decide", f"Article {later} is {wording} of article {recorded}") as act:
        decision_id = act.append("duplicate_decisions", {
            "article_id": later, "other_id": recorded, "decision": decision,
            "similarity": similarity, "decided_at": utc_now(),
        })
        if decision == NOT_DUPLICATE and current in (earlier, earlier_root):
            set_duplicate_of(store, later, None, None, act)
        elif decision == DUPLICATE and current != earlier_root:
            set_duplicate_of(store, later, earlier_root, similarity, act)
    return decision_id


def pair_similarity(store: "Store", first_id: int, second_id: int) -> float:
    bodies = dict(store.conn.execute(
        "SELECT id, body FROM articles WHERE id IN (?, ?)", (first_id, second_id)).fetchall())
    return round(fingerprints.jaccard(shingles_of(bodies.get(first_id, "")), shingles_of(bodies.get(second_id, ""))), 4)


def _pair_ids(store: "Store", article_id: int, other_id: int) -> tuple[int, int]:
    """(later, earlier) of two existing, different articles."""
    if article_id == other_id:
        raise DuplicateError("an article cannot be a duplicate of itself")
    found = {row[0] for row in store.conn.execute("SELECT id FROM articles WHERE id IN (?, ?)", (article_id, other_id))}
    missing = [str(i) for i in sorted({article_id, other_id} - found)]
    if missing:
        raise DuplicateError(f"no article {', '.join(missing)}")
    return max(article_id, other_id), min(article_id, other_id)


def _live_decision_ids(store: "Store", later: int, earlier: int) -> list[int]:
    return [row[0] for row in store.conn.execute(
        "SELECT id FROM duplicate_decisions WHERE article_id = ? AND other_id = ? AND retracted_at IS NULL",
        (later, earlier))]


def current_decision(store: "Store", article_id: int, other_id: int) -> str | None:
    """The analyst's standing decision on this pair (duplicate, not_duplicate, unsure), or None."""
    later, earlier = max(article_id, other_id), min(article_id, other_id)
    return store.scalar(
        "SELECT decision FROM duplicate_decisions WHERE article_id = ? AND other_id = ? AND retracted_at IS NULL"
        " ORDER BY id DESC LIMIT 1", [later, earlier])


def mark_unsure(store: "Store", article_id: int, other_id: int) -> int:
    """Put a pair off as one undoable action: it leaves the queue, neither article changes."""
    later, earlier = _pair_ids(store, article_id, other_id)
    with store.action("duplicate.decide", f"Unsure whether article {later} is a duplicate of article {earlier}") as act:
        for decision_id in _live_decision_ids(store, later, earlier):
            act.update("duplicate_decisions", decision_id, {"retracted_at": utc_now()})
        return act.append("duplicate_decisions", {
            "article_id": later, "other_id": earlier, "decision": UNSURE,
            "similarity": pair_similarity(store, later, earlier), "decided_at": utc_now(),
        })


def clear_decision(store: "Store", article_id: int, other_id: int) -> str | None:
    """Withdraw the analyst's decision on a pair, as one undoable action; returns it (None: none).

    The pair goes back to what its similarity alone says: a near-duplicate to review again, or
    (a copy the analyst forced below the threshold) no longer a pair.
    """
    later, earlier = _pair_ids(store, article_id, other_id)
    previous = current_decision(store, later, earlier)
    if previous is None:
        return None
    with store.action("duplicate.decide", f"Cleared the decision on articles {later} and {earlier}") as act:
        for decision_id in _live_decision_ids(store, later, earlier):
            act.update("duplicate_decisions", decision_id, {"retracted_at": utc_now()})
        similarity = pair_similarity(store, later, earlier)
        current = store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [later])
        root = root_of(store, earlier)
        if similarity >= NEAR_DUPLICATE_THRESHOLD and current is None:
            set_duplicate_of(store, later, root, similarity, act)
        elif similarity < NEAR_DUPLICATE_THRESHOLD and current in (earlier, root):
            set_duplicate_of(store, later, None, None, act)
    return previous


_QUEUE_SQL = """
WITH decided AS (
    SELECT d.article_id, d.other_id, d.decision, d.similarity, d.decided_at
    FROM duplicate_decisions d
    WHERE d.retracted_at IS NULL AND d.id = (
        SELECT MAX(id) FROM duplicate_decisions
        WHERE article_id = d.article_id AND other_id = d.other_id AND retracted_at IS NULL)
),
pairs AS (
    SELECT id AS article_id, duplicate_of AS other_id, duplicate_similarity AS similarity
    FROM articles WHERE duplicate_of IS NOT NULL
    UNION
    SELECT article_id, other_id, similarity FROM decided
    WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = decided.article_id AND duplicate_of = decided.other_id)
)
SELECT p.article_id, a.title, sa.name, p.other_id, o.title, so.name,
       COALESCE(p.similarity, d.similarity), d.decision, d.decided_at
FROM pairs p
JOIN articles a ON a.id = p.article_id
JOIN articles o ON o.id = p.other_id
LEFT JOIN sources sa ON sa.id = a.source_id
LEFT JOIN sources so ON so.id = o.source_id
LEFT JOIN decided d ON d.article_id = p.article_id AND d.other_id = p.other_id
{where}
ORDER BY d.decision IS NOT NULL, COALESCE(p.similarity, d.similarity) DESC, p.article_id
LIMIT ? OFFSET ?
"""


def duplicate_queue(
    store: "Store", *, include_decided: bool = True, limit: int = 100, offset: int = 0
) -> list[DuplicatePair]:
    """Pairs to review: undecided first, the most similar first; decided pairs after them."""
    where = "" if include_decided else "WHERE d.decision IS NULL"
    rows = store.conn.execute(_QUEUE_SQL.format(where=where), (limit, offset)).fetchall()
    return [DuplicatePair(*row) for row in rows]


def count_undecided(store: "Store") -> int:
    return store.scalar(
        "SELECT COUNT(*) FROM articles a WHERE duplicate_of IS NOT NULL AND NOT EXISTS ("
        " SELECT 1 FROM duplicate_decisions d WHERE d.article_id = a.id AND d.other_id = a.duplicate_of"
        " AND d.retracted_at IS NULL)"
    ) or 0
