"""Claims export speed: `corpus export claims` vs a bare csv.writer of the same query's rows.

    .venv/bin/python bench/export_bench.py [--claims 100000]

Builds a corpus of N claims over N/10 articles (with tags, links, notes, ratings and entity
mentions, so every column has work to do), then in one run times the real export to a CSV
file and a bare `csv.writer` writing the rows of the very same SQL query. Target: >= 0.5x.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import export  # noqa: E402
from corpus.export import ExportFilters  # noqa: E402
from corpus.export.claims import claims_query  # noqa: E402
from corpus.store import Store, utc_now  # noqa: E402

SENTENCE = ("President {name} said on {day} that {country} could send air defence systems to Ukraine "
            "if the {topic} continued, according to officials in {city}. ")
NAMES = ["Yoon Suk-yeol", "Volodymyr Zelenskyy", "Andrey Rudenko", "Doo Jin-ho", "Kim Hae-won"]
PLACES = ["Seoul", "Kyiv", "Moscow", "Odesa", "Kharkiv"]


def build(store: Store, claims: int) -> None:
    rng = random.Random(7)
    now = utc_now()
    conn = store.conn
    conn.execute("BEGIN")
    for n, name in enumerate(["Kyiv Post", "Reuters", "Yonhap", "Bloomberg", "DW"], 1):
        conn.execute("INSERT INTO sources (id, name, created_at) VALUES (?, ?, ?)", [n, name, now])
        conn.execute("INSERT INTO reliability_ratings (target_type, target_id, grade, rated_at)"
                     " VALUES ('source', ?, ?, ?)", [n, "ABCDE"[n - 1], now])
    for n, name in enumerate(NAMES, 1):
        conn.execute("INSERT INTO entities (id, name, type, created_at) VALUES (?, ?, 'PERSON', ?)", [n, name, now])
        conn.execute("INSERT INTO aliases (id, entity_id, name, key, created_at) VALUES (?, ?, ?, ?, ?)",
                     [n, n, name, name.lower(), now])
    per_article = 10
    for article in range(1, claims // per_article + 1):
        parts = [SENTENCE.format(name=rng.choice(NAMES), day="Tuesday", country="South Korea",
                                 topic="war", city=rng.choice(PLACES)) for _ in range(per_article)]
        body = "".join(parts)
        conn.execute(
            "INSERT INTO articles (id, title, body, url, published, source_id, content_hash, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [article, f"Article {article}", body, f"https://example.org/{article}",
             f"2024-{1 + article % 12:02d}-{1 + article % 28:02d}", 1 + article % 5, f"h{article}", now],
        )
        offset = 0
        for part in parts:
            claim_id = (article - 1) * per_article + (offset and parts.index(part)) + 1
            start, end = offset, offset + len(part) - 1
            name_at = part.index("President ") + len("President ")
            speaker = next(i for i, n in enumerate(NAMES, 1) if part[name_at:].startswith(n))
            conn.execute(
                "INSERT INTO mentions (article_id, start, [end], text, label, sentence, alias_id)"
                " VALUES (?, ?, ?, ?, 'PERSON', 0, ?)",
                [article, offset + name_at, offset + name_at + len(NAMES[speaker - 1]), NAMES[speaker - 1], speaker],
            )
            conn.execute(
                "INSERT INTO claims (article_id, quote, prefix, suffix, start, [end], body_hash, original_quote,"
                " speaker_entity_id, speaker_text, attribution, verb, stance, credibility, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, 'h', ?, ?, ?, 'said', 'said', 'asserts', ?, ?, ?)",
                [article, part[:-1], body[max(0, start - 32):start], body[end:end + 32], start, end, part[:-1],
                 speaker, NAMES[speaker - 1].split()[0], rng.choice([None, 1, 2, 3]), now, now],
            )
            offset += len(part)
    total = conn.execute("SELECT max(id) FROM claims").fetchone()[0]
    for claim_id in range(1, total + 1, 3):
        conn.execute("INSERT INTO tags (item_type, item_id, tag, origin, created_at) VALUES ('claim', ?, ?, ?, ?)",
                     [claim_id, rng.choice(["topic:air-defence", "=1+1", "check"]), "analyst", now])
    for claim_id in range(1, total - 20, 5):
        conn.execute("INSERT INTO links (from_type, from_id, relation, to_type, to_id, created_at)"
                     " VALUES ('claim', ?, 'corroborates', 'claim', ?, ?)", [claim_id, claim_id + 20, now])
    for claim_id in range(1, total + 1, 7):
        conn.execute("INSERT INTO notes (item_type, item_id, body, created_at, updated_at)"
                     " VALUES ('claim', ?, 'Checked against the transcript.', ?, ?)", [claim_id, now, now])
    conn.execute("COMMIT")


def bare_export(store: Store, path: str) -> int:
    sql, params = claims_query(store, ExportFilters())
    cursor = store.conn.execute(sql, params)
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([d[0] for d in cursor.description])
        for row in cursor:
            writer.writerow(row)
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(os.path.join(tmp, "bench.db"))
        started = time.perf_counter()
        build(store, args.claims)
        print(f"built {args.claims} claims in {time.perf_counter() - started:.1f}s")

        started = time.perf_counter()
        raw_rows = bare_export(store, os.path.join(tmp, "raw.csv"))
        raw = time.perf_counter() - started

        started = time.perf_counter()
        rows = export.export_to_path(store, "claims", ExportFilters(), os.path.join(tmp, "claims.csv"))
        real = time.perf_counter() - started
        store.close()
    assert rows == raw_rows == args.claims, (rows, raw_rows)
    print(f"bare csv.writer of the same query: {raw:.2f}s ({raw_rows / raw:,.0f} rows/s)")
    print(f"corpus export claims:              {real:.2f}s ({rows / real:,.0f} rows/s)")
    print(f"ratio (export rate / bare rate): {raw / real:.2f}x  (target >= 0.5x)")


if __name__ == "__main__":
    main()
