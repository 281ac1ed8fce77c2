"""CSV and TSV tables: one article a row, the header naming the fields.

The file is streamed, so its size does not matter; the delimiter (comma, semicolon, tab
or bar) is the one the header line uses most. A file without a body column fails as a
whole, with the header it has; a row with the wrong number of cells fails with its line.
"""

from __future__ import annotations

import csv
import sys
from typing import Iterator

from importers.base import ImportOptions, Input, InputError, Item, RecordError
from importers.decoding import open_text
from importers.fields import DEFAULT_FIELDS, RecordReader

# Article bodies are far longer than the csv module's default 128 KB field limit.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
_DELIMITERS = ",;\t|"
_KNOWN_NAMES = {name for names in DEFAULT_FIELDS.values() for name in names}


def _dialect(sample: str, suffix: str) -> type[csv.Dialect]:
    """Excel's CSV dialect with the delimiter the header line uses most (the header is the
    one line every file has, and the one that decides the columns)."""
    header = sample.split("\n", 1)[0]
    delimiter = "\t" if suffix == ".tsv" else max(_DELIMITERS, key=header.count)
    if not header.count(delimiter):
        delimiter = ","
    return type("SniffedDialect", (csv.excel,), {"delimiter": delimiter})


class CsvImporter:
    name = "csv"
    extensions = (".csv", ".tsv")

    def sniff(self, head: str) -> bool:
        first = head.splitlines()[0] if head else ""
        for delimiter in _DELIMITERS:
            cells = {c.strip().strip('"').lower() for c in first.split(delimiter)}
            if len(cells) > 1 and cells & _KNOWN_NAMES:
                return True
        return False

    def read(self, source: Input, options: ImportOptions) -> Iterator[Item]:
        with open_text(source) as stream:
            sample = stream.read(65536)
            stream.seek(0)
            rows = csv.reader(stream, _dialect(sample, source.suffix))
            try:
                header = next(rows)
            except StopIteration:
                raise InputError("empty file") from None
            except csv.Error as exc:
                raise InputError(f"unreadable CSV header ({exc})") from exc
            header = [h.strip().lstrip("\ufeff") for h in header]
            yield from self._rows(rows, header, source, options)

    def _rows(self, rows, header: list[str], source: Input, options: ImportOptions) -> Iterator[Item]:
        reader = RecordReader(self.name, options.field_map)
        columns = reader.columns_for(dict.fromkeys(header, ""))
        if columns["body"] is None and columns["summary"] is None:
            wanted = options.field_map.get("body", "body, text or content")
            raise InputError(
                f"no {wanted} column (header: {', '.join(header) or 'empty'}); name it with --map body=COLUMN"
            )
        line = rows.line_num
        while True:
            start = line + 1
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                yield RecordError(f"{source.name}:{start}", f"unreadable CSV ({exc}); the rest of the file is skipped")
                return
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            origin = f"{source.name}:{start}"
            if len(row) != len(header):
                yield RecordError(origin, f"{len(row)} cells where the header has {len(header)}")
                continue
            yield reader.article(dict(zip(header, row)), origin)
