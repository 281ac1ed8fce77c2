"""What the workbench tests share: a private copy of the sample database, the app on it, and
the screen as text (what a user would read)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from rich.console import Console

from corpus.store import Store
from tui.app import CorpusApp

WIDE = (120, 40)
SMALL = (80, 24)


def copy_db(sample_db: Path, directory: Path) -> Path:
    target = directory / "corpus.db"
    shutil.copy(sample_db, target)
    return target


def open_app(path: Path) -> CorpusApp:
    return CorpusApp(Store(path))


def screen_text(app: CorpusApp) -> str:
    """The whole terminal as plain text, dialogs and notifications included."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False,
                      color_system=None, force_terminal=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[_key(c) for c in text])


def _key(char: str) -> str:
    return {" ": "space", "/": "slash", ",": "comma", ":": "colon", "-": "minus", ".": "full_stop",
            "?": "question_mark"}.get(char, char)


def run(app: CorpusApp, size: tuple[int, int]):
    """The app under the pilot, with notifications shown (errors and results appear there)."""
    return app.run_test(size=size, notifications=True)


async def settle(pilot) -> None:
    """Let a debounced search start, its background query finish and the screen follow."""
    await pilot.pause(0.1)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def export_to(pilot, target: Path) -> None:
    """In the open export dialog: the suggested path replaced by `target`, exported, and waited for."""
    await pilot.press("ctrl+u")
    await type_text(pilot, str(target))
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.3)


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
