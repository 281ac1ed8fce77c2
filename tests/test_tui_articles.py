"""The Articles pane, driven with the keys an analyst presses."""

from __future__ import annotations

import pytest
from tui_helpers import SMALL, WIDE, copy_db, open_app, run, screen_text, settle, type_text

from corpus.store import Store
from tui.screens.articles import ArticleList, ArticlesScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_text import ArticleText


@pytest.fixture
def db(sample_db, tmp_path):
    return copy_db(sample_db, tmp_path)


async def test_opens_on_the_imported_samples_with_duplicates_hidden(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ArticlesScreen)
        table = app.screen.query_one(ArticleList)
        assert table.row_count == 10  # 11 imported, one near-duplicate hidden
        text = screen_text(app)
        assert "10 of 11 articles" in text
        assert "duplicates hidden" in text
        assert "Seoul Weighs Kiev’s Request for Air Defence Interceptors" in text
        await pilot.press("D")
        await settle(pilot)
        assert table.row_count == 11
        assert "≈" in screen_text(app)


async def test_search_as_you_type_narrows_the_list(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "kursk")
        await settle(pilot)
        table = app.screen.query_one(ArticleList)
        titles = [table.row_at(i).title for i in range(table.row_count)]
        assert "North Korean Troops Seen Near Kursk, Seoul Says" in titles
        assert table.row_count < 10
        text = screen_text(app)
        assert f"{table.row_count} of 11 articles" in text
        assert "Kursk" in "".join(text.splitlines()[-5:-1])  # the hit shows in the detail lines
        await pilot.press("enter")  # back to the list
        assert app.focused is table
        await pilot.press("enter")  # open the highlighted article
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.current_article_id == table.row_at(0).id


async def test_search_prefix_matches_while_typing_and_bad_syntax_is_harmless(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "zelensk")
        await settle(pilot)
        table = app.screen.query_one(ArticleList)
        assert table.row_count >= 2
        await type_text(pilot, ' AND "(')
        await settle(pilot)
        assert "Search failed" not in screen_text(app)


async def test_sort_filter_and_clear(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        table = app.screen.query_one(ArticleList)
        newest = table.row_at(0).published
        await pilot.press("s")  # oldest first
        await settle(pilot)
        assert "oldest first" in screen_text(app)
        assert table.row_at(0).published <= newest
        await pilot.press("f", "tab")  # past the tag field to the outlet
        await type_text(pilot, "Penin")
        await pilot.press("tab")  # completion of the outlet from the corpus
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert table.row_count == 3
        assert {table.row_at(i).outlet for i in range(3)} == {"Peninsula Desk"}
        assert "outlet:Peninsula Desk" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        assert table.row_count == 10
        await pilot.press("f", "tab")
        await type_text(pilot, "Peninsula Desk")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert table.row_count == 3
        await pilot.press("f", "ctrl+x")  # in the dialog, a field focused: clears every filter
        await settle(pilot)
        assert table.row_count == 10 and "outlet:" not in screen_text(app)


async def test_at_80_by_24_the_list_and_its_keys_fit(db) -> None:
    app = open_app(db)
    async with run(app, SMALL) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert len(lines) == 24
        assert "Articles" in lines[0] and "Review" in lines[0] and "? keys" in lines[0]
        assert "10 of 11 articles" in lines[2]
        assert "Title" in lines[3] and "Date" in lines[3]
        assert "Search" in lines[-1] and "Sort" in lines[-1] and "palette" in lines[-1]


async def test_empty_database_explains_how_to_import_and_imports_from_inside(tmp_path) -> None:
    from conftest import SAMPLES

    app = open_app(tmp_path / "new.db")
    async with run(app, WIDE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "no articles yet" in text
        assert "import PATH --extract" in text
        await pilot.press("i")
        await type_text(pilot, str(SAMPLES / "wire"))
        await pilot.press("ctrl+t")  # no extraction: this test is about the import worker
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        table = app.screen.query_one(ArticleList)
        assert table.row_count >= 4
        assert "Imported" in screen_text(app)
    with Store(tmp_path / "new.db") as store:
        assert store.scalar("SELECT count(*) FROM articles") == table.row_count + 1  # + the near-duplicate


async def test_articles_appear_in_the_list_while_the_import_is_still_running(tmp_path) -> None:
    import asyncio
    import random

    folder = tmp_path / "reports"
    folder.mkdir()
    rng = random.Random(5)
    words = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 9))) for _ in range(5000)]
    count = 600  # several batches: the import commits a hundred articles (or a quarter second) at a time
    for n in range(count):
        body = " ".join(rng.choices(words, k=120)).capitalize()
        (folder / f"report-{n:04}.txt").write_text(f"Report {n} on {words[n]}\n\n{body}.\n", encoding="utf-8")
    app = open_app(tmp_path / "new.db")
    async with run(app, WIDE) as pilot:
        table = app.screen.query_one(ArticleList)
        busy = lambda: any(w.group == "tasks" and not w.is_finished for w in app.workers)  # noqa: E731
        shown_while_busy: list[int] = []

        async def watch() -> None:  # what the analyst sees meanwhile, looked at every 20 ms
            while True:
                if busy():
                    shown_while_busy.append(table.row_count)
                await asyncio.sleep(0.02)

        watcher = asyncio.create_task(watch())
        await pilot.press("i")
        await type_text(pilot, str(folder))
        await pilot.press("ctrl+t", "enter")  # no extraction: the import alone
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        watcher.cancel()
        assert any(0 < shown < count for shown in shown_while_busy), "no article was listed before the import ended"
        assert table.row_count == count
        assert f"Imported {count} articles" in screen_text(app)


async def test_import_of_a_missing_path_is_refused_with_the_reason(tmp_path) -> None:
    app = open_app(tmp_path / "new.db")
    async with run(app, WIDE) as pilot:
        await pilot.press("i")
        await type_text(pilot, "/no/such/folder")
        await pilot.press("enter")
        await pilot.pause()
        assert "/no/such/folder: no such file or folder" in screen_text(app)


async def test_article_text_is_shown_literally(tmp_path) -> None:
    from corpus.importing import import_paths

    source = tmp_path / "in"
    source.mkdir()
    (source / "odd.txt").write_text(
        "Brackets [bold]stay[/bold] text\n\nA line with \x1b[31mred\x1b[0m and a bell \x07 inside.\n",
        encoding="utf-8",
    )
    with Store(tmp_path / "odd.db") as store:
        import_paths(store, [str(source)])
    app = open_app(tmp_path / "odd.db")
    async with run(app, WIDE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        text = screen_text(app)
        assert "[bold]stay[/bold]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "␛[31mred␛[0m" in text
        assert app.screen.query_one(ArticleText).text.count("\x1b") == 2  # the data itself is untouched
