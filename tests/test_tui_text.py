"""How the reader lays out and cleans article text (offset-preserving wrapping and symbols)."""

from __future__ import annotations

import random

from rich.cells import cell_len

from corpus.safe_text import neutralise_controls
from tui.widgets.lazy_table import Column, _fit, _fit_columns
from tui.widgets.wrap import literal, wrap


def test_wrapped_lines_cover_the_text_and_fit_the_width() -> None:
    rng = random.Random(3)
    for _ in range(500):
        words = ["".join(rng.choice("abcdéfg한") for _ in range(rng.randint(1, 30))) for _ in range(rng.randint(0, 40))]
        text = "\n".join(" ".join(words[i:i + 7]) for i in range(0, len(words), 7))
        width = rng.randint(2, 40)  # a double-width character needs two cells
        lines = wrap(text, width)
        rebuilt = []
        for (start, end), following in zip(lines, lines[1:] + [(len(text), len(text))]):
            rebuilt.append(text[start:end])
            rebuilt.append(text[end:following[0]])  # only line breaks between lines
        assert "".join(rebuilt) == text
        assert all(cell_len(text[s:e].rstrip()) <= width for s, e in lines)


def test_blank_lines_are_kept_and_wide_characters_count_double() -> None:
    text = "one\n\n한국어 텍스트"
    lines = [text[s:e] for s, e in wrap(text, 6)]
    assert lines[:2] == ["one", ""]
    assert all(cell_len(line.rstrip()) <= 6 for line in lines)


def test_literal_shows_every_control_character_neutralise_controls_would_escape() -> None:
    every = "".join(chr(c) for c in range(0, 0xA0))
    shown = literal(every)
    assert len(shown) == len(every)
    for original, symbol in zip(every, shown):
        escaped = neutralise_controls(original) != original
        if original == "\n":
            assert symbol == "\n"
        elif escaped or original == "\r":
            assert symbol != original and symbol.isprintable()
        else:
            assert symbol == original or original == "\t"


def test_table_cells_are_cut_with_an_ellipsis_and_low_priority_columns_go_first() -> None:
    assert _fit("Kyiv Post", 6, "left") == "Kyiv …"
    assert _fit("12", 4, "right") == "  12"
    assert cell_len(_fit("한국어 텍스트", 5, "left")) == 5
    columns = [Column("Title", str, min_width=30), Column("Date", str, width=10, priority=1),
               Column("Tags", str, width=14, priority=3)]
    assert [c.label for c, _ in _fit_columns(columns, 120)] == ["Title", "Date", "Tags"]
    narrow = _fit_columns(columns, 50)
    assert [c.label for c, _ in narrow] == ["Title", "Date"]
    assert sum(w for _, w in narrow) + len(narrow) - 1 == 50
