"""A small annotated corpus with every kind of claim-layer annotation, for the export tests."""

from __future__ import annotations

from claim_helpers import add_article, add_entity

from corpus.claims import Attribution, create_claim, reanchor_article
from corpus.items import Item
from corpus.links import add_link
from corpus.notes import set_note
from corpus.ratings import set_credibility, set_reliability
from corpus.store import Store, utc_now
from corpus.tags import add_derived_tags, add_tags

SEOUL = ("Yoon said South Korea will gradually adjust its support strategy in phases. "
         "“This means that we do not rule out the possibility of providing weapons,” he said.")
KURSK = "South Korean intelligence confirmed that North Korean troops had been deployed to the Kursk region."
TRICKS = ("=HYPERLINK(\"http://example.invalid\",\"x\") was posted by an account. "
          "-2 degrees, said the forecast, +1 more.")
FIXED_TIME = "2024-12-31T12:00:00+00:00"


def _mention(store: Store, article: int, body: str, text: str, entity: int, label: str) -> None:
    alias = store.conn.execute(
        "INSERT INTO aliases (entity_id, name, key, created_at) VALUES (?, ?, ?, ?)",
        [entity, text, f"{text.lower()}#{article}", utc_now()],
    ).lastrowid
    start = body.index(text)
    store.conn.execute(
        "INSERT INTO mentions (article_id, start, [end], text, label, sentence, alias_id) VALUES (?, ?, ?, ?, ?, 0, ?)",
        [article, start, start + len(text), text, label, alias],
    )


def build_annotated_corpus(store: Store) -> dict[str, int]:
    seoul = add_article(store, SEOUL, title="Seoul weighs interceptor request", source="Kyiv Post",
                        url="https://kyivpost.example/seoul", published="2024-11-03")
    kursk = add_article(store, KURSK, title="Kursk deployment confirmed", source="Reuters",
                        url="https://reuters.example/kursk", published="2024-11-05T09:30:00")
    copy = add_article(store, KURSK + " (Syndicated.)", title="Kursk deployment confirmed", source="Vancouver Sun",
                       url="https://vancouversun.example/kursk", published="2024-11-06", duplicate_of=kursk)
    tricks = add_article(store, TRICKS, title="@channel: weather", source="Kyiv Post", published="2024-12-01")
    lost = add_article(store, "The ministry declined to comment on the visit.", title="Short item",
                       published="2024-10-01")
    yoon = add_entity(store, "Yoon Suk-yeol")
    yoon_short = add_entity(store, "Yoon", merged_into=yoon)
    korea = add_entity(store, "South Korea", "GPE")
    _mention(store, seoul, SEOUL, "Yoon", yoon_short, "PERSON")
    _mention(store, seoul, SEOUL, "South Korea", korea, "GPE")

    ids = {
        "seoul": create_claim(store, seoul, quote="Yoon said South Korea will gradually adjust its support strategy",
                              attribution=Attribution(speaker_entity_id=yoon_short, speaker_text="Yoon",
                                                      attribution="Yoon said", verb="said", stance="asserts")),
        "continued": create_claim(store, seoul, quote="we do not rule out the possibility of providing weapons",
                                  attribution=Attribution(speaker_entity_id=yoon, speaker_text="he",
                                                          attribution="he said", verb="said")),
        "kursk": create_claim(store, kursk, quote="North Korean troops had been deployed to the Kursk region",
                              attribution=Attribution(speaker_descriptor="South Korean intelligence",
                                                      verb="confirmed", stance="confirms")),
        "copy": create_claim(store, copy, quote="North Korean troops had been deployed to the Kursk region",
                             attribution=Attribution(speaker_descriptor="South Korean intelligence",
                                                     verb="confirmed", stance="confirms")),
        "tricks": create_claim(store, tricks, quote=TRICKS[:TRICKS.index(" was")],
                               attribution=Attribution(speaker_descriptor="+1 anonymous account", verb="posted",
                                                       cited_outlet="@weather")),
        "lost": create_claim(store, lost, quote="The ministry declined to comment",
                             attribution=Attribution(speaker_descriptor="The ministry", verb="declined to comment",
                                                     stance="declines")),
    }
    set_reliability(store, Item("source", 1), "B")
    set_reliability(store, Item("source", 2), "A")
    set_credibility(store, ids["seoul"], 2)
    set_credibility(store, ids["kursk"], 1)
    add_tags(store, Item("claim", ids["seoul"]), ["topic:air-defence", "Seoul"])
    add_tags(store, Item("claim", ids["tricks"]), ["-urgent"])
    add_tags(store, Item("article", kursk), ["topic:kursk"])
    with store.action("suggestion.accept", "Derived tag for the export test") as act:
        add_derived_tags(store, act, Item("claim", ids["seoul"]), ["attribution:reported"], "suggestion")
    set_note(store, Item("claim", ids["seoul"]), "Checked against the transcript;\nsee the ministry's readout.")
    set_note(store, Item("claim", ids["tricks"]), "@admin look at this")
    add_link(store, Item("claim", ids["kursk"]), "corroborates", Item("claim", ids["seoul"]), note="same week")
    add_link(store, Item("claim", ids["copy"]), "repeats", Item("claim", ids["kursk"]))
    add_link(store, Item("claim", ids["continued"]), "cites", Item("claim", ids["seoul"]))
    add_link(store, Item("claim", ids["seoul"]), "about", Item("entity", korea))
    add_link(store, Item("article", copy), "duplicate-of", Item("article", kursk))
    add_link(store, Item("entity", yoon), "president of", Item("entity", korea), note="=until 2025")
    store.conn.execute("UPDATE articles SET body = 'Replaced by a corrected text about grain.' WHERE id = ?", [lost])
    reanchor_article(store, lost)
    for table in ("claims",):
        store.conn.execute(f"UPDATE {table} SET created_at = ?, updated_at = ?", [FIXED_TIME, FIXED_TIME])
    store.conn.execute("UPDATE links SET created_at = ?", [FIXED_TIME])
    return ids
