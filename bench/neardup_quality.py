"""Near-duplicate precision/recall and story pairwise P/R/F1 on three development sets, over threshold sweeps.

Sets: ``synthetic`` (syndicated variants of the extraction benchmark and the seed corpus, bench/devsets.py),
``feeds`` (the shared dev set's 302 real feed items, title and summary, with the same-event labels in
tests/data/dev_story_groups.jsonl), ``demo`` (the demo's pages, whose story structure is known).
Run: python bench/neardup_quality.py [--limit N] [--sweep]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.devsets import Item, build, demo_items, feed_items, various_items  # noqa: E402
from newsmon import cluster_eval, neardup, stories  # noqa: E402
from newsmon.clustering import cluster_items  # noqa: E402
from newsmon.evaluation import PRF  # noqa: E402


def labelled(items: list[Item]) -> list[cluster_eval.Labelled]:
    """The dev items in the shape the scorer takes."""
    return [cluster_eval.Labelled({"id": i.id, "title": i.title, "text": i.text}, i.original, i.story)
            for i in items]


def _half(group: str) -> str:
    """A group's half of the held-out split: a stable hash of its name."""
    return "A" if hashlib.sha1(group.encode()).digest()[0] % 2 == 0 else "B"


def _restricted(items: list[cluster_eval.Labelled], results: list, keep: set[str]) -> cluster_eval.ClusterScore:
    """Story scores over the pairs touching ``keep`` (gold pairs inside it; predicted pairs with one end in it)."""
    gold = {g.item["id"]: g.story for g in items}
    pred = {r.id: r.story_id for r in results}

    def pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
        by: dict[str, list[str]] = {}
        for item, group in groups.items():
            by.setdefault(group, []).append(item)
        return {tuple(sorted(p)) for m in by.values() for p in itertools.combinations(m, 2)}

    predicted = {p for p in pairs(pred) if p[0] in keep or p[1] in keep}
    actual = {p for p in pairs(gold) if p[0] in keep}
    inter = len(predicted & actual)
    return cluster_eval.ClusterScore(PRF(0, 0, 0), PRF(inter, len(predicted) - inter, len(actual) - inter),
                                     len(keep), len({gold[i] for i in keep}), len({pred[i] for i in keep}))


def line(name: str, s: cluster_eval.ClusterScore) -> str:
    c, t = s.copies, s.stories
    return (f"{name:10s} n={s.items:5d}  dup P {c.precision:.4f} R {c.recall:.4f}  "
            f"story P {t.precision:.4f} R {t.recall:.4f} F1 {t.f1:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="sources of the synthetic set")
    parser.add_argument("--sweep", action="store_true", help="also sweep the near-dup and story thresholds")
    args = parser.parse_args()
    sets = {"synthetic": labelled(build(limit=args.limit)), "feeds": labelled(feed_items()),
            "various": labelled(various_items()), "demo": labelled(demo_items())}
    sets = {k: v for k, v in sets.items() if v}
    if not sets:
        print("no development data (../shared absent)")
        return
    for name, items in sets.items():
        print(line(name, cluster_eval.score(items)))
    if "feeds" in sets:  # the held-out protocol: rules are chosen on half A of the groups, checked on half B
        items = sets["feeds"]
        results = cluster_items([g.item for g in items])
        for half in "AB":
            keep = {g.item["id"] for g in items if _half(g.story) == half}
            print(line(f"feeds {half}", _restricted(items, results, keep)))
    if not args.sweep:
        return
    jac0, cont0, story0 = neardup.JACCARD_MIN, neardup.CONTAINMENT_MIN, stories.STORY_MIN
    for jac, cont in [(0.4, 0.7), (0.5, 0.8), (0.6, 0.85)]:
        neardup.JACCARD_MIN, neardup.CONTAINMENT_MIN = jac, cont
        for name, items in sets.items():
            print(f"jaccard>={jac} containment>={cont}", line(name, cluster_eval.score(items)))
    neardup.JACCARD_MIN, neardup.CONTAINMENT_MIN = jac0, cont0
    for smin in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
        stories.STORY_MIN = smin
        for name, items in sets.items():
            print(f"story>={smin}", line(name, cluster_eval.score(items)))
    stories.STORY_MIN = story0


if __name__ == "__main__":
    main()
