"""The import pipeline: walking paths, bad input, re-import semantics, runs, dry runs, cancel."""

from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path

import pytest

from corpus import articles
from corpus.cleaning import CleanedText
from corpus.importing import ImportInterrupted, import_paths, list_runs, run_issues
from corpus.importing import prepare as prepare_module
from corpus.store import Store

REPO = Path(__file__).resolve().parent.parent
GOOD = "Officials in Kyiv said on Monday that the city would open more heated shelters before winter."


def _good_text(tmp_path: Path, name: str, words: str = GOOD) -> Path:
    path = tmp_path / name
    path.write_text(f"A Headline For {name}\n\n{words}\n", encoding="utf-8")
    return path


def bad_inputs(folder: Path) -> dict[str, str]:
    """Every kind of bad input, each next to good ones; returns name -> expected reason."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    page = (REPO / "samples/html/kyiv-air-defence-winter.html").read_text(encoding="utf-8")
    (folder / "truncated.html").write_text(page[: len(page) // 2], encoding="utf-8")
    (folder / "malformed.xml").write_text('<?xml version="1.0"?><rss><channel><title>Cut', encoding="utf-8")
    (folder / "mixed.jsonl").write_text(
        json.dumps({"title": "Good line", "body": GOOD}) + "\n{not json\n"
        + json.dumps({"title": "Second good line", "body": GOOD.replace("Kyiv", "Odesa")}) + "\n",
        encoding="utf-8",
    )
    (folder / "no-body.csv").write_text("title,url\nKyiv,https://x.example/\n", encoding="utf-8")
    (folder / "huge.txt").write_text("Huge\n\n" + GOOD * 200, encoding="utf-8")
    loop = folder / "loop"
    loop.mkdir()
    (loop / "back").symlink_to(folder, target_is_directory=True)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    _good_text(folder, "good.txt", GOOD.replace("Kyiv", "Kharkiv"))
    return {
        "empty.txt": "empty file",
        "binary.txt": "binary file (a PDF document), not a supported format",
        "truncated.html": "truncated HTML",
        "malformed.xml": "malformed XML",
        "mixed.jsonl:2": "invalid JSON",
        "no-body.csv": "no body, text or content column",
        "huge.txt": "over the --max-size limit of 8.0 KB",
        "loop/back": "symlink loop",
        "self.txt": "symlink loop",
    }


def test_each_bad_input_gets_one_line_and_the_rest_is_imported(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "collected"
    expected = bad_inputs(folder)
    summary = import_paths(store, [str(folder)], max_size=8 * 1024)
    reasons = {issue.origin.removeprefix(f"{folder}/"): issue.reason for issue in summary.failures}
    assert set(reasons) == set(expected)
    for origin, reason in expected.items():
        assert reason in reasons[origin], origin
    assert all("\n" not in str(issue) for issue in summary.failures)
    assert summary.counts.imported == 3  # good.txt and the two good JSON lines
    assert summary.counts.failed == len(expected)
    stored = [(o.removeprefix(f"{folder}/"), r) for o, r, _ in run_issues(store, summary.run_id)]
    assert len(stored) == len(expected)


def test_an_unreadable_file_is_reported(store: Store, tmp_path: Path) -> None:
    readable = _good_text(tmp_path, "open.txt")
    if os.geteuid() != 0:
        locked = _good_text(tmp_path, "locked.txt", f"{GOOD} (locked)")
        locked.chmod(0)
        expected = "cannot read (Permission denied)"
    else:  # root reads any file whatever its mode; this one fails to read for everybody
        locked = tmp_path / "locked.txt"
        locked.symlink_to("/proc/self/mem")
        expected = "cannot read (Input/output error)"
    summary = import_paths(store, [str(locked), str(readable)])
    assert [str(i) for i in summary.failures] == [f"{locked}: {expected}"]
    assert summary.counts.imported == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_never_waited_on(store: Store, tmp_path: Path) -> None:
    # Reading a pipe nobody writes to would block the import forever.
    _good_text(tmp_path, "open.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    assert import_paths(store, [str(tmp_path)]).counts.imported == 1  # inside a folder: passed over
    named = import_paths(store, [str(tmp_path / "pipe.txt")])
    assert [str(i) for i in named.failures] == [f"{tmp_path / 'pipe.txt'}: not a regular file or folder"]


def test_folders_skip_hidden_and_project_files_but_named_files_are_read(store: Store, tmp_path: Path) -> None:
    _good_text(tmp_path, "README.md", f"{GOOD} (the readme)")
    _good_text(tmp_path, ".notes.txt", f"{GOOD} (hidden notes)")
    _good_text(tmp_path, "article.txt")
    assert import_paths(store, [str(tmp_path)]).counts.imported == 1
    assert import_paths(store, [str(tmp_path / "README.md")]).counts.imported == 1


def test_globs_and_missing_paths(store: Store, tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.md"):
        _good_text(tmp_path, name, f"{GOOD} ({name})")
    summary = import_paths(store, [str(tmp_path / "*.txt"), str(tmp_path / "none-*.txt"), str(tmp_path / "gone")])
    assert summary.counts.imported == 2
    assert sorted(i.reason for i in summary.failures) == ["no files match this pattern", "no such file or folder"]


def test_standard_input_is_sniffed(store: Store) -> None:
    feed = (REPO / "samples/feeds/peninsula-desk.xml").read_bytes()
    summary = import_paths(store, ["-"], stdin=io.BytesIO(feed))
    assert summary.counts.imported == 3
    assert store.scalar("SELECT origin FROM articles ORDER BY id LIMIT 1") == "<stdin>#1"


def test_reimport_adds_nothing_and_records_each_run(store: Store) -> None:
    first = import_paths(store, [str(REPO / "samples")])
    second = import_paths(store, [str(REPO / "samples")])
    assert (second.counts.imported, second.counts.updated, second.counts.exact_duplicates) == (0, 0, 12)
    assert store.scalar("SELECT COUNT(*) FROM articles") == 11
    runs = list_runs(store)
    assert [r.id for r in runs] == [second.run_id, first.run_id]
    assert runs[1].status == "finished" and runs[1].imported == 11 and runs[1].near_duplicates == 1
    assert runs[1].paths == [str(REPO / "samples")]


def _naive_cleaning(text: str, title: str | None = None) -> CleanedText:
    """Cleaning as it might have been in an older version: the title line, and nothing else."""
    first, _, rest = text.strip().partition("\n")
    return CleanedText(title=title or first.strip(), body=rest.strip())


def test_better_cleaning_updates_the_article_in_place(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus.claims import create_claim, get_claim

    scraped = REPO / "samples/scraped/seoul-weighs-interceptor-request.txt"
    with monkeypatch.context() as patch:
        patch.setattr(prepare_module, "clean_text", _naive_cleaning)
        import_paths(store, [str(scraped)])
    before = articles.get_article(store, 1)
    assert "Other Matters of Interest" in before.body
    claim_id = create_claim(store, 1, quote="A source who requested anonymity said the Ukrainian delegation")
    assert get_claim(store, claim_id).start == before.body.index("A source who requested")

    summary = import_paths(store, [str(scraped)])
    after = articles.get_article(store, 1)
    assert (summary.counts.updated, summary.counts.imported) == (1, 0)
    assert "Other Matters of Interest" not in after.body and after.original_text == before.original_text
    assert after.content_hash != before.content_hash and after.updated_at
    assert get_claim(store, claim_id).start == after.body.index("A source who requested")
    assert [h.id for h in articles.search(store, '"Other Matters of Interest"')] == []
    assert import_paths(store, [str(scraped)]).counts.exact_duplicates == 1


def test_a_full_text_replaces_a_summary_but_never_the_other_way(store: Store, tmp_path: Path) -> None:
    url = "https://peninsuladesk.example/2024/11/12/odesa-port-resumes"
    full = tmp_path / "full.jsonl"
    full.write_text(json.dumps({"title": "Odesa Port Resumes Loading After Drone Strike", "url": url,
                                "body": GOOD.replace("Kyiv", "Odesa") * 3}) + "\n", encoding="utf-8")
    import_paths(store, [str(REPO / "samples/feeds/peninsula-desk.xml")])
    upgraded = import_paths(store, [str(full)])
    assert upgraded.counts.updated == 1
    assert store.scalar("SELECT summary_only FROM articles WHERE canonical_url = ?", [url]) == 0
    downgrade = import_paths(store, [str(REPO / "samples/feeds/peninsula-desk.xml")])
    assert downgrade.counts.exact_duplicates == 3 and downgrade.counts.updated == 0


def test_dry_run_stores_nothing_and_reports_each_article(store: Store) -> None:
    seen = []
    summary = import_paths(store, [str(REPO / "samples")], dry_run=True, on_article=seen.append)
    assert summary.run_id is None and store.scalar("SELECT COUNT(*) FROM articles") == 0
    assert store.scalar("SELECT COUNT(*) FROM import_runs") == 0
    statuses = [p.status for p in seen]
    assert statuses.count("imported") == 10 and statuses.count("exact_duplicate") == 1
    [near] = [p for p in seen if p.status == "near_duplicate"]
    assert near.duplicate_of_origin.endswith("eastern-wire.jsonl:1") and near.title.startswith("Zelensky Presses")
    scraped = next(p for p in seen if p.format == "text")
    assert scraped.title == "Seoul Weighs Kiev’s Request for Air Defence Interceptors"
    assert "Other Matters of Interest" in scraped.removed and "close" in scraped.removed


def test_ctrl_c_while_a_batch_is_being_written_still_stores_that_batch(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus.importing import writer

    for number in range(30):
        _good_text(tmp_path, f"b{number:02d}.txt", f"{GOOD} Report {number} of thirty, filed on day {number}.")
    real_save_counts = writer.save_counts
    pressed = []

    def ctrl_c_once(*args):  # the key pressed inside the batch's transaction, before its commit
        if not pressed:
            pressed.append(True)
            raise KeyboardInterrupt
        return real_save_counts(*args)

    monkeypatch.setattr(writer, "save_counts", ctrl_c_once)
    with pytest.raises(ImportInterrupted) as stopped:
        import_paths(store, [str(tmp_path)])
    summary = stopped.value.summary
    assert summary.articles == summary.counts.imported == store.scalar("SELECT COUNT(*) FROM articles") == 30
    assert list_runs(store)[0].imported == 30


def test_cancel_keeps_whole_articles_and_marks_the_run(store: Store, tmp_path: Path) -> None:
    for number in range(40):
        _good_text(tmp_path, f"a{number:02d}.txt", f"{GOOD} Number {number} of forty, written on day {number}.")
    (tmp_path / "a05-empty.txt").write_bytes(b"")
    cancel = threading.Event()
    with pytest.raises(ImportInterrupted) as stopped:
        # The workbench's cancel button, pressed when the sixth file (a05-empty.txt) turns out empty.
        import_paths(store, [str(tmp_path)], on_issue=lambda issue: cancel.set(), cancel=cancel)
    assert store.scalar("SELECT COUNT(*) FROM articles") == stopped.value.summary.counts.imported == 5
    assert list_runs(store)[0].status == "interrupted"
    assert import_paths(store, [str(tmp_path)]).counts.imported == 35
