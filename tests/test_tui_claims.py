"""Reading and marking claims from the keyboard: select, grow, claim, attribute, tag, rate,
link, undo and redo — checked in the database and on the screen."""

from __future__ import annotations

import pytest
from tui_helpers import settle, SMALL, WIDE, copy_db, export_to, open_app, read_csv, run, screen_text, type_text

from corpus.claims import model as claims_model
from corpus.items import Item
from corpus.store import Store
from corpus import links, ratings, tags
from tui.screens.reader import ReaderScreen
from tui.widgets.article_text import ArticleText
from tui.widgets.side_list import SideList

SEOUL = "Seoul Weighs Kiev’s Request for Air Defence Interceptors"
YOON_SENTENCE = "“We are reviewing every option that helps protect civilians, but nothing has been decided,” Yoon said"


@pytest.fixture
def db(sample_db, tmp_path):
    return copy_db(sample_db, tmp_path)


async def open_seoul_article(pilot) -> ArticleText:
    await pilot.press("slash")
    await type_text(pilot, "Seoul Weighs")
    await settle(pilot)
    await pilot.press("enter", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)
    assert SEOUL in screen_text(pilot.app)
    return pilot.app.screen.query_one(ArticleText)


def _claims(path) -> list:
    with Store(path) as store:
        article = store.scalar("SELECT id FROM articles WHERE title = ?", [SEOUL])
        return claims_model.claims_of_article(store, article)


async def test_select_grow_and_mark_a_claim_with_speaker_tag_and_rating(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        text = await open_seoul_article(pilot)
        await pilot.press("j")
        sentence = text.cursor_span
        assert text.text[sentence.start:sentence.end].startswith(YOON_SENTENCE)
        await pilot.press("right_curly_bracket")  # grow by a sentence
        assert text.selection.end > sentence.end
        assert "Selection:" in screen_text(app)
        await pilot.press("left_curly_bracket", "right_square_bracket")  # back to one sentence, then a word more
        assert text.selection.end > sentence.end
        assert text.text[sentence.end:text.selection.end].strip() == "A"
        await pilot.press("left_square_bracket")  # and a word less
        assert text.selection == sentence
        await pilot.press("c")
        assert "New claim" in screen_text(app)
        await type_text(pilot, "Yoo")
        await pilot.press("enter")  # the best match among the article's names
        await type_text(pilot, "topic:air-defence")
        await pilot.press("enter", "2", "ctrl+s")
        await pilot.pause()
        info = screen_text(app)
        assert "Saved claim" in info
        assert "Yoon" in info and "#topic:air-defence" in info
    claims = _claims(db)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.quote.startswith(YOON_SENTENCE)
    assert claim.speaker.startswith("Yoon")
    assert claim.credibility == 2
    with Store(db) as store:
        assert [t.tag for t in tags.tags_of(store, Item("claim", claim.id))] == ["topic:air-defence"]


async def test_accept_and_reject_suggestions_with_one_key_each(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await open_seoul_article(pilot)
        await pilot.press("s")  # the next suggested claim
        assert "Suggested:" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert "Accepted the suggestion as claim" in screen_text(app)
        await pilot.press("s", "x")
        await pilot.pause()
        assert "Rejected the suggestion" in screen_text(app)
    with Store(db) as store:
        article = store.scalar("SELECT id FROM articles WHERE title = ?", [SEOUL])
        statuses = dict(store.conn.execute(
            "SELECT status, count(*) FROM claim_suggestions WHERE article_id = ? GROUP BY status", [article]))
    assert statuses["accepted"] == 1 and statuses["rejected"] == 1


async def test_at_80_by_24_the_reader_keeps_its_claims_list_under_the_text(db) -> None:
    app = open_app(db)
    async with run(app, SMALL) as pilot:
        text = await open_seoul_article(pilot)
        side = app.screen.query_one(SideList)
        assert len(side.entries) > 1  # the suggested claims, at least
        lines = screen_text(app).splitlines()
        assert len(lines) == 24 and all(len(line) <= 80 for line in lines)
        shown = "\n".join(lines)
        assert side.summary in shown and side.entries[0].text.plain.splitlines()[0] in shown
        assert text.text[:40] in shown  # the article's start, above the list
        await pilot.press("tab", "end", "enter")  # into the list, its last entry: the text goes there
        await pilot.pause()
        assert text.cursor_span.start <= side.entries[-1].offset < text.cursor_span.end
        assert text.has_focus


async def test_link_two_claims_then_undo_and_redo(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        text = await open_seoul_article(pilot)
        await pilot.press("j", "c")
        await type_text(pilot, "Yoo")
        await pilot.press("enter", "ctrl+s")  # claim 1: Yoon's
        await pilot.press("j", "j", "c", "ctrl+s")  # claim 2: the analyst's sentence, no speaker yet
        await pilot.pause()
        assert len(_claims(db)) == 2
        await pilot.press("l")
        assert "Link" in screen_text(app)
        await type_text(pilot, "reviewing")
        await pilot.press("enter")  # the Yoon claim
        await pilot.press("down", "enter")  # repeats → corroborates
        await pilot.press("enter")  # no note
        await pilot.pause()
        assert "corroborates" in screen_text(app)
        with Store(db) as store:
            first, second = sorted(c.id for c in _claims(db))
            found = links.links_of(store, Item("claim", second))
            assert [(link.relation, link.to_id) for link in found] == [("corroborates", first)]
        await pilot.press("u")
        await pilot.pause()
        assert "Undone" in screen_text(app)
        with Store(db) as store:
            assert links.links_of(store, Item("claim", second)) == []
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Redone" in screen_text(app)
        with Store(db) as store:
            assert len(links.links_of(store, Item("claim", second))) == 1
        # Rating the claim under the cursor; on a sentence without a claim `r` would rate the
        # outlet, which this scraped article does not name.
        await pilot.press("r", "3")
        await pilot.press("k", "r")  # the anonymous source's sentence: no claim on it
        await pilot.pause()
        assert "Rate works on claims, entities and sources, not on" in screen_text(app)
        assert text.cursor_span is not None
    with Store(db) as store:
        assert ratings.claim_rating(store, second).credibility == 3


async def test_rate_an_outlet_from_the_article_list(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.press("r")
        assert "Reliability of the source" in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert "Rated source" in screen_text(app)
    with Store(db) as store:
        source = store.scalar("SELECT source_id FROM articles ORDER BY published DESC LIMIT 1")
        assert ratings.reliability_of(store, Item("source", source)) == "B"


async def test_tag_completion_in_the_reader(db) -> None:
    with Store(db) as store:
        other = store.scalar("SELECT id FROM articles WHERE title != ? LIMIT 1", [SEOUL])
        tags.add_tags(store, Item("article", other), ["topic:air-defence"])
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await open_seoul_article(pilot)
        await pilot.press("t")
        await type_text(pilot, "top")
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert "#topic:air-defence" in screen_text(app)
    with Store(db) as store:
        article = store.scalar("SELECT id FROM articles WHERE title = ?", [SEOUL])
        assert [t.tag for t in tags.tags_of(store, Item("article", article))] == ["topic:air-defence"]


async def test_export_of_the_claims_view_writes_exactly_the_claims_the_search_shows(db, tmp_path) -> None:
    with Store(db) as store:
        seoul = store.scalar("SELECT id FROM articles WHERE title = ?", [SEOUL])
        other = store.scalar("SELECT id FROM articles WHERE title LIKE 'Kyiv%' LIMIT 1")
        quotes = [(seoul, "Seoul", 1), (seoul, "Seoul", 2), (other, "Kyiv", 1)]
        made = [claims_model.create_claim(store, article, quote=quote, occurrence=n) for article, quote, n in quotes]
        tags.add_tags(store, Item("claim", made[0]), ["urgent"])
    target = tmp_path / "claims.csv"
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await pilot.press("4", "o")  # the Claims pane, the whole corpus
        await pilot.pause()
        assert "3 claims in the whole corpus" in screen_text(app)
        await pilot.press("slash")
        await type_text(pilot, "Seoul")  # two of the three quotes
        await pilot.pause(0.3)
        assert "2 claims in the whole corpus" in screen_text(app)
        await pilot.press("escape", "e")
        assert "2 claims of this view" in screen_text(app)
        await export_to(pilot, target)
        assert "Exported 2 claims" in screen_text(app)
    rows = read_csv(target)
    assert [int(r["claim_id"]) for r in rows] == sorted(made[:2], reverse=True)  # the list's order: newest first
    assert [r["quote"] for r in rows] == ["Seoul", "Seoul"]
    assert [r["analyst_tags"] for r in rows if int(r["claim_id"]) == made[0]] == ["urgent"]


async def test_ctrl_x_clears_the_speaker_from_any_field_of_the_claim_editor(db) -> None:
    app = open_app(db)
    async with run(app, WIDE) as pilot:
        await open_seoul_article(pilot)
        await pilot.press("j", "c")
        await type_text(pilot, "Yoo")
        await pilot.press("enter")  # the speaker is set; the tags field has the focus
        await type_text(pilot, "kept")
        assert "Yoon" in screen_text(app)
        await pilot.press("ctrl+x")  # not the text field's "cut": the speaker goes, the tags stay
        await pilot.pause()
        assert "none yet" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    [claim] = _claims(db)
    assert claim.speaker_entity_id is None
    with Store(db) as store:
        assert [t.tag for t in tags.tags_of(store, Item("claim", claim.id))] == ["kept"]
