"""The review queue and the Entities pane: one key per decision, history, and the result."""

from __future__ import annotations

import pytest
from tui_helpers import SMALL, WIDE, copy_db, open_app, run, screen_text, type_text

from corpus import duplicates
from corpus.entities import decisions
from corpus.store import Store
from tui.screens.articles import ArticleList, ArticlesScreen
from tui.screens.entities import EntitiesScreen, EntityList
from tui.screens.review import ReviewScreen


@pytest.fixture
def db(sample_db, tmp_path):
    return copy_db(sample_db, tmp_path)


def _entity_of(store: Store, name: str) -> int:
    return store.scalar("SELECT coalesce(e.merged_into, e.id) FROM aliases a JOIN entities e ON e.id = a.entity_id"
                        " WHERE a.name = ?", [name])


def _kiev_kyiv(store: Store):
    kiev = store.scalar("SELECT entity_id FROM aliases WHERE name = 'Kiev'")
    kyiv = store.scalar("SELECT entity_id FROM aliases WHERE name = 'Kyiv'")
    return kiev, kyiv


async def _to_kiev_kyiv(pilot) -> None:
    await pilot.press("5")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReviewScreen)
    for _ in range(10):
        view = pilot.app.screen.shown
        if {view.left_name, view.right_name} == {"Kiev", "Kyiv"}:
            return
        await pilot.press("s")
    raise AssertionError("Kiev ↔ Kyiv is not in the queue")


async def test_decide_kiev_kyiv_with_one_key_and_see_both_articles_under_one_entity(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await _to_kiev_kyiv(pilot)
        shown = screen_text(app)
        assert "Kiev" in shown and "Kyiv" in shown and "transliteration" in shown
        await pilot.press("y")  # one key: same, and on to the next pair
        await pilot.pause()
        assert {app.screen.shown.left_name, app.screen.shown.right_name} != {"Kiev", "Kyiv"}
        with Store(db) as store:
            assert _entity_of(store, "Kiev") == _entity_of(store, "Kyiv")
            assert decisions.current_decision(store, *_kiev_kyiv(store)).verdict == "same"
        assert "same" in screen_text(app) and "Kiev" in screen_text(app)  # in the history
        # Both articles are now under one entity.
        await pilot.press("3", "slash")
        await type_text(pilot, "Kyiv")
        await pilot.pause(0.3)
        assert isinstance(app.screen, EntitiesScreen)
        await pilot.press("enter")
        table = app.screen.query_one(EntityList)
        names = [table.row_at(i).entity.name for i in range(table.row_count)]
        line = next(table.row_at(i) for i in range(table.row_count) if set(table.row_at(i).entity.aliases) >= {"Kiev", "Kyiv"})
        table.move_to(names.index(line.entity.name))
        await pilot.pause()
        text = screen_text(app)
        assert "Seoul Weighs Kiev’s Request" in text
        assert "Kyiv Steps Up Air Defence" in text or "Kyiv Residents Prepare" in text
        await pilot.press("f")  # the articles that mention it
        await pilot.pause()
        assert isinstance(app.screen, ArticlesScreen)
        articles = app.screen.query_one(ArticleList)
        titles = {articles.row_at(i).title for i in range(articles.row_count)}
        assert "Seoul Weighs Kiev’s Request for Air Defence Interceptors" in titles
        assert any(t.startswith("Kyiv") for t in titles)
        assert "entity:" in screen_text(app)


async def test_a_decided_key_pressed_again_clears_the_decision(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await _to_kiev_kyiv(pilot)
        await pilot.press("n")  # different
        with Store(db) as store:
            pair = _kiev_kyiv(store)
            assert decisions.current_decision(store, *pair).verdict == "different"
        await pilot.press("b")  # back to it
        await pilot.pause()
        assert "decided: different" in screen_text(app)
        await pilot.press("n")  # the same key again: cleared, and the pair stays on screen
        await pilot.pause()
        with Store(db) as store:
            assert decisions.current_decision(store, *pair) is None
        assert {app.screen.shown.left_name, app.screen.shown.right_name} == {"Kiev", "Kyiv"}
        assert "back in the queue" in screen_text(app)


async def test_history_decisions_can_be_changed(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await _to_kiev_kyiv(pilot)
        await pilot.press("m")  # unsure
        await pilot.press("h")  # focus the history, newest first
        await pilot.press("y")  # change it to same
        await pilot.pause()
        with Store(db) as store:
            assert decisions.current_decision(store, *_kiev_kyiv(store)).verdict == "same"
        await pilot.press("x")  # clear it
        await pilot.pause()
        with Store(db) as store:
            assert decisions.current_decision(store, *_kiev_kyiv(store)) is None


async def test_duplicate_queue_in_the_same_style(db) -> None:
    app = open_app(db)
    async with run(app, SMALL) as pilot:
        await pilot.press("5", "D")
        await pilot.pause()
        text = screen_text(app)
        assert "similarity" in text
        view = app.screen.shown
        await pilot.press("n")  # not a duplicate
        await pilot.pause()
        with Store(db) as store:
            decided = duplicates.latest_decisions(store, view.pair.article_id)
            assert decided == {view.pair.other_id: duplicates.NOT_DUPLICATE}
            assert store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [view.pair.article_id]) is None
        await pilot.press("u")  # undo through the one log
        await pilot.pause()
        with Store(db) as store:
            assert store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [view.pair.article_id]) == \
                view.pair.other_id


async def test_duplicate_queue_unsure_and_a_decided_key_pressed_again_clears_it(db) -> None:
    app = open_app(db)
    async with run(app, SMALL) as pilot:
        await pilot.press("5", "D")
        await pilot.pause()
        view = app.screen.shown
        copy, original = view.pair.article_id, view.pair.other_id
        assert "m unsure" in screen_text(app)
        footer = screen_text(app).splitlines()[-1]  # the keys named for this queue's question
        assert "y Copy" in footer and "n Not a copy" in footer and "Same" not in footer
        await pilot.press("m")  # unsure: out of the queue, the articles untouched
        await pilot.pause()
        with Store(db) as store:
            assert duplicates.current_decision(store, copy, original) == duplicates.UNSURE
            assert duplicates.count_undecided(store) == 0
        assert app.screen.shown is None and "unsure" in screen_text(app)  # in the history
        await pilot.press("b")  # back to it: its decision is shown
        await pilot.pause()
        assert "decided: unsure" in screen_text(app)
        await pilot.press("n")  # another key changes it
        await pilot.pause()
        with Store(db) as store:
            assert duplicates.current_decision(store, copy, original) == duplicates.NOT_DUPLICATE
            assert store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [copy]) is None
        await pilot.press("b", "n")  # the same key again clears it; the pair stays on screen
        await pilot.pause()
        with Store(db) as store:
            assert duplicates.current_decision(store, copy, original) is None
            assert store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [copy]) == original
        assert app.screen.shown.pair.article_id == copy and app.screen.shown.pair.decision is None
        assert "undecided again" in screen_text(app)


async def test_duplicate_history_decisions_can_be_changed_and_cleared(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.press("5", "D", "y")  # duplicate
        await pilot.pause()
        with Store(db) as store:
            [pair] = duplicates.duplicate_queue(store)
            assert pair.decision == duplicates.DUPLICATE
        await pilot.press("h", "m")  # in the history: change it to unsure
        await pilot.pause()
        with Store(db) as store:
            assert duplicates.current_decision(store, pair.article_id, pair.other_id) == duplicates.UNSURE
        await pilot.press("x")  # clear it
        await pilot.pause()
        with Store(db) as store:
            assert duplicates.current_decision(store, pair.article_id, pair.other_id) is None
            assert duplicates.count_undecided(store) == 1


async def test_history_keys_read_as_the_decisions_of_each_queue_at_80_columns(db) -> None:
    app = open_app(db)
    async with run(app, SMALL) as pilot:
        await _to_kiev_kyiv(pilot)
        await pilot.press("n", "h")  # different; then the history
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "y Same" in footer and "n Different" in footer and "m Unsure" in footer and "Make" not in footer
        assert "esc Back to queue" in footer  # nothing cut off at 80 columns
        await pilot.press("escape", "D", "y", "h")  # the duplicate queue: duplicate; then its history
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any(line.lstrip().startswith("duplicate ") for line in lines)  # the history's entry
        footer = lines[-1]
        assert "y Duplicate" in footer and "n Not a duplicate" in footer and "m Unsure" in footer
        assert "Same" not in footer and "Different" not in footer and "esc Back to queue" in footer
        await pilot.press("n")  # the key named "Not a duplicate" makes it so
        await pilot.pause()
        with Store(db) as store:
            [pair] = duplicates.duplicate_queue(store)
            assert pair.decision == duplicates.NOT_DUPLICATE
        assert any(line.lstrip().startswith("not a duplicate ") for line in screen_text(app).splitlines())
        await pilot.press("s")  # the queue's keys still work from the history
        await pilot.press("D")
        await pilot.pause()
        assert app.screen.mode == "names"
