"""Precision, recall and F1 of the candidate generator on a set of real name-variant pairs.

Compared, on the same pairs, with two baselines: plain rapidfuzz `ratio` at its best threshold
(chosen on the dev half, reported on both halves) and Soundex-code equality (jellyfish). The
dev half may be used to tune the matcher; the test half is only ever measured.

    .venv/bin/python bench/entity_quality.py [--pairs bench/data/name_variants.tsv] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jellyfish
from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.entities.scoring import THRESHOLD, name_info, score_pair  # noqa: E402

DEFAULT_PAIRS = Path(__file__).resolve().parent / "data" / "name_variants.tsv"


@dataclass(frozen=True)
class Pair:
    left: str
    left_type: str
    right: str
    right_type: str
    same: bool
    category: str
    split: str


def load(path: Path) -> list[Pair]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [Pair(r["left"], r["left_type"], r["right"], r["right_type"], r["label"] == "same", r["category"],
                 r["split"]) for r in csv.DictReader(lines, delimiter="\t")]


def prf(pairs: list[Pair], predicted: list[bool]) -> tuple[float, float, float]:
    tp = sum(p.same and hit for p, hit in zip(pairs, predicted))
    fp = sum(not p.same and hit for p, hit in zip(pairs, predicted))
    fn = sum(p.same and not hit for p, hit in zip(pairs, predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def ours(pair: Pair, threshold: float = THRESHOLD) -> bool:
    """Joined by the matcher: one name already (automatic identity), or proposed to the analyst."""
    match = score_pair(name_info(pair.left, pair.left_type), name_info(pair.right, pair.right_type), threshold)
    return match.proposed or match.relation == "identical"


def ratio(pair: Pair) -> float:
    return fuzz.ratio(pair.left.lower(), pair.right.lower()) / 100


def soundex_equal(pair: Pair) -> bool:
    def code(name: str) -> str:
        return " ".join(jellyfish.soundex(word) for word in name.replace("-", " ").split())

    return code(pair.left) == code(pair.right)


def best_ratio_threshold(pairs: list[Pair]) -> float:
    scores = [ratio(p) for p in pairs]
    candidates = sorted(set(scores))
    return max(candidates, key=lambda t: prf(pairs, [s >= t for s in scores])[2])


def report(pairs: list[Pair], show_errors: bool) -> None:
    dev = [p for p in pairs if p.split == "dev"]
    cut = best_ratio_threshold(dev)
    subsets = {
        "dev": dev,
        "test": [p for p in pairs if p.split == "test"],
        "all": pairs,
        "places (all)": [p for p in pairs if p.category in ("place-translit", "similar-place", "containment",
                                                              "qualifier")],
    }
    print(f"{len(pairs)} pairs ({sum(p.same for p in pairs)} same, {sum(not p.same for p in pairs)} different); "
          f"ours at threshold {THRESHOLD}, ratio at {cut:.2f} (its best F1 on dev)")
    print(f"{'subset':<14} {'method':<22} {'precision':>9} {'recall':>7} {'F1':>6}")
    for name, subset in subsets.items():
        rows = [
            ("transliteration-aware", [ours(p) for p in subset]),
            (f"rapidfuzz ratio≥{cut:.2f}", [ratio(p) >= cut for p in subset]),
            ("Soundex equality", [soundex_equal(p) for p in subset]),
        ]
        if name == "test":
            oracle = best_ratio_threshold(subset)
            rows.append((f"ratio≥{oracle:.2f} (test-tuned)", [ratio(p) >= oracle for p in subset]))
        for method, predicted in rows:
            p, r, f = prf(subset, predicted)
            print(f"{name:<14} {method:<22} {p:>9.3f} {r:>7.3f} {f:>6.3f}")
    by_category: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_category[p.category].append(p)
    print("\nours by category (share decided right):")
    for category, subset in sorted(by_category.items()):
        right = sum(ours(p) == p.same for p in subset)
        print(f"  {category:<16} {right:>3}/{len(subset):<3}")
    print("\nours on dev by threshold (how the default was chosen):")
    for t in (0.80, 0.82, 0.83, 0.84, 0.85, 0.86, 0.88, 0.90):
        p, r, f = prf(dev, [ours(x, t) for x in dev])
        print(f"  {t:.2f}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    if show_errors:
        print("\nerrors:")
        for p in pairs:
            if ours(p) != p.same:
                match = score_pair(name_info(p.left, p.left_type), name_info(p.right, p.right_type))
                print(f"  [{p.split}] {'missed' if p.same else 'false '} {p.left} / {p.right}: "
                      f"{match.score:.2f} {match.explanation}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--errors", action="store_true", help="List the pairs the matcher gets wrong.")
    args = parser.parse_args()
    report(load(args.pairs), args.errors)


if __name__ == "__main__":
    main()
