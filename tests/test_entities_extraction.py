"""Extraction with the real pipeline: what is stored, automatic identity, resume, re-extraction."""

from __future__ import annotations

import pytest
from entity_helpers import KYIV_ARTICLE, add_article, entity_of, extract, mention_texts, sample_text

from corpus.entities import review
from corpus.entities.extraction import pending_article_ids
from corpus.entities.noise import NoiseFilter
from corpus.entities.queries import article_mentions, article_sentences
from corpus.nlp import ModelNotFound, pipeline_info
from corpus.store import Store


@pytest.fixture
def sample_store(store: Store, nlp) -> Store:
    add_article(store, sample_text(), title="Ukrainian Defense Minister Goes to South Korea")
    extract(store)
    return store


def test_possessives_and_surnames_end_as_one_entity_without_asking(sample_store: Store) -> None:
    korea = entity_of(sample_store, "South Korea")
    assert entity_of(sample_store, "South Korea’s") == korea
    assert set(mention_texts(sample_store, korea)) == {"South Korea"}
    assert len(mention_texts(sample_store, korea)) == sample_text().count("South Korea") - \
        sample_text().count("South Korean")
    trump = entity_of(sample_store, "Donald Trump")
    assert sorted(set(mention_texts(sample_store, trump))) == ["Donald Trump", "Trump"]
    types = sample_store.query("SELECT type FROM entities WHERE id = ?", [trump])
    assert types == [{"type": "PERSON"}]
    yoon = entity_of(sample_store, "Yoon Suk-yeol")
    assert set(mention_texts(sample_store, yoon)) == {"Yoon Suk-yeol", "Yoon"}


def test_mentions_are_offsets_into_the_body_without_the_or_possessive(sample_store: Store) -> None:
    body = sample_store.scalar("SELECT body FROM articles")
    mentions = article_mentions(sample_store, 1)
    assert mentions and all(body[m.start:m.end] == m.text for m in mentions)
    assert "Kyiv Post" in {m.text for m in mentions}
    assert not [m for m in mentions if m.text.lower().startswith("the ") or m.text.endswith("’s")]
    sentences = article_sentences(sample_store, 1)
    for m in mentions:
        start, end = sentences[m.sentence]
        assert start <= m.start and m.end <= end


def test_noise_is_dropped(sample_store: Store) -> None:
    names = {r["name"] for r in sample_store.query("SELECT name FROM entities")}
    assert "Defense" not in names
    assert not [n for n in names if "Foundation Brings" in n]
    assert "Korea Institute for Defense Analyzes" in names


def test_kyiv_post_is_never_a_candidate_for_kyiv_and_kiev_kyiv_is_the_top_one(sample_store: Store) -> None:
    add_article(sample_store, KYIV_ARTICLE, title="Drones over Kyiv")
    extract(sample_store)
    kiev, kyiv, post = (entity_of(sample_store, n) for n in ("Kiev", "Kyiv", "Kyiv Post"))
    assert len({kiev, kyiv, post}) == 3
    pairs = review.queue(sample_store, limit=1000)
    roots = [{p.left_root, p.right_root} for p in pairs]
    assert not [r for r in roots if post in r]
    for_kiev = [p for p in pairs if kiev in (p.left_root, p.right_root)]
    assert {for_kiev[0].left_root, for_kiev[0].right_root} == {kiev, kyiv}
    assert "transliteration" in for_kiev[0].explanation


def test_extraction_is_incremental_and_records_the_pipeline(sample_store: Store, nlp) -> None:
    info = pipeline_info(nlp)
    state = sample_store.query("SELECT pipeline, pipeline_version FROM extraction_state")
    assert state == [{"pipeline": info.name, "pipeline_version": info.version}]
    assert extract(sample_store).pending == 0
    add_article(sample_store, KYIV_ARTICLE)
    report = extract(sample_store)
    assert (report.pending, report.extracted) == (1, 1)


def test_a_changed_body_or_another_pipeline_version_extracts_again(sample_store: Store, nlp) -> None:
    info = pipeline_info(nlp)
    before = sample_store.scalar("SELECT COUNT(*) FROM mentions")
    sample_store.conn.execute(
        "UPDATE articles SET body = body || ? WHERE id = 1", ["\n\nLater, President Volodymyr Zelenskyy spoke."])
    assert pending_article_ids(sample_store, info) == [1]
    extract(sample_store)
    after = sample_store.scalar("SELECT COUNT(*) FROM mentions")
    assert after > before
    assert "Volodymyr Zelenskyy" in {m.text for m in article_mentions(sample_store, 1)}
    sample_store.conn.execute("UPDATE extraction_state SET pipeline_version = '0.0.1'")
    assert pending_article_ids(sample_store, info) == [1]
    assert extract(sample_store).extracted == 1
    assert extract(sample_store, redo=True).extracted == 1
    assert sample_store.scalar("SELECT COUNT(*) FROM mentions") == after
    assert sample_store.scalar("SELECT SUM(mention_count) FROM entities") == after
    labels = sample_store.scalar("SELECT SUM(mentions) FROM entity_label_counts")
    partial = sample_store.scalar("SELECT COUNT(*) FROM mentions WHERE resolved_by = 'partial'")
    assert labels + partial == after


def test_an_interrupted_run_keeps_finished_batches_and_the_next_run_finishes(store: Store, nlp) -> None:
    for n in range(6):
        add_article(store, f"Article {n}. " + KYIV_ARTICLE)
    calls = []

    def stop_after_first_batch(done, total, words):
        calls.append(done)
        raise KeyboardInterrupt

    report = extract(store, batch_size=2, progress=stop_after_first_batch)
    assert report.interrupted and report.extracted == 2
    assert store.scalar("SELECT COUNT(*) FROM extraction_state") == 2
    kept = store.scalar("SELECT COUNT(*) FROM mentions")
    report = extract(store, batch_size=2)
    assert (report.pending, report.extracted, report.interrupted) == (4, 4, False)
    assert store.scalar("SELECT COUNT(*) FROM mentions") == 3 * kept
    assert store.scalar("SELECT COUNT(DISTINCT article_id) FROM mentions") == 6


def test_worker_processes_store_the_same_mentions(store: Store, db_path, nlp, tmp_path) -> None:
    texts = [sample_text(), KYIV_ARTICLE] * 3
    for text in texts:
        add_article(store, text + f" ({len(store.query('SELECT id FROM articles'))})")
    extract(store, processes=2, batch_size=2)
    other = Store(tmp_path / "single.db")
    for text in texts:
        add_article(other, text + f" ({len(other.query('SELECT id FROM articles'))})")
    extract(other)
    query = "SELECT article_id, start, [end], text, entity_name FROM mention_entities ORDER BY 1, 2"
    assert store.query(query) == other.query(query)
    other.close()


def test_an_unknown_pipeline_is_a_clear_error(store: Store) -> None:
    add_article(store, KYIV_ARTICLE)
    with pytest.raises(ModelNotFound, match="pip install"):
        extract(store, model="xx_no_such_pipeline")


def test_model_resolution_order(monkeypatch) -> None:
    from corpus import nlp as pipelines

    monkeypatch.delenv(pipelines.MODEL_ENV_VAR, raising=False)
    assert pipelines.resolve_model_name() in pipelines.PREFERRED_MODELS
    assert pipelines.resolve_model_name("en_core_web_trf") == "en_core_web_trf"
    monkeypatch.setenv(pipelines.MODEL_ENV_VAR, "xx_from_environment")
    assert pipelines.resolve_model_name() == "xx_from_environment"
    assert pipelines.resolve_model_name("en_named") == "en_named"
    monkeypatch.delenv(pipelines.MODEL_ENV_VAR)
    monkeypatch.setattr(pipelines, "PREFERRED_MODELS", ("xx_absent_official", "xx_absent_fallback"))
    with pytest.raises(ModelNotFound, match="no spaCy English pipeline is installed; install one with: pip"):
        pipelines.resolve_model_name()


class _RefusesOneArticle:
    """A processor whose writes fail for one article, as a full disk or a bad row would."""

    name = "refuses_one"

    def __init__(self, article_id: int):
        self.article_id = article_id

    def analyse(self, doc) -> int:
        return len(doc)

    def clear(self, store: Store, article_id: int) -> None:
        pass

    def save(self, store: Store, article_id: int, result: int) -> None:
        if article_id == self.article_id:
            raise ValueError("cannot write this article")


def test_an_article_that_cannot_be_written_fails_alone_and_its_batch_is_kept(store: Store, nlp) -> None:
    from corpus.entities.mentions import MentionProcessor

    for n in range(4):
        add_article(store, f"Article {n}. " + KYIV_ARTICLE)
    report = extract(store, batch_size=4, processors=[MentionProcessor(), _RefusesOneArticle(3)])
    assert report.failed == [(3, "ValueError: cannot write this article")]
    assert report.extracted == 3
    assert [r["article_id"] for r in store.query("SELECT article_id FROM extraction_state ORDER BY 1")] == [1, 2, 4]
    assert store.scalar("SELECT COUNT(*) FROM mentions WHERE article_id = 3") == 0
    stored = store.scalar("SELECT COUNT(*) FROM mentions")
    assert stored == report.mentions and stored > 0
    # The batch written as a whole was rolled back before it was written article by article.
    assert store.scalar("SELECT SUM(mention_count) FROM entities") == stored
    assert pending_article_ids(store, pipeline_info(nlp)) == [3]


def test_a_dateline_in_capitals_does_not_name_the_entity(store: Store, nlp) -> None:
    add_article(store, "STOCKHOLM — Ukraine's president asked Nordic leaders for air defence systems on Tuesday."
                       "\n\nHe spoke to the leaders at a meeting in Stockholm, Sweden's capital.")
    extract(store)
    stockholm = entity_of(store, "STOCKHOLM")
    assert entity_of(store, "Stockholm") == stockholm
    assert store.scalar("SELECT name FROM entities WHERE id = ?", [stockholm]) == "Stockholm"
    assert set(mention_texts(store, stockholm)) == {"STOCKHOLM", "Stockholm"}


def test_a_name_without_a_capital_letter_is_noise(nlp) -> None:
    text = "The parser in langparser.y reads an integer before Kyiv wakes up."
    noise = NoiseFilter(nlp(text))

    def judged(surface: str) -> bool:
        start = text.index(surface)
        return noise.is_noise(surface, start, start + len(surface))

    assert judged("integer") and judged("langparser.y")
    assert not judged("Kyiv")
