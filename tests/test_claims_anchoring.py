"""A claim survives its article's text changing: found again by quote and context, or kept as an orphan."""

from __future__ import annotations

from claim_helpers import add_article

from corpus import actions
from corpus.claims import anchoring, create_claim, get_claim, reanchor_article
from corpus.items import Item
from corpus.store import Store
from corpus.tags import tags_of

BODY = (
    "close\nclose\n\nSeoul weighs the request.\n\n"
    "A source who requested anonymity said the delegation plans to meet officials on Wednesday. "
    "The ministry declined to comment.\n\nOther Matters of Interest\n"
)


def _replace_body(store: Store, article_id: int, body: str) -> None:
    store.conn.execute("UPDATE articles SET body = ? WHERE id = ?", [body, article_id])


def test_an_anchor_keeps_quote_context_offsets_and_body_hash() -> None:
    start = BODY.index("the delegation")
    anchor = anchoring.anchor_span(BODY, start, start + len("the delegation plans"))
    assert anchor.quote == "the delegation plans"
    assert anchor.prefix == BODY[start - 32:start] and len(anchor.prefix) == 32
    assert anchor.suffix == BODY[anchor.end:anchor.end + 32]
    assert anchor.body_hash == anchoring.body_hash(BODY) != anchoring.body_hash(BODY + " ")


def test_a_repeated_quote_is_found_where_its_context_matches() -> None:
    body = "Yoon said no. Later, in Seoul, Yoon said no. Finally Yoon said no."
    second = body.index("Yoon said no", 10)
    anchor = anchoring.anchor_span(body, second, second + 12)
    edited = "Breaking. " + body
    found = anchoring.locate(edited, anchor.quote, anchor.prefix, anchor.suffix, anchor.start)
    assert (found.start, found.method) == (second + len("Breaking. "), "exact")


def test_quote_marks_and_whitespace_changes_still_match() -> None:
    body = "He said “we will  adjust\nour strategy” today."
    found = anchoring.locate(body, 'we will adjust our strategy', hint=0)
    assert found.method == "normalised"
    assert body[found.start:found.end] == "we will  adjust\nour strategy"


def test_a_lightly_edited_quote_is_found_approximately() -> None:
    quote = "South Korea will listen to Ukraine's request but is unlikely to commit"
    body = "Intro. South Korea will listen to Ukraine’s requests, but is unlikely to commit. End."
    found = anchoring.locate(body, quote)
    assert found.method == "fuzzy"
    assert body[found.start:found.end].startswith("South Korea will listen")


def test_a_rewritten_span_is_found_between_its_unchanged_neighbours() -> None:
    prefix = "the delegation plans to meet with officials "
    suffix = " to request air defense missiles and artillery"
    body = f"Intro. {prefix}in the capital next week{suffix} systems."
    found = anchoring.locate(body, "as early as Wednesday", prefix[-32:], suffix[:32])
    assert found.method == "context"
    assert body[found.start:found.end] == "in the capital next week"


def test_unknown_text_is_not_located() -> None:
    assert anchoring.locate("Nothing to see here at all.", "The ministry declined to comment.") is None


def test_re_anchoring_moves_claims_when_the_body_is_cleaned(store: Store) -> None:
    article = add_article(store, BODY)
    claim_id = create_claim(store, article, quote="The ministry declined to comment.")
    cleaned = BODY.replace("close\nclose\n\n", "").replace("\nOther Matters of Interest\n", "\n")
    _replace_body(store, article, cleaned)

    report = reanchor_article(store, article)

    claim = get_claim(store, claim_id)
    assert report.moved == [claim_id] and report.orphaned == []
    assert cleaned[claim.start:claim.end] == "The ministry declined to comment."
    assert claim.start == BODY.index("The ministry") - len("close\nclose\n\n")
    assert claim.body_hash == anchoring.body_hash(cleaned) and claim.anchor == "exact" and not claim.orphan
    assert reanchor_article(store, article).unchanged == 1


def test_a_claim_whose_text_is_gone_is_kept_as_an_orphan_and_found_again_later(store: Store) -> None:
    article = add_article(store, BODY)
    claim_id = create_claim(store, article, quote="The ministry declined to comment.")
    before = get_claim(store, claim_id)
    _replace_body(store, article, "A different story entirely, about grain ships in Odesa and nothing else.")

    report = reanchor_article(store, article)

    orphan = get_claim(store, claim_id)
    assert report.orphaned == [claim_id]
    assert orphan.orphan == 1 and orphan.anchor == "orphan"
    assert (orphan.quote, orphan.start, orphan.end, orphan.body_hash) == (
        before.quote, before.start, before.end, before.body_hash)
    assert [t.tag for t in tags_of(store, Item("claim", claim_id))] == ["orphan"]

    _replace_body(store, article, "Update: The ministry declined to comment.")
    report = reanchor_article(store, article)
    assert report.recovered == [claim_id]
    found = get_claim(store, claim_id)
    assert not found.orphan and found.start == len("Update: ")
    assert tags_of(store, Item("claim", claim_id)) == []


def test_re_anchoring_inside_an_action_is_undone_with_it(store: Store) -> None:
    article = add_article(store, BODY)
    claim_id = create_claim(store, article, quote="The ministry declined to comment.")
    old_start = get_claim(store, claim_id).start
    with store.action("article.update", "Re-imported article") as act:
        act.update("articles", article, {"body": "Short. The ministry declined to comment."})
        reanchor_article(store, article, act)
    assert get_claim(store, claim_id).start == len("Short. ")

    actions.undo(store)

    claim = get_claim(store, claim_id)
    assert claim.start == old_start and claim.body_hash == anchoring.body_hash(BODY)


def test_replacing_an_article_body_re_anchors_its_claims(store: Store) -> None:
    from corpus.articles import replace_body

    article = add_article(store, BODY)
    kept = create_claim(store, article, quote="The ministry declined to comment.")
    lost = create_claim(store, article, quote="Other Matters of Interest")
    replace_body(store, article, body=BODY.replace("close\nclose\n\n", "").replace("Other Matters of Interest\n", ""))
    assert get_claim(store, kept).start == BODY.index("The ministry") - len("close\nclose\n\n")
    assert get_claim(store, lost).orphan == 1
