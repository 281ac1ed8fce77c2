"""RSS/Atom feeds (feedparser) and JSON Feed files: one article an entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers import ImportOptions, Input, InputError, ParsedArticle, ReadWarning, choose

REPO = Path(__file__).resolve().parent.parent


def read_feed(path: Path) -> list:
    source = Input(name=str(path), path=path)
    return list(choose(source).read(source, ImportOptions()))


def test_the_sample_rss_feed_gives_full_text_and_a_summary_only_entry() -> None:
    path = REPO / "samples/feeds/peninsula-desk.xml"
    yoon, odesa, kharkiv = read_feed(path)
    assert yoon.title == "Yoon Suk Yeol Says Weapons for Ukraine Are Not Ruled Out"
    assert yoon.origin == f"{path}#1"
    assert (yoon.source, yoon.author, yoon.language) == ("Peninsula Desk", "Lee Min-seo", "en")
    assert yoon.published == "2024-11-07T10:15:00+09:00"
    assert not yoon.summary_only
    assert "“We do not rule out the possibility of providing weapons" in yoon.text
    assert "<p>" not in yoon.text and yoon.text.count("\n\n") == 5
    assert odesa.summary_only and odesa.text.startswith("The port of Odesa resumed loading grain")
    assert not kharkiv.summary_only and "According to Reuters" in kharkiv.text
    assert yoon.metadata["guid"] == "peninsuladesk-2024-1107-yoon"


def test_huffpost_rss_feed(shared_samples: Path) -> None:
    entries = read_feed(shared_samples / "feeds/HuffPostCanada.xml")
    assert [e.title for e in entries] == [
        "Winnipeg High School Orders Custom Hijabs For Muslim Athletes",
        "The Once-In-A-Lifetime Thrill Of Opening For Tom Petty",
    ]
    assert all(e.source.startswith("HuffPost Canada") and e.published.startswith("2017-10-17") for e in entries)


def test_a_feed_read_leniently_says_so_and_keeps_its_entries(shared_samples: Path) -> None:
    items = read_feed(shared_samples / "feeds/TechCrunch.xml")
    warnings = [i for i in items if isinstance(i, ReadWarning)]
    articles = [i for i in items if isinstance(i, ParsedArticle)]
    assert len(warnings) == 1 and "malformed XML at line 3" in warnings[0].reason
    assert len(articles) == 20
    assert articles[0].title.startswith("Angie’s List Sets Price Range IPO")
    assert all(a.text.strip() and not a.summary_only for a in articles)


def test_json_feed_items_with_feed_level_defaults(shared_samples: Path) -> None:
    items = read_feed(shared_samples / "feeds/json_feed.json")
    assert len(items) == 20 and all(isinstance(i, ParsedArticle) for i in items)
    first = items[0]
    assert first.format == "jsonfeed"
    assert first.title == "James Dempsey and the Breakpoints Benefit App Camp for Girls"
    assert (first.source, first.author, first.language) == ("inessential.com", "Brent Simmons", "en-US")
    assert first.published == "2017-06-02T22:05:47-07:00"
    assert "<p>" not in first.text


def test_malformed_xml_without_entries_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Cut off', encoding="utf-8")
    with pytest.raises(InputError, match="malformed XML"):
        read_feed(path)


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>', encoding="utf-8")
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        read_feed(path)


def test_an_atom_feed_entry(tmp_path: Path) -> None:
    path = tmp_path / "desk.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Kyiv Desk</title>'
        '<entry><title>Kyiv braces for blackouts</title><link href="https://desk.example/a"/>'
        "<id>urn:a</id><updated>2024-11-18T06:00:00Z</updated><author><name>O. Levchenko</name></author>"
        '<content type="html">&lt;p&gt;Residents of Kyiv are buying generators.&lt;/p&gt;</content></entry></feed>',
        encoding="utf-8",
    )
    [entry] = read_feed(path)
    assert (entry.title, entry.url, entry.author, entry.source) == (
        "Kyiv braces for blackouts", "https://desk.example/a", "O. Levchenko", "Kyiv Desk")
    assert entry.text == "Residents of Kyiv are buying generators."
    assert entry.published == "2024-11-18T06:00:00+00:00"
