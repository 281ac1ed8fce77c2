"""Cleaning scraped text: debris, repeated headline, spliced teasers go; paragraphs stay."""

from __future__ import annotations

from pathlib import Path

from corpus.cleaning import clean_text, is_debris, is_headline, split_paragraphs

SHARED_ARTICLE = "articles/south-korea-weapons-wish-list.txt"


def test_the_shared_scraped_article_is_cleaned_as_described(shared_samples: Path) -> None:
    original = (shared_samples / SHARED_ARTICLE).read_text(encoding="utf-8")
    cleaned = clean_text(original)

    assert cleaned.title == "Ukrainian Defense Minister Goes to South Korea with Weapons Wish List"
    paragraphs = cleaned.body.split("\n\n")
    assert paragraphs[0].startswith("According to sources, a Ukrainian delegation led by Defense Minister")
    assert paragraphs[-1].endswith("President Volodymyr Zelensky plans to send an envoy to Seoul to discuss the issue.")
    # UI debris and the repeated headline are gone.
    assert "close" not in paragraphs
    assert cleaned.title not in cleaned.body
    # The spliced teaser, its marker, its repeated headline and its blurb are gone ...
    assert "Brotherhood in Arms" not in cleaned.body
    assert "Other Matters of Interest" not in cleaned.body
    assert "Kyiv Post" not in cleaned.body
    # ... and the article around it is intact, in order.
    doo = cleaned.body.index("Doo attributed Seoul’s hesitation")
    tone = cleaned.body.index("“There seems to be a change in tone after the US elections,” Doo added")
    assert doo < tone
    # The scraper's stray "he said." after a finished sentence goes; real attributions stay.
    assert "Rudenko said Sunday." in cleaned.body
    assert "Sunday. he said." not in cleaned.body
    assert "he said. “The government is expected" in cleaned.body
    assert len(paragraphs) == 18
    assert cleaned.removed.count("close") == 2


def test_original_paragraph_text_is_kept_verbatim(shared_samples: Path) -> None:
    original = (shared_samples / SHARED_ARTICLE).read_text(encoding="utf-8")
    for paragraph in clean_text(original).body.split("\n\n"):
        if not paragraph.endswith("Rudenko said Sunday."):
            assert paragraph in original


def test_a_given_title_is_kept_and_removed_from_the_body() -> None:
    cleaned = clean_text("Kyiv Prepares for Winter\n\nThe city opened shelters.", title="Kyiv prepares for winter")
    assert cleaned.title == "Kyiv prepares for winter"
    assert cleaned.body == "The city opened shelters."


def test_without_a_headline_the_first_sentence_titles_the_article() -> None:
    cleaned = clean_text("Officials in Odesa said the port reopened on Monday. Ships were loading grain.")
    assert cleaned.title == "Officials in Odesa said the port reopened on Monday."
    assert cleaned.body.startswith("Officials in Odesa said")


def test_share_buttons_and_a_related_list_are_removed_but_text_after_them_stays() -> None:
    text = (
        "Drone Workshops Move Underground\n\nShare: Facebook X Telegram\n\n"
        "Workshops in Kharkiv moved into basements, engineers said on Monday.\n\n"
        "Related stories\n\nGrain Ships Leave Odesa\n\nSeoul Weighs Interceptor Request\n\n"
        "The city offered empty buildings rent-free, its deputy mayor said.\n\nAdvertisement\n"
    )
    cleaned = clean_text(text)
    assert cleaned.body.split("\n\n") == [
        "Workshops in Kharkiv moved into basements, engineers said on Monday.",
        "The city offered empty buildings rent-free, its deputy mayor said.",
    ]


def test_hard_wrapped_paragraphs_are_joined_and_short_lines_are_not() -> None:
    text = (
        "Three bulk carriers loaded with wheat left the port of Odessa on\n"
        "Monday, hours after a drone attack damaged a warehouse near the\nharbour.\n\n"
        "close\nclose\n"
    )
    assert split_paragraphs(text) == [
        "Three bulk carriers loaded with wheat left the port of Odessa on Monday, hours after a drone attack "
        "damaged a warehouse near the harbour.",
        "close",
        "close",
    ]


def test_lines_are_classified_by_shape() -> None:
    assert is_debris("Share this article") and is_debris("×") and is_debris("12 comments")
    assert not is_debris("Close allies of the president said nothing.")
    assert is_headline("Brotherhood in Arms: Polish Foundation Brings Battlefield Healthcare Workers to Ukraine")
    assert not is_headline("Yoon said the talks would continue.")
    assert not is_headline("“We will decide later”")


def test_windows_line_endings_tabs_and_odd_spaces_are_normalised() -> None:
    cleaned = clean_text("Title Line\r\n\r\nSeoul\u00a0said\tit would  wait.\r\n")
    assert cleaned.body == "Seoul said it would wait."
