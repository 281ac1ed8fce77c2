"""JSON, JSON Lines and CSV: default field names, `--map`, and bad records among good ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from importers import ImportOptions, Input, InputError, ParsedArticle, RecordError, choose
from importers.fields import FieldMapError, parse_field_map

REPO = Path(__file__).resolve().parent.parent


def read(path: Path, fmt: str | None = None, field_map: dict | None = None) -> list:
    source = Input(name=str(path), path=path)
    return list(choose(source, fmt).read(source, ImportOptions(field_map=field_map or {})))


def test_the_sample_jsonl_file_with_headline_content_link_date_outlet() -> None:
    path = REPO / "samples/wire/eastern-wire.jsonl"
    nordic, kursk, blackouts = read(path)
    assert nordic.origin == f"{path}:1" and blackouts.origin == f"{path}:3"
    assert nordic.title == "Zelenskyy Asks Nordic Leaders for More Air Defence Before Winter"
    assert (nordic.url, nordic.source, nordic.author, nordic.language) == (
        "https://easternwire.example/stories/2024-11-26-zelenskyy-nordic-air-defence", "Eastern Wire Service",
        "Karin Dahl", "en")
    assert nordic.published == "2024-11-26T14:05:00+00:00"
    assert kursk.text.count("\n\n") == 4


def test_the_sample_csv_with_a_multiline_body_and_an_extra_column() -> None:
    path = REPO / "samples/wire/northern-courier.csv"
    copy, kursk, shelters = read(path)
    assert copy.origin == f"{path}:2"
    assert kursk.origin.endswith(":13") and shelters.origin.endswith(":22")  # the line each row starts on
    assert copy.title == "Zelensky Presses Nordic Leaders for Air Defense Ahead of Winter"
    assert copy.metadata == {"section": "World"}
    assert [copy.published, kursk.published, shelters.published] == ["2024-11-26", "2024-10-30", "2024-12-03"]
    assert copy.text.startswith("STOCKHOLM (EWS) — Ukrainian President Volodymyr Zelensky asked")


def test_an_invalid_json_line_among_good_ones_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"title": "First", "body": "Kyiv said the first thing."}) + "\n"
        '{"title": "Broken", "body": "no closing brace"\n'
        "\n"
        '["not", "an", "object"]\n'
        + json.dumps({"title": "Fourth", "text": "Seoul said the fourth thing."}) + "\n",
        encoding="utf-8",
    )
    items = read(path)
    assert [type(i).__name__ for i in items] == ["ParsedArticle", "RecordError", "RecordError", "ParsedArticle"]
    assert items[1].origin == f"{path}:2" and "invalid JSON" in items[1].reason
    assert items[2].origin == f"{path}:4" and "expected an object" in items[2].reason
    assert items[3].text == "Seoul said the fourth thing."


def test_json_list_nested_object_fields_and_html_bodies(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"articles": [{
        "headline": "Odesa port reopens", "html": "<p>The port reopened.</p><p>Grain is loading.</p>",
        "publisher": {"name": "Harbour Ledger"}, "authors": [{"name": "A. Holub"}, {"name": "M. Kovalenko"}],
        "published_at": 1732000000, "id": 17,
    }]}), encoding="utf-8")
    [article] = read(path)
    assert article.text == "The port reopened.\n\nGrain is loading."
    assert (article.source, article.author) == ("Harbour Ledger", "A. Holub, M. Kovalenko")
    assert article.published == "2024-11-19T07:06:40+00:00"
    assert article.metadata == {"id": 17}
    assert article.origin == f"{path}#1"


def test_field_map_names_other_columns_and_dotted_paths(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text(json.dumps({"hed": "Kharkiv drones", "copy": "Workshops moved underground.",
                                "meta": {"outlet": "Desk"}, "title": "ignored"}) + "\n", encoding="utf-8")
    [article] = read(path, field_map=parse_field_map(["title=hed", "body=copy", "source=meta.outlet"]))
    assert (article.title, article.text, article.source) == ("Kharkiv drones", "Workshops moved underground.", "Desk")


def test_field_map_rejects_unknown_fields() -> None:
    with pytest.raises(FieldMapError, match="unknown field 'headline'"):
        parse_field_map(["headline=hed"])
    with pytest.raises(FieldMapError, match="expected FIELD=COLUMN"):
        parse_field_map(["body"])


def test_a_record_with_only_a_summary_is_summary_only(tmp_path: Path) -> None:
    path = tmp_path / "teasers.jsonl"
    path.write_text(json.dumps({"title": "T", "description": "Only the teaser."}) + "\n", encoding="utf-8")
    [article] = read(path)
    assert article.summary_only and article.text == "Only the teaser."


def test_csv_without_a_body_column_fails_with_its_header(tmp_path: Path) -> None:
    path = tmp_path / "links.csv"
    path.write_text("title,url\nKyiv,https://x.example/1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no body, text or content column \(header: title, url\)"):
        read(path)


def test_csv_rows_with_missing_cells_or_no_text_fail_alone(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "title;text;date\nFirst;Kyiv said one thing.;2024-11-01\nShort;row\nEmpty;;2024-11-02\n"
        "Last;Seoul said another.;2024-11-03\n",
        encoding="utf-8",
    )
    items = read(path)
    assert [type(i).__name__ for i in items] == ["ParsedArticle", "RecordError", "RecordError", "ParsedArticle"]
    assert items[1].origin == f"{path}:3" and items[1].reason == "2 cells where the header has 3"
    assert items[2].origin == f"{path}:4" and "no article text" in items[2].reason
    assert [i.published for i in items if isinstance(i, ParsedArticle)] == ["2024-11-01", "2024-11-03"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_csv_and_json_lines_with_a_byte_order_mark_or_in_windows_1252(tmp_path: Path, encoding: str) -> None:
    body = "Officials in Kyiv said the city’s shelters – heated ones – would open before winter, café owners agreed."
    table = tmp_path / "table.csv"
    table.write_bytes(f'title,body\nKyiv’s Shelters,"{body}"\n'.encode(encoding))
    lines = tmp_path / "lines.jsonl"
    lines.write_bytes((json.dumps({"title": "Kyiv’s Shelters", "body": body}, ensure_ascii=False) + "\n").encode(encoding))
    for path in (table, lines):
        [article] = read(path)
        assert (article.title, article.text) == ("Kyiv’s Shelters", body), path.name


def test_tsv_and_a_mapped_csv_column(tmp_path: Path) -> None:
    path = tmp_path / "table.tsv"
    path.write_text("Headline\tStory Text\nKyiv\tThe council opened shelters.\n", encoding="utf-8")
    [article] = read(path, field_map={"body": "Story Text"})
    assert (article.title, article.text) == ("Kyiv", "The council opened shelters.")


def test_invalid_json_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"title": "a", "body": "b"},', encoding="utf-8")
    with pytest.raises(InputError, match=r"invalid JSON \(Expecting value at line 1"):
        read(path)


def test_a_json_file_with_one_object_a_line_is_read_as_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text('{"title": "a", "body": "Kyiv."}\n{"title": "b", "body": "Seoul."}\n', encoding="utf-8")
    assert [a.text for a in read(path)] == ["Kyiv.", "Seoul."]


def test_json_without_articles(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text('{"debug": true}', encoding="utf-8")
    with pytest.raises(InputError, match="no articles found"):
        read(path)
    assert all(isinstance(i, (ParsedArticle, RecordError)) for i in read(REPO / "samples/wire/eastern-wire.jsonl"))
