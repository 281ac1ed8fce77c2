"""Plain text and Markdown importers, encodings, and how a format is chosen."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from importers import IMPORTERS, ImportOptions, Input, InputError, ParsedArticle, choose
from importers.dates import normalise_date
from importers.decoding import decode

REPO = Path(__file__).resolve().parent.parent
TEXT = "South Korea’s “non-lethal” aid — café owners in Kyiv said — will continue."


def read_all(path: Path, fmt: str | None = None, **options) -> list:
    source = Input(name=str(path), path=path)
    return list(choose(source, fmt).read(source, ImportOptions(**options)))


def test_a_scraped_text_file_is_read_whole(shared_samples: Path) -> None:
    path = shared_samples / "articles/south-korea-weapons-wish-list.txt"
    [article] = read_all(path)
    assert article.format == "text"
    assert article.title is None  # the cleaning picks the first real line
    assert article.text == path.read_text(encoding="utf-8")
    assert article.origin == str(path)


# Latin-1 has no curly quotes or dashes; the other encodings carry all of TEXT.
LATIN_TEXT = "South Korea's non-lethal aid to the café owners of Kyiv will continue, the façade said."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_text_in_common_encodings_comes_in_as_the_same_text(tmp_path: Path, encoding: str) -> None:
    paragraph = LATIN_TEXT if encoding == "latin-1" else TEXT
    body = "\n\n".join([paragraph, "The ministry declined to comment on the café."] * 3)
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(body.encode(encoding))
    [article] = read_all(path)
    assert article.text == body


def test_empty_and_binary_files_are_refused_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"  \n\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="empty file"):
        read_all(tmp_path / "empty.txt")
    with pytest.raises(InputError, match="PNG image"):
        read_all(tmp_path / "image.txt")
    with pytest.raises(InputError, match="binary"):
        read_all(tmp_path / "noise.txt")


def test_markdown_front_matter_and_markup() -> None:
    [article] = read_all(REPO / "samples/scraped/odessa-grain-ships.md")
    assert article.format == "markdown"
    assert article.title == "Grain Ships Leave Odessa Despite Overnight Drone Attack"
    assert article.url == "https://www.harbourledger.example/2024/11/odessa-grain-ships?utm_source=newsletter"
    assert (article.published, article.source, article.author) == ("2024-11-19", "Harbour Ledger", "Marta Kovalenko")
    assert "**" not in article.text and "](" not in article.text and "# " not in article.text
    assert "shift more cargo to rail routes through Poland" in " ".join(article.text.split())
    assert article.original_text.startswith("---\ntitle: Grain Ships")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
        ('<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ('{"title": "a", "body": "b"}\n{"title": "c", "body": "d"}\n', "jsonl"),
        ('[{"title": "a", "body": "b"}]', "json"),
        ("headline,text,url\nA,B,C\n", "csv"),
        ("---\ntitle: A\n---\n\nText", "markdown"),
        ("Just a headline\n\nAnd a paragraph.", "text"),
    ],
)
def test_content_sniffing_picks_the_format_of_an_unnamed_input(head: str, expected: str) -> None:
    assert choose(Input(name="<stdin>", data=head.encode())).name == expected


def test_extension_wins_and_format_option_wins_over_both(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<html><body><p>A page saved as text.</p></body></html>", encoding="utf-8")
    assert choose(Input(name=str(path), path=path)).name == "text"
    assert choose(Input(name=str(path), path=path), "html").name == "html"
    assert choose(Input(name=str(path), path=path), "rss").name == "feed"


def test_every_importer_has_a_name_and_extensions() -> None:
    assert set(IMPORTERS) == {"text", "markdown", "html", "feed", "json", "jsonl", "csv"}
    for importer in IMPORTERS.values():
        assert all(ext.startswith(".") for ext in importer.extensions)


def test_decode_prefers_utf8_and_keeps_bom_out() -> None:
    assert decode(codecs.BOM_UTF8 + "Kyiv’s".encode()) == "Kyiv’s"
    assert decode("Kyiv’s".encode("cp1252") + b" air defence units and the mayor\x92s office") .startswith("Kyiv’s")


@pytest.mark.parametrize(("text", "encoding"), [
    ("Kyiv’s Shelters\n\nThe mayor said – again – that café owners agreed.", "cp1252"),
    ("Zażółć gęślą jaźń w Krakowie i Gdańsku, powiedział burmistrz miasta w poniedziałek.", "cp1250"),
    ("Мэр Киева заявил в понедельник, что город откроет больше пунктов обогрева до зимы.", "cp1251"),
])
def test_short_legacy_texts_keep_their_characters(text: str, encoding: str) -> None:
    # A few curly quotes and dashes fit Mac Central European as well as Windows-1252.
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-11-26T14:05:00Z", "2024-11-26T14:05:00+00:00"),
        ("Thu, 07 Nov 2024 10:15:00 +0900", "2024-11-07T10:15:00+09:00"),
        ("2024-11-19", "2024-11-19"),
        ("26/11/2024", "2024-11-26"),
        ("11/26/2024", "2024-11-26"),
        ("26.11.2024", "2024-11-26"),
        ("3 December 2024", "2024-12-03"),
        ("December 3, 2024", "2024-12-03"),
        ("Tuesday, 3rd Dec 2024", "2024-12-03"),
        (1732629900, "2024-11-26T14:05:00+00:00"),
        ("3/4/2024", None),
        ("last Tuesday", None),
        ("", None),
    ],
)
def test_dates_become_iso_8601_or_stay_unparsed(raw, iso) -> None:
    assert normalise_date(raw) == iso


def test_parsed_article_original_defaults_to_its_text() -> None:
    article = ParsedArticle(text="body", origin="x", format="text")
    assert article.original_text == "body"
