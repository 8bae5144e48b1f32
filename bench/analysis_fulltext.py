"""Levels that the analysis gives real full-text articles of every topic, for a reader to judge.

The extraction benchmark's gold article bodies (../shared/data/extraction-benchmark: news, tech,
culture, business and politics pages of 2019) are analysed as full texts (title and body). Few of them
are about armed conflict; every one at level 1 or more is listed with its regions, actors and events
so that a false alarm shows. No labels: the distribution and the list are the figures.

    python bench/analysis_fulltext.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from devsets import sources  # noqa: E402

from newsmon.escalation import analyze  # noqa: E402
from newsmon.vocab import load_taxonomy  # noqa: E402


def main() -> int:
    """Print each article at level 1 or more and the distribution of levels."""
    articles = [(title, body) for key, title, body in sources() if len(key) == 12]
    if not articles:
        print("../shared/data/extraction-benchmark is absent: nothing to measure")
        return 0
    taxonomy = load_taxonomy()
    levels: Counter[int] = Counter()
    for title, body in articles:
        result = analyze(title, text=body, taxonomy=taxonomy)
        levels[result.level] += 1
        if result.level:
            events = sorted({e.event for e in result.events})
            print(f"{result.level} {'de' if result.deescalation else '  '} {title[:70]:70s} "
                  f"{','.join(result.regions[:3])} {','.join(result.actors[:4])} {','.join(events)}")
    print(f"{len(articles)} articles; levels 0-3: {[levels[n] for n in range(4)]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
