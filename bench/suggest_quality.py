"""Precision and recall of suggested claims against a hand-checked list of attributed statements.

    .venv/bin/python bench/suggest_quality.py [--gold bench/data/claims_gold.jsonl] [--verbose]

Each line of the gold file names a document (a file of `samples/`, or `shared:` + a path under
the shared samples), a fragment of one attributed statement in its clean text, and the names
the speaker may go by. Documents are read with the importers and cleaned as `corpus import`
stores them, then parsed once. A suggestion is correct when it covers at least half of a gold
statement (and is not mostly other text) and names one of its speakers; precision counts every
suggestion, so a suggestion that matches nothing is a false positive.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from corpus import nlp as pipelines  # noqa: E402
from corpus.claims.suggest import Candidate, find_candidates  # noqa: E402
from corpus.cleaning import clean_text  # noqa: E402
from importers import ImportOptions, Input, ParsedArticle, choose  # noqa: E402

SHARED = REPO.parent / "shared" / "samples"


def read_document(name: str) -> list[str]:
    path = SHARED / name.removeprefix("shared:") if name.startswith("shared:") else REPO / name
    source = Input(str(path), path=path)
    bodies = []
    for item in choose(source).read(source, ImportOptions()):
        if isinstance(item, ParsedArticle):
            bodies.append(clean_text(item.text, item.title).body)
    return bodies


def _name(text: str | None) -> str:
    text = (text or "").replace("’", "'").lower().strip()
    return re.sub(r"^the ", "", text)


def speaker_matches(candidate: Candidate, speakers: list[str]) -> bool:
    said = _name(candidate.speaker_name)
    for speaker in map(_name, speakers):
        if said == speaker or said.startswith(speaker + ","):
            return True
    return False


def span_matches(candidate: Candidate, start: int, end: int) -> bool:
    shared = min(candidate.end, end) - max(candidate.start, start)
    return shared >= 0.5 * (end - start) and shared >= 0.3 * (candidate.end - candidate.start)


def evaluate(gold_path: Path, verbose: bool) -> dict:
    gold: dict[str, list[dict]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            gold[entry["document"]].append(entry)
    nlp = pipelines.load()
    seen_bodies: set[str] = set()
    totals = {"gold": 0, "found": 0, "found_span": 0, "suggested": 0, "correct": 0}
    for document, entries in gold.items():
        bodies = [b for b in read_document(document) if b not in seen_bodies]
        seen_bodies.update(bodies)
        located = []
        for entry in entries:
            body_index = next((i for i, b in enumerate(bodies) if entry["statement"] in b), None)
            if body_index is None:
                raise SystemExit(f"{document}: gold statement not in its clean text: {entry['statement']!r}")
            start = bodies[body_index].index(entry["statement"])
            located.append((body_index, start, start + len(entry["statement"]), entry))
        for index, body in enumerate(bodies):
            candidates = find_candidates(nlp(body))
            mine = [g for g in located if g[0] == index]
            totals["suggested"] += len(candidates)
            totals["gold"] += len(mine)
            matched_candidates = set()
            for _, start, end, entry in mine:
                spans = [c for c in candidates if span_matches(c, start, end)]
                right = [c for c in spans if speaker_matches(c, entry["speakers"])]
                totals["found_span"] += bool(spans)
                totals["found"] += bool(right)
                matched_candidates.update(id(c) for c in right)
                if verbose and not right:
                    said = [c.speaker_name for c in spans]
                    print(f"MISSED  {document}: {entry['statement'][:60]!r} ({entry['speakers'][0]})"
                          + (f" found with speaker {said}" if said else ""))
            totals["correct"] += len(matched_candidates)
            if verbose:
                for c in candidates:
                    if id(c) not in matched_candidates:
                        print(f"EXTRA   {document}: {c.quote[:60]!r} ({c.speaker_name}, {c.verb})")
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=REPO / "bench" / "data" / "claims_gold.jsonl")
    parser.add_argument("--verbose", action="store_true", help="List missed statements and extra suggestions.")
    args = parser.parse_args()
    t = evaluate(args.gold, args.verbose)
    precision = t["correct"] / t["suggested"] if t["suggested"] else 0.0
    recall = t["found"] / t["gold"] if t["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"gold statements {t['gold']}, suggestions {t['suggested']}, correct suggestions {t['correct']}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
          f"(span found regardless of speaker: {t['found_span'] / t['gold']:.3f})")


if __name__ == "__main__":
    main()
