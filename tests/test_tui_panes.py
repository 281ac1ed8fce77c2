"""The Entities and Claims panes: curating entities, editing and following claims, notes."""

from __future__ import annotations

import pytest
from tui_helpers import WIDE, copy_db, export_to, open_app, read_csv, run, screen_text, settle, type_text

from corpus import links, notes, ratings
from corpus.claims import Attribution, create_claim
from corpus.claims import model as claims_model
from corpus.entities import queries
from corpus.items import Item
from corpus.store import Store
from tui.screens.claims import ClaimList, ClaimsScreen
from tui.screens.entities import EntityList
from tui.screens.reader import ReaderScreen


@pytest.fixture
def db(sample_db, tmp_path):
    return copy_db(sample_db, tmp_path)


def _entity(store: Store, name: str) -> int:
    return store.scalar("SELECT id FROM entities WHERE name = ? AND merged_into IS NULL", [name])


async def _find_entity(pilot, name: str) -> None:
    await pilot.press("3", "slash")
    await type_text(pilot, name)
    await pilot.pause(0.2)
    await pilot.press("enter")
    table = pilot.app.screen.query_one(EntityList)
    names = [table.row_at(i).entity.name for i in range(table.row_count)]
    table.move_to(names.index(name))
    await pilot.pause()


async def test_rename_retype_rate_and_annotate_an_entity(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await _find_entity(pilot, "Kiev")
        assert "Kiev" in screen_text(app)
        await pilot.press("y")  # set type
        await type_text(pilot, "gpe")  # not typed: chosen from the list
        await pilot.press("escape", "y")
        for _ in range(2):
            await pilot.press("down")
        await pilot.press("enter")  # the third type offered: GPE
        await pilot.press("n", "ctrl+u")
        await type_text(pilot, "Kyiv (city)")
        await pilot.press("enter")
        await pilot.press("r", "c")
        await pilot.press("a")
        await type_text(pilot, "Capital of Ukraine.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "Kyiv (city)" in text and "reliability C" in text and "Capital of Ukraine." in text
    with Store(db) as store:
        entity = _entity(store, "Kyiv (city)")
        assert queries.get_entity(store, entity).type == "GPE"
        assert ratings.reliability_of(store, Item("entity", entity)) == "C"
        assert notes.get_note(store, Item("entity", entity)).body == "Capital of Ukraine."


async def test_merge_then_split_an_entity(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await _find_entity(pilot, "Odesa")
        await pilot.press("M")
        await type_text(pilot, "Odessa")
        await pilot.press("enter")
        await pilot.pause()
        def roots() -> set[int]:
            with Store(db) as store:
                ids = [r[0] for r in store.conn.execute("SELECT id FROM entities WHERE name IN ('Odesa', 'Odessa')")]
                return {queries.canonical_id(store, i) for i in ids}

        assert len(roots()) == 1
        assert "Merged:" in screen_text(app)
        await pilot.press("S", "enter")  # split all of it apart again
        await pilot.pause()
        assert len(roots()) == 2


async def test_export_of_the_entities_view_writes_what_the_search_and_type_filter_show_in_their_order(
        db, tmp_path) -> None:
    target = tmp_path / "entities.csv"
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.press("3", "T")  # the most frequent type only
        await pilot.press("slash", "k")  # and a letter of the name or an alias
        await pilot.pause(0.3)
        await pilot.press("enter")
        table = app.screen.query_one(EntityList)
        shown = [table.row_at(i).entity for i in range(table.row_count)]
        with Store(db) as store:
            everything = queries.count_entities(store)
        assert 1 < len(shown) < everything and len({e.type for e in shown}) == 1
        await pilot.press("e")
        assert f"{len(shown)} entities of this view" in screen_text(app)
        await export_to(pilot, target)
        assert f"Exported {len(shown)} entities" in screen_text(app)
    rows = read_csv(target)
    assert [int(r["id"]) for r in rows] == [e.id for e in shown]  # the same entities, in the list's order
    assert [(r["name"], r["type"], int(r["mentions"])) for r in rows] == [(e.name, e.type, e.mentions) for e in shown]


def test_the_entity_list_lists_what_the_entities_command_lists(sample_db) -> None:
    from corpus import browse

    with Store(sample_db) as store:
        for entity_type, search in ((None, None), ("PERSON", None), (None, "kyiv"), ("GPE", "o"), (None, "zelensky")):
            listed = queries.list_entities(store, entity_type, search, limit=10_000)
            ids = browse.entity_ids(store, entity_type, search)
            assert set(ids) == {r.id for r in listed}, (entity_type, search)
            rows = browse.entity_rows(store, ids)
            assert [r.mentions for r in rows] == sorted((r.mentions for r in rows), reverse=True)
        assert browse.entity_ids(store, search="%") == []  # typed characters are not wildcards


async def test_mentions_in_context_open_the_reader_at_the_mention(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await _find_entity(pilot, "Reuters")
        await pilot.press("m", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        text = app.screen.text
        assert "Reuters" in text.text[text.cursor_span.start:text.cursor_span.end]


async def test_claims_pane_edits_follows_links_and_deletes_with_undo(db) -> None:
    with Store(db) as store:
        article = store.scalar("SELECT id FROM articles WHERE title LIKE 'Seoul Weighs%'")
        other = store.scalar("SELECT id FROM articles WHERE title LIKE 'Yoon Suk Yeol Says%'")
        first = create_claim(store, article, quote="nothing has been decided")
        second = create_claim(store, other, quote="send weapons directly to Ukraine",
                              attribution=Attribution(speaker_descriptor="the president"))
        links.add_link(store, Item("claim", second), "contradicts", Item("claim", first))
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.press("4", "o")  # the whole corpus
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)
        table = app.screen.query_one(ClaimList)
        assert table.row_count == 2
        assert table.current_row.id == second  # newest first
        text = screen_text(app)
        assert "the president" in text and "contradicts" in text
        await pilot.press("enter")  # edit
        await pilot.press("tab", "tab", "tab")  # to the verb
        await type_text(pilot, "sa")
        await pilot.press("tab", "ctrl+s")  # completed to "said"
        await pilot.pause()
        with Store(db) as store:
            assert claims_model.get_claim(store, second).verb == "said"
        await pilot.press("f", "enter")  # follow the link
        await pilot.pause()
        assert table.current_row.id == first
        await pilot.press("v")  # to its text in the reader
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert "nothing has been decided" in app.screen.text.text[
            app.screen.text.cursor_span.start:app.screen.text.cursor_span.end]
        await pilot.press("4", "d")  # delete the claim under the cursor
        await pilot.pause()
        with Store(db) as store:
            assert claims_model.count_claims(store) == 1
        await pilot.press("u")
        await pilot.pause()
        with Store(db) as store:
            assert claims_model.count_claims(store) == 2
            assert len(links.links_of(store, Item("claim", first))) == 1


async def test_claims_by_a_speaker_from_the_entities_pane(db) -> None:
    with Store(db) as store:
        article = store.scalar("SELECT id FROM articles WHERE title LIKE 'Seoul Weighs%'")
        reuters = _entity(store, "Reuters")
        create_claim(store, article, quote="North Korea has shipped several hundred thousand artillery shells",
                     attribution=Attribution(speaker_entity_id=reuters))
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await _find_entity(pilot, "Reuters")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)
        assert app.screen.query_one(ClaimList).row_count == 1
        assert "by Reuters" in screen_text(app)


async def test_the_note_editor_survives_a_missing_editor(db, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", "/no/such/editor")
    monkeypatch.delenv("VISUAL", raising=False)
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.press("enter", "a")
        await type_text(pilot, "kept")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "cannot hand over to an editor" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        article = app.current_article_id
    with Store(db) as store:
        assert notes.get_note(store, Item("article", article)).body == "kept"


def test_the_external_editor_edits_the_note(tmp_path) -> None:
    import sys

    from tui.screens.note_dialog import EditorFailed, edit_externally

    script = tmp_path / "editor.py"
    script.write_text("import sys\nopen(sys.argv[1], 'a', encoding='utf-8').write('a line added\\n')\n",
                      encoding="utf-8")
    assert edit_externally("first line", f"{sys.executable} {script}") == "first line\na line added"
    assert edit_externally("", f"{sys.executable} {script}") == "a line added"
    with pytest.raises(EditorFailed, match="cannot run /no/such/editor"):
        edit_externally("x", "/no/such/editor")
    with pytest.raises(EditorFailed, match="exited with code 3"):
        edit_externally("x", f"{sys.executable} -c 'raise SystemExit(3)'")
