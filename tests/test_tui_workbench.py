"""What every pane shares: export, help, the palette, pane keys, and the layout at 80×24."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from tui_helpers import settle, SMALL, WIDE, copy_db, export_to, open_app, read_csv, run, screen_text, type_text

from tui.screens.articles import ArticleList
from tui.screens.claims import ClaimsScreen
from tui.screens.entities import EntitiesScreen
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.screens.review import ReviewScreen

TUI = Path(__file__).resolve().parent.parent / "tui"


@pytest.fixture
def db(sample_db, tmp_path):
    return copy_db(sample_db, tmp_path)


async def test_export_the_current_view_to_csv_and_read_it_back(db, tmp_path) -> None:
    target = tmp_path / "view.csv"
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "air defence")
        await settle(pilot)
        table = app.screen.query_one(ArticleList)
        shown = [table.row_at(i) for i in range(table.row_count)]
        assert 0 < len(shown) < 10
        await pilot.press("escape", "e")
        assert "Export to CSV" in screen_text(app)
        await export_to(pilot, target)
        assert f"Exported {len(shown)} articles" in screen_text(app)
    rows = read_csv(target)
    assert [int(r["article_id"]) for r in rows] == [a.id for a in shown]  # in the list's order
    assert {r["title"] for r in rows} == {a.title for a in shown}


async def test_export_to_a_missing_folder_says_why(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.press("e", "ctrl+u")
        await type_text(pilot, "/no/such/dir/x.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert "/no/such/dir/x.csv: no such folder to write into" in screen_text(app)


async def test_help_lists_every_key_of_the_focused_pane(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.press("enter")  # the reader
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for expected in ("Reader text", "Grow by word", "Shrink by sentence", "Reader pane", "Claim",
                         "Accept", "Reject", "Everywhere", "Undo", "Redo", "Tag", "Link", "Rate", "Export"):
            assert expected in text, expected
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_the_palette_runs_actions_by_name(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "go to review")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+p")
        await type_text(pilot, "names/duplicates")
        await pilot.pause(0.5)
        assert "key D" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.screen.mode == "duplicates"


async def test_every_binding_has_a_description_for_help_and_palette() -> None:
    from textual.binding import Binding

    import tui.app as app_module
    from tui import screens, widgets

    missing = []
    for package in (screens, widgets):
        for path in Path(package.__path__[0]).glob("*.py"):
            module = __import__(f"{package.__name__}.{path.stem}", fromlist=["*"])
            for value in vars(module).values():
                for binding in getattr(value, "BINDINGS", []) if isinstance(value, type) else []:
                    if isinstance(binding, Binding) and not binding.description:
                        missing.append(f"{path.stem}: {binding.key}")
    assert [b for b in app_module.CorpusApp.BINDINGS if not b.description] == []
    assert missing == []


@pytest.mark.parametrize("key, screen, expected", [
    ("1", None, ["10 of 11 articles", "Title"]),
    ("2", ReaderScreen, ["Sentence 1 of", "c claim"]),
    ("3", EntitiesScreen, ["entities", "Name", "Ment"]),
    ("4", ClaimsScreen, ["claims", "Speaker", "Quote"]),
    ("5", ReviewScreen, ["Name pairs", "score", "Recent decisions"]),
])
async def test_each_pane_is_one_key_away_and_readable_at_80_by_24(db, key, screen, expected) -> None:
    app = open_app(db)
    async with run(app, SMALL) as pilot:
        if screen is ReaderScreen:
            await pilot.press("enter")
        await pilot.press(key)
        await pilot.pause(0.2)
        if screen is not None:
            assert isinstance(app.screen, screen)
        text = screen_text(app)
        lines = text.splitlines()
        assert len(lines) == 24 and all(len(line) <= 80 for line in lines)
        for word in expected:
            assert word in text, word
        assert "? keys" in lines[0]


def test_no_module_in_tui_touches_sql() -> None:
    offenders = []
    for path in TUI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
                if any(n and n.split(".")[0] in ("sqlite3", "sqlite_utils") for n in names):
                    offenders.append(f"{path.name}: imports {names}")
            if isinstance(node, ast.Attribute) and (
                node.attr in ("execute", "executemany", "executescript", "conn", "db")
                or node.attr in ("query", "scalar") and ast.unparse(node.value).endswith("store")
            ):
                offenders.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                words = node.value.upper().split()
                if {"SELECT", "FROM"} <= set(words) or {"INSERT", "INTO"} <= set(words) or "UPDATE" in words[:1]:
                    offenders.append(f"{path.name}:{node.lineno}: SQL text")
    assert offenders == []


async def test_extraction_runs_from_the_palette_in_the_background(tmp_path, nlp) -> None:
    from conftest import SAMPLES

    from corpus.importing import import_paths
    from corpus.store import Store

    with Store(tmp_path / "fresh.db") as store:
        import_paths(store, [str(SAMPLES / "wire")])
    app = open_app(tmp_path / "fresh.db")
    async with run(app, WIDE) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "run entity extraction")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        assert "Extracted names from" in screen_text(app)
        await pilot.press("3")
        await pilot.pause()
        assert "Volodymyr Zelenskyy" in screen_text(app)
    with Store(tmp_path / "fresh.db") as store:
        assert store.scalar("SELECT count(*) FROM mentions") > 0


async def test_the_palette_has_every_action_of_each_pane_and_none_of_textuals_scrolling_keys(db) -> None:
    from textual.actions import parse as parse_action
    from textual.binding import Binding

    from tui.app import CorpusApp
    from tui.commands import _binding_commands, _extra_commands

    app = open_app(db)
    async with run(app, SMALL) as pilot:
        for key in "12345":
            await pilot.press(key)
            await pilot.pause(0.2)
            screen = app.screen
            names = {c.name.split(": ")[-1] for c in _binding_commands(screen) + _extra_commands(screen)}
            declared = [b for cls in (type(screen), CorpusApp) for b in cls.BINDINGS
                        if isinstance(b, Binding) and b.description and b.action != "command_palette"
                        and screen.check_action(*parse_action(b.action)[1:]) is not False]
            missing = [b.description for b in declared if b.description not in names]
            assert missing == [], (type(screen).__name__, missing)
            assert {"Go to Articles", "Go to Review", "Undo", "Redo", "Import", "Quit", "Help"} <= names
            assert not {"Page Up", "Page Down", "Scroll Up", "Scroll Home"} & names, type(screen).__name__


async def test_background_progress_keeps_its_room_on_the_top_line_at_80_columns(db) -> None:
    app = open_app(db)
    async with run(app, SMALL) as pilot:
        status = "Import ██████████ 10/10 1,234 new"
        app.task_status = status
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert status in top and "1 Articles" in top  # the other panes keep their keys only
        app.task_status = ""
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert "5 Review" in top and "u undo  ? keys" in top
