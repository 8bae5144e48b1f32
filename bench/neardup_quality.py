"""Near-duplicate precision/recall and story pairwise P/R/F1 on three development sets, over threshold sweeps.

Sets: ``synthetic`` (syndicated variants of the extraction benchmark and the seed corpus, bench/devsets.py),
``feeds`` (the shared dev set's 302 real feed items, title and summary, with the same-event labels in
tests/data/dev_story_groups.jsonl), ``demo`` (the demo's pages, whose story structure is known).
Run: python bench/neardup_quality.py [--limit N] [--sweep]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.devsets import Item, build, demo_items, feed_items, various_items  # noqa: E402
from newsmon import cluster_eval, neardup, stories  # noqa: E402


def labelled(items: list[Item]) -> list[cluster_eval.Labelled]:
    """The dev items in the shape the scorer takes."""
    return [cluster_eval.Labelled({"id": i.id, "title": i.title, "text": i.text}, i.original, i.story)
            for i in items]


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
