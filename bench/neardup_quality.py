"""Near-duplicate precision/recall and story pairwise F1 on the development sets, over a threshold sweep.

Run: python bench/neardup_quality.py [--limit N]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.devsets import Item, build  # noqa: E402
from newsmon import clustering, neardup, stories  # noqa: E402


def _pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    by: dict[str, list[str]] = defaultdict(list)
    for item, group in groups.items():
        by[group].append(item)
    return {tuple(sorted(p)) for members in by.values() for p in itertools.combinations(members, 2)}  # type: ignore[misc]


def score(items: list[Item]) -> dict[str, float]:
    """Precision and recall of copies (pair copy->original), and pairwise F1 of stories."""
    results = clustering.cluster_items([{"id": i.id, "title": i.title, "text": i.text} for i in items])
    gold = {i.id: i for i in items}
    tp = sum(1 for r in results if r.duplicate_of and gold[r.id].original == r.duplicate_of)
    predicted = sum(1 for r in results if r.duplicate_of)
    actual = sum(1 for i in items if i.original)
    p_pairs = _pairs({r.id: r.story_id for r in results})
    g_pairs = _pairs({i.id: i.story for i in items})
    inter = len(p_pairs & g_pairs)
    sp, sr = inter / max(len(p_pairs), 1), inter / max(len(g_pairs), 1)
    missed = defaultdict(int)
    for r in results:
        if gold[r.id].original and r.duplicate_of != gold[r.id].original:
            missed[gold[r.id].kind] += 1
    wrong_report = sum(1 for r in results if gold[r.id].kind == "report" and r.duplicate_of)
    return {"dup_precision": tp / max(predicted, 1), "dup_recall": tp / max(actual, 1),
            "story_precision": sp, "story_recall": sr, "story_f1": 2 * sp * sr / max(sp + sr, 1e-9),
            "reports_taken_for_copies": wrong_report, **{f"missed_{k}": v for k, v in missed.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    items = build(limit=args.limit)
    if not items:
        print("no development data (../shared absent)")
        return
    print(f"{len(items)} items")
    for jac, cont in [(0.4, 0.7), (0.5, 0.8), (0.6, 0.85)]:
        neardup.JACCARD_MIN, neardup.CONTAINMENT_MIN = jac, cont
        print(f"jaccard>={jac} containment>={cont}:", {k: round(v, 4) for k, v in score(items).items()})
    neardup.JACCARD_MIN, neardup.CONTAINMENT_MIN = 0.5, 0.8
    for smin in (0.2, 0.3, 0.4):
        stories.STORY_MIN = smin
        s = score(items)
        print(f"story>={smin}:", {k: round(v, 4) for k, v in s.items() if k.startswith("story")})


if __name__ == "__main__":
    main()
