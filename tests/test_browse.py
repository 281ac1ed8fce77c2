"""The workbench's read-side queries, on the imported and extracted samples."""

from __future__ import annotations

import pytest

from corpus import browse, tags
from corpus.browse import ArticleLister, ArticleQuery, ClaimQuery, fts_query
from corpus.claims import Attribution, create_claim
from corpus.items import Item
from corpus.store import Store

SEOUL = "Seoul Weighs Kiev’s Request for Air Defence Interceptors"


@pytest.fixture
def store(sample_db, tmp_path):
    from tui_helpers import copy_db

    with Store(copy_db(sample_db, tmp_path)) as opened:
        yield opened


def _titles(store, view) -> list[str]:
    return [row.title for row in view.window(store, 0, len(view))]


@pytest.mark.parametrize("typed, query", [
    ("kyiv", '"kyiv"*'),
    ("air def", '"air" "def"*'),
    ("Suk-yeol said", '"Suk yeol" "said"*'),
    ("Suk-y", '"Suk y"*'),
    ("air de", '"air"'),  # two letters are not searched yet
    ("air ", '"air"'),
    ('"air defence" kyiv', '"air defence" "kyiv"*'),
    ('NEAR( OR "xy', '"NEAR" "OR"'),  # operators and stray quotes are just words
    ('NEAR( OR "xyz', '"NEAR" "OR" "xyz"*'),
    ("", ""),
    ("   ", ""),
])
def test_typed_text_becomes_a_safe_fts_query(typed, query) -> None:
    assert fts_query(typed) == query


def test_the_default_view_hides_duplicates_newest_first(store) -> None:
    view = browse.open_view(store, ArticleQuery())
    rows = view.window(store, 0, len(view))
    assert len(view) == 10 and all(r.duplicate_of is None for r in rows)
    dates = [r.published for r in rows]
    dated = [d for d in dates if d]
    assert dates == sorted(dated, reverse=True) + [None] * (len(dates) - len(dated))  # undated last
    assert len(browse.open_view(store, ArticleQuery(show_duplicates=True))) == 11


def test_search_filters_and_sorts(store) -> None:
    assert SEOUL in _titles(store, browse.open_view(store, ArticleQuery(search="interceptor")))
    peninsula = browse.open_view(store, ArticleQuery(outlet="peninsula desk"))
    assert {r.outlet for r in peninsula.window(store, 0, 10)} == {"Peninsula Desk"} and len(peninsula) == 3
    november = browse.open_view(store, ArticleQuery(since="2024-11", until="2024-11-20"))
    assert all("2024-11-01" <= r.published[:10] <= "2024-11-20" for r in november.window(store, 0, 20))
    oldest = browse.open_view(store, ArticleQuery(sort="oldest"))
    newest = browse.open_view(store, ArticleQuery())
    undated = [r.id for r in newest.window(store, 0, 20) if r.published is None]
    assert undated and oldest.ids == [i for i in reversed(newest.ids) if i not in undated] + undated
    by_title = _titles(store, browse.open_view(store, ArticleQuery(sort="title")))
    assert by_title == sorted(by_title, key=str.casefold)
    ranked = browse.open_view(store, ArticleQuery(search="kiev", sort="relevance"))
    assert ranked.ids[0] == store.scalar("SELECT id FROM articles WHERE title = ?", [SEOUL])


def test_tag_entity_and_claims_filters(store) -> None:
    seoul = store.scalar("SELECT id FROM articles WHERE title = ?", [SEOUL])
    tags.add_tags(store, Item("article", seoul), ["topic:air-defence"])
    create_claim(store, seoul, quote="nothing has been decided")
    assert browse.open_view(store, ArticleQuery(tag="TOPIC:air-defence")).ids == [seoul]
    assert browse.open_view(store, ArticleQuery(has_claims=True)).ids == [seoul]
    kiev = store.scalar("SELECT entity_id FROM mention_entities WHERE text = 'Kiev'")
    assert seoul in browse.open_view(store, ArticleQuery(entity_id=kiev)).ids
    row = browse.rows_of(store, [seoul])[0]
    assert row.tags == ["topic:air-defence"] and row.claim_count == 1


def test_the_lister_gives_the_same_lists_as_sql_and_sees_changes(store) -> None:
    lister = ArticleLister(Store(store.path, check_same_thread=False))
    lister.prepare_search()
    for query in (ArticleQuery(), ArticleQuery(sort="oldest"), ArticleQuery(search="drone"),
                  ArticleQuery(search="air defence"), ArticleQuery(search="air", sort="oldest"),
                  ArticleQuery(search="air defence", show_duplicates=True), ArticleQuery(search="zzzz"),
                  ArticleQuery(outlet="Peninsula Desk"), ArticleQuery(sort="title")):
        assert lister.view(query).ids == browse.open_view(store, query).ids, query
    copy = store.scalar("SELECT id FROM articles WHERE duplicate_of IS NOT NULL")
    from corpus import duplicates

    duplicates.decide(store, copy, store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [copy]),
                      duplicates.NOT_DUPLICATE)
    assert copy in lister.view(ArticleQuery()).ids  # no longer hidden: the lister noticed
    oldest = lister.view(ArticleQuery(sort="oldest")).ids[0]
    with store.transaction():  # as a re-import that corrects a date does it
        store.conn.execute("UPDATE articles SET published = '2099-01-01T00:00:00+00:00' WHERE id = ?", [oldest])
    assert lister.view(ArticleQuery()).ids[0] == oldest  # now the newest
    assert lister.view(ArticleQuery()).ids == browse.open_view(store, ArticleQuery()).ids
    with store.transaction():  # undated articles come last in either order
        store.conn.execute("UPDATE articles SET published = NULL WHERE id IN (?, ?)", [oldest, copy])
    for query in (ArticleQuery(), ArticleQuery(sort="oldest"), ArticleQuery(sort="oldest", search="drone")):
        assert lister.view(query).ids == browse.open_view(store, query).ids, query
    lister.interrupt()  # nothing running: no effect on the next view
    assert len(lister.view(ArticleQuery(search="drone")).ids) > 0
    lister.store.close()


def test_view_positions_and_neighbours(store) -> None:
    view = browse.open_view(store, ArticleQuery())
    second = view.ids[1]
    assert view.position(second) == 1
    assert view.neighbour(second, -1) == view.ids[0] and view.neighbour(second, 1) == view.ids[2]
    assert view.neighbour(view.ids[0], -1) is None and view.position(-5) is None


def test_snippets_mark_the_hits_and_neutralise_controls(store) -> None:
    seoul = store.scalar("SELECT id FROM articles WHERE title = ?", [SEOUL])
    parts = browse.article_snippet(store, seoul, "interceptors")
    assert any(hit and "interceptor" in text.lower() for text, hit in parts)
    opening = browse.article_snippet(store, seoul)
    assert opening and not any(hit for _, hit in opening) and "\n" not in "".join(t for t, _ in opening)


def test_reader_highlights_and_stored_sentences(store) -> None:
    seoul = store.scalar("SELECT id FROM articles WHERE title = ?", [SEOUL])
    claim = create_claim(store, seoul, quote="nothing has been decided")
    found = browse.reader_highlights(store, seoul)
    kinds = {h.kind for h in found}
    assert {"person", "place", "claim", "suggestion"} <= kinds
    assert any(h.kind == "claim" and h.ref == claim for h in found)
    sentences = browse.stored_sentences(store, seoul)
    assert sentences and all(start < end for start, end in sentences)


def test_pickers_find_names_quotes_and_titles(store) -> None:
    seoul = store.scalar("SELECT id FROM articles WHERE title = ?", [SEOUL])
    in_article = browse.find_entities(store, "yoo", article_id=seoul)
    assert in_article[0].label.startswith("Yoon")
    assert all(f.kind == "entity" for f in browse.find_entities(store, "", article_id=seoul))
    assert browse.find_entities(store, "kyiv")[0].label == "Kyiv"
    claim = create_claim(store, seoul, quote="nothing has been decided",
                         attribution=Attribution(speaker_descriptor="two officials"))
    assert browse.find_claims(store, "officials")[0].id == claim
    assert browse.find_claims(store, "officials", exclude=claim) == []
    assert browse.find_articles(store, "interceptors")[0].label == SEOUL


def test_claims_list_windows_and_positions(store) -> None:
    seoul = store.scalar("SELECT id FROM articles WHERE title = ?", [SEOUL])
    first = create_claim(store, seoul, quote="nothing has been decided")
    second = create_claim(store, seoul, quote="declined to comment on the contents of the list",
                          attribution=Attribution(speaker_descriptor="South Korea’s defence ministry"))
    assert browse.count_claims(store, ClaimQuery()) == 2
    in_article = browse.claim_window(store, ClaimQuery(article_id=seoul), 0, 10)
    assert [c.id for c in in_article] == [first, second]  # text order within an article
    assert [c.id for c in browse.claim_window(store, ClaimQuery(), 0, 10)] == [second, first]  # newest first
    assert [c.id for c in browse.claim_window(store, ClaimQuery(search="ministry"), 0, 10)] == [second]
    assert browse.claim_position(store, ClaimQuery(), first) == 1


def test_candidate_info_explains_a_pair(store) -> None:
    kiev = store.scalar("SELECT entity_id FROM aliases WHERE name = 'Kiev'")
    kyiv = store.scalar("SELECT entity_id FROM aliases WHERE name = 'Kyiv'")
    score, explanation = browse.candidate_info(store, kyiv, kiev)
    assert score > 0.9 and "transliteration" in explanation
    assert browse.candidate_info(store, kiev, kiev) == (None, "")


def test_search_hits_mark_the_words_of_the_search() -> None:
    text = "Air defence: the Air-Defence units defended Kyiv."
    assert [text[s:e] for s, e in browse.search_hits(text, "air def")] == ["Air", "defence", "Air", "Defence",
                                                                          "defended"]
    assert browse.search_hits(text, "") == [] and browse.search_hits(text, '"(') == []
