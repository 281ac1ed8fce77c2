"""The import pipeline: paths in, clean deduplicated articles stored, failures as data.

    summary = import_paths(store, ["~/collected"], on_progress=show)

is all the command line and the workbench call; see `corpus.importing.pipeline`.
"""

from corpus.importing.inputs import DEFAULT_MAX_SIZE, ImportIssue, human_size, parse_size
from corpus.importing.pipeline import ImportInterrupted, ImportProgress, ImportSummary, import_paths
from corpus.importing.preview import ArticlePreview
from corpus.importing.runs import (
    EXACT_DUPLICATE,
    IMPORTED,
    NEAR_DUPLICATE,
    UPDATED,
    ImportCounts,
    ImportRun,
    list_runs,
    run_issues,
)

__all__ = [
    "DEFAULT_MAX_SIZE", "EXACT_DUPLICATE", "IMPORTED", "NEAR_DUPLICATE", "UPDATED", "ArticlePreview",
    "ImportCounts", "ImportInterrupted", "ImportIssue", "ImportProgress", "ImportRun", "ImportSummary",
    "human_size", "import_paths", "list_runs", "parse_size", "run_issues",
]
