"""An up-to-date corpus answers `corpus extract` at once, without loading spaCy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from corpus import nlp as pipelines

CHECK = """
import sys
from corpus.entities.extraction import extract
from corpus.store import Store
with Store(sys.argv[1]) as store:
    report = extract(store)
print(report.pending, report.extracted, 'spacy' in sys.modules)
"""


def _extract_in_fresh_process(db: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-c", CHECK, str(db)], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_nothing_pending_means_no_pipeline_is_loaded(sample_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    shutil.copy(sample_db, db)
    assert _extract_in_fresh_process(db) == ["0", "0", "False"]


def test_a_new_article_still_loads_the_pipeline(sample_db: Path, tmp_path: Path) -> None:
    from corpus.importing import import_paths
    from corpus.store import Store

    db = tmp_path / "corpus.db"
    shutil.copy(sample_db, db)
    article = tmp_path / "new.txt"
    article.write_text("Officials in Kyiv said on Monday that repairs would take weeks.\n", encoding="utf-8")
    with Store(db) as store:
        import_paths(store, [str(article)])
    assert _extract_in_fresh_process(db) == ["1", "1", "True"]


def test_the_pipeline_is_told_from_its_meta_without_loading(nlp) -> None:
    assert pipelines.peek_pipeline_info() == pipelines.pipeline_info(nlp)
    assert pipelines.peek_pipeline_info("no_such_pipeline_anywhere") is None
