"""Exact and near-duplicates at import, the review queue, and decisions that stay decided."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from datasketch import MinHash

from corpus import actions, duplicates, fingerprints
from corpus.importing import import_paths
from corpus.store import Store

REPO = Path(__file__).resolve().parent.parent
WIRE = REPO / "samples/wire"


def _wire_story() -> dict:
    return json.loads((WIRE / "eastern-wire.jsonl").read_text(encoding="utf-8").splitlines()[0])


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _article(store: Store, title_start: str) -> dict:
    return store.query("SELECT * FROM articles WHERE title LIKE ?", [f"{title_start}%"])[0]


def test_the_signature_is_datasketchs_minhash() -> None:
    shingles = fingerprints.fingerprint(_wire_story()["content"]).shingles
    reference = MinHash(num_perm=fingerprints.NUM_PERM, seed=fingerprints.PERMUTATION_SEED, hashfunc=int)
    reference.update_batch(shingles.tolist())
    assert np.array_equal(reference.hashvalues, fingerprints.signature(shingles))


def test_samples_give_one_exact_and_one_near_duplicate(store: Store) -> None:
    summary = import_paths(store, [str(REPO / "samples")])
    assert (summary.counts.imported, summary.counts.exact_duplicates, summary.counts.near_duplicates) == (11, 1, 1)
    original = _article(store, "Zelenskyy Asks Nordic Leaders")
    copy = _article(store, "Zelensky Presses Nordic Leaders")
    assert copy["duplicate_of"] == original["id"]
    assert 0.6 < copy["duplicate_similarity"] < 0.9
    assert store.scalar("SELECT COUNT(*) FROM articles WHERE title LIKE 'North Korean Troops Seen Near Kursk%'") == 1


def test_near_duplicates_are_found_across_import_runs(store: Store) -> None:
    import_paths(store, [str(WIRE / "eastern-wire.jsonl")])
    second = import_paths(store, [str(WIRE / "northern-courier.csv")])
    assert (second.counts.imported, second.counts.near_duplicates, second.counts.exact_duplicates) == (2, 1, 1)


def test_a_copy_of_a_copy_points_at_the_first_article(store: Store, tmp_path: Path) -> None:
    story = _wire_story()
    copy = dict(story, link="https://third.example/a", outlet="Third Outlet",
                content=story["content"].replace("Tuesday", "Wednesday").replace("Stockholm", "the Swedish capital"))
    import_paths(store, [str(REPO / "samples")])
    import_paths(store, [str(_write_jsonl(tmp_path / "third.jsonl", [copy]))])
    original = _article(store, "Zelenskyy Asks Nordic Leaders")
    roots = store.query("SELECT DISTINCT duplicate_of FROM articles WHERE duplicate_of IS NOT NULL")
    assert roots == [{"duplicate_of": original["id"]}]


def test_different_articles_on_related_subjects_are_not_near_duplicates(store: Store, shared_samples: Path) -> None:
    import_paths(store, [str(REPO / "samples"), str(shared_samples / "feeds"), str(shared_samples / "html")])
    assert store.scalar("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL") == 1


def test_the_queue_lists_undecided_pairs_first_and_decisions_are_undoable(store: Store) -> None:
    import_paths(store, [str(REPO / "samples")])
    original = _article(store, "Zelenskyy Asks")["id"]
    copy = _article(store, "Zelensky Presses")["id"]
    [pair] = duplicates.duplicate_queue(store)
    assert (pair.article_id, pair.other_id, pair.decision) == (copy, original, None)
    assert pair.article_source == "Northern Courier" and pair.other_source == "Eastern Wire Service"
    assert duplicates.count_undecided(store) == 1

    duplicates.decide(store, copy, original, duplicates.NOT_DUPLICATE)
    assert store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [copy]) is None
    assert duplicates.duplicate_queue(store, include_decided=False) == []
    [decided] = duplicates.duplicate_queue(store)
    assert decided.decision == duplicates.NOT_DUPLICATE and decided.similarity > 0.6
    assert duplicates.count_undecided(store) == 0

    assert actions.undo(store).kind == "duplicate.decide"
    assert store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [copy]) == original
    assert store.scalar("SELECT retracted_at IS NOT NULL FROM duplicate_decisions") == 1
    assert duplicates.duplicate_queue(store)[0].decision is None
    actions.redo(store)
    assert store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [copy]) is None


def test_not_a_duplicate_is_honoured_when_the_copy_is_imported_again_with_new_text(store: Store, tmp_path: Path) -> None:
    import_paths(store, [str(REPO / "samples")])
    copy = _article(store, "Zelensky Presses")
    duplicates.decide(store, copy["id"], copy["duplicate_of"], duplicates.NOT_DUPLICATE)
    # The outlet corrects its copy: same URL, same format, a changed text; still close to the wire story.
    corrected = tmp_path / "northern-courier.csv"
    corrected.write_text((WIRE / "northern-courier.csv").read_text(encoding="utf-8").replace(
        "He did not give details.", "He gave no details."), encoding="utf-8")
    summary = import_paths(store, [str(corrected)])
    assert summary.counts.updated == 1
    refreshed = store.query("SELECT * FROM articles WHERE id = ?", [copy["id"]])[0]
    assert "He gave no details." in refreshed["body"]
    assert refreshed["duplicate_of"] is None
    assert duplicates.duplicate_queue(store)[0].decision == duplicates.NOT_DUPLICATE


def test_an_analysts_duplicate_decision_joins_unrelated_looking_articles(store: Store) -> None:
    import_paths(store, [str(REPO / "samples")])
    kursk = _article(store, "North Korean Troops")["id"]
    seoul = _article(store, "Seoul Weighs")["id"]
    duplicates.decide(store, seoul, kursk, duplicates.DUPLICATE)
    later, earlier = max(kursk, seoul), min(kursk, seoul)
    assert store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [later]) == earlier
    pairs = {(p.article_id, p.other_id): p.decision for p in duplicates.duplicate_queue(store)}
    assert pairs[(later, earlier)] == duplicates.DUPLICATE
