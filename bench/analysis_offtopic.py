"""False alarms on feeds that are not about war: the levels ``analyze`` gives every entry of the
shared blog, tech and odd feeds that no labelled set uses.

The entries of ``../shared/data/feeds/various``, ``integration`` and ``odd`` (less the feeds of
``bench/analysis_heldout.py``'s labelled sets and the Korea Times) are personal and tech blogs,
some of which carry whole posts in their summaries. Hardly any is about armed conflict, so each
level 2 or 3 is most likely a false alarm a digest would show. Each entry is analysed as ingest
analyses a feed item without its page: its title and its summary (tags stripped, the first 3,000
characters).

    python bench/analysis_offtopic.py          # the count per level
    python bench/analysis_offtopic.py --list   # and every entry at level 2 or 3, with its evidence
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "feeds"
LABELLED = ("960551ec", "4179e7a1", "5357198d", "660a52f7", "72fea1eb", "d87c1681", "e8fa5b64",
            "5da3b20f", "e44e7aea", "real-korean-times")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Print the count of entries per level, and with ``--list`` the entries at level 2 or 3."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the entries at level 2 or 3")
    args = parser.parse_args(argv)
    if not FEEDS_DIR.is_dir():
        print(f"skipped: {FEEDS_DIR} is absent (the shared data sits beside the repository)")
        return 0
    import feedparser

    from newsmon.escalation import analyze
    from newsmon.vocab import load_taxonomy

    taxonomy = load_taxonomy()
    paths = [p for folder in ("various", "integration", "odd") for p in sorted((FEEDS_DIR / folder).iterdir())
             if p.suffix in {".xml", ".rss", ".atom"} and not any(k in p.name for k in LABELLED)]  # fmt: skip
    levels = [0, 0, 0, 0]
    for path in paths:
        for entry in feedparser.parse(str(path)).entries:
            title = entry.get("title", "") or ""
            summary = html.unescape(re.sub(r"<[^>]+>", " ", entry.get("summary", "") or ""))[:3000]
            result = analyze(title, summary, taxonomy=taxonomy)
            levels[result.level] += 1
            if args.list and result.level >= 2:
                evidence = result.events[0].sentence[:90] if result.events else ""
                print(f"{result.level} {path.name[:12]} | {title[:70]} | {evidence}")
    print(f"{sum(levels)} entries of {len(paths)} feeds; levels 0-3: {levels}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
