"""HTML pages: the article and its metadata from trafilatura; empty and truncated pages refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers import ImportOptions, Input, InputError, choose

REPO = Path(__file__).resolve().parent.parent


def read_page(path: Path):
    source = Input(name=str(path), path=path)
    return list(choose(source).read(source, ImportOptions()))


def test_the_sample_page_gives_article_text_and_metadata_without_the_menus() -> None:
    [article] = read_page(REPO / "samples/html/kyiv-air-defence-winter.html")
    assert article.format == "html"
    assert article.title == "Kyiv Steps Up Air Defence as Winter Strikes Begin"
    assert article.author == "Olena Marchuk"
    assert article.published == "2024-11-21"
    assert article.source == "Dnipro Review"
    assert article.url == "https://dniproreview.example/news/2024/11/21/kyiv-air-defence-winter/"
    assert article.language == "en"
    assert "Speaking to the Kyiv Post earlier this month" in article.text
    for debris in ("We use cookies", "Subscribe", "All rights reserved", "Engineers race to repair"):
        assert debris not in article.text


# Each saved page: its title, outlet, date and a sentence from the article body.
SHARED_PAGES = {
    "dw.com.colonial.html": ("Berlin confronts Germany's colonial past with new initiative", "DW.COM", "2020-01-19",
                             "five-year project to mark its part in European colonialism"),
    "reuters.com.parasite.html": ("'Parasite' scores historic upset at SAG awards, boosting Oscar chances", "Reuters",
                                  "2020-01-20", "was the upset winner at the Screen Actors Guild"),
    "scmp.com.playbook.html": ("Carrie Lam should study Tsai Ing-wen’s playbook", "South China Morning Post",
                               "2020-01-20", "Tsai Ing-wen speaks during a televised policy debate"),
    "theguardian.com.academics.html": ("Thousands of UK academics 'treated as second-class citizens'", "The Guardian",
                                       "2020-01-20", "alarming rise of mass casualised labour"),
    "threatpost.com.android.html": ("Android Ransomware Spreads Via 'Sex Simulation Game' Links on Reddit, SMS",
                                    "Threatpost", "2019-07-30", "new Android ransomware being spread via links"),
    "vancouversun.com.microsoft.html": ("Microsoft moves to erase its carbon footprint from the atmosphere in climate "
                                        "push", "Vancouver Sun", "2020-01-16", "remove more carbon from the atmosphere"),
}


@pytest.mark.parametrize("name", sorted(SHARED_PAGES))
def test_real_saved_news_pages(shared_samples: Path, name: str) -> None:
    title, outlet, published, sentence = SHARED_PAGES[name]
    [article] = read_page(shared_samples / "html" / name)
    assert (article.title, article.source, article.published) == (title, outlet, published)
    assert sentence in article.text
    assert article.url.startswith("http")


def test_a_page_without_article_text_is_reported_not_stored_empty(tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text("<!DOCTYPE html><html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
                    "</nav></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_page(page)


def test_a_truncated_page_is_reported(tmp_path: Path) -> None:
    whole = (REPO / "samples/html/kyiv-air-defence-winter.html").read_text(encoding="utf-8")
    page = tmp_path / "cut.html"
    page.write_text(whole[: len(whole) // 2], encoding="utf-8")
    with pytest.raises(InputError, match="truncated HTML"):
        read_page(page)


def test_a_windows_1252_page_reads_correctly(tmp_path: Path) -> None:
    page = tmp_path / "legacy.htm"
    body = "".join(f"<p>Seoul’s position on Kyiv’s request, paragraph {i}, is “under review”.</p>" for i in range(8))
    page.write_bytes(f"<html><head><title>Seoul’s review</title></head><body><article>{body}</article></body></html>"
                     .encode("cp1252"))
    [article] = read_page(page)
    assert "Seoul’s position on Kyiv’s request, paragraph 3, is “under review”." in article.text
