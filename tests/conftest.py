"""Shared fixtures: a real SQLite file per test, and the real shared samples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus.store import Store

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = REPO_ROOT / "samples"
# The real articles, pages and feeds that sit beside the repository; another place may be named.
SHARED_SAMPLES = Path(os.environ.get("CORPUS_SHARED_SAMPLES", REPO_ROOT.parent / "shared" / "samples"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "corpus.db"


@pytest.fixture
def store(db_path: Path):
    with Store(db_path) as opened:
        yield opened


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once for the whole test session."""
    from corpus import nlp as pipelines

    return pipelines.load()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, nlp) -> Path:
    """`samples/` imported and extracted with the real pipeline, once per session.

    Read-only: tests that write copy it first (see `tests/tui_helpers.py`).
    """
    from corpus.entities.extraction import extract
    from corpus.importing import import_paths

    path = tmp_path_factory.mktemp("sample-db") / "corpus.db"
    with Store(path) as opened:
        import_paths(opened, [str(SAMPLES)])
        extract(opened)
    return path


@pytest.fixture(scope="session")
def shared_samples() -> Path:
    if not SHARED_SAMPLES.is_dir():
        pytest.skip(f"shared samples not found at {SHARED_SAMPLES}")
    return SHARED_SAMPLES
