"""Score the analysis on a held-out labelled set: items of feeds its rules were not tuned on.

``--set heldout`` (the default): 217 items of 7 feeds.

The items are the entries of seven feeds of ``../shared/data/feeds/various`` (Christian Science
Monitor, ABC News Australia, EL PAÍS in English, Al-Monitor, Foreign Policy, MercoPress: all
entries; The Economist Asia: its first 80 in feed order), each its title and summary (tags
stripped, entities unescaped, at most 80 words), with the id of ``bench/devsets.py`` (first 12 hex
digits of the SHA-1 of the link; a repeated link kept once). Their gold labels, written blind by
``../shared/eval/LABELING.md``, are in ``tests/data/analysis_heldout.jsonl`` (ids and labels only;
the text is read from ``../shared`` at run time). The joined items are written in the dev set's
format to a temporary file and scored exactly as ``newsmon eval analysis --gold FILE`` scores it:
relevance and escalation P/R/F1, level exactness and kappa, de-escalation F1, and micro P/R/F1 of
regions, actors and events over items of gold level >= 1.

``--set sealed``: 315 items labelled blind, the same way, by a second labeller, in
``tests/data/analysis_sealed.jsonl``: all entries of the Korea Times 2022 feed
(``../shared/data/feeds/odd/real-korean-times.rss``) and The Economist Asia's entries 81 to 200.
It is a sealed test set: by default it prints aggregate figures only, never an item
(``--worst``/``--disagreements`` must ask for them).

``--set cameo-a`` and ``--set cameo-b``: 330 sentences each of the CAMEO train file
(``../shared/data/cameo-sentences/train.tsv``; a: its odd lines 1-659, b: its even lines 2-660),
each sentence an item with no summary, labelled blind by LABELING.md by two more labellers who saw
neither the CAMEO classes nor newsmon (ids ``cameo-<line>``). a is a development set; b is checked
by its aggregate figures only, like ``sealed``.

``--set third``: 260 items labelled blind, the same way, by a third labeller, in
``tests/data/analysis_third.jsonl``: all entries of TIME Tech and kottke.org (feeds its rules were
not tuned on, nearly all off-topic: a test of false alarms) and The Economist Asia's entries 201 to
300. It is a development set: its misses may be looked at.

    python bench/analysis_heldout.py                   # the figures and the worst misses
    python bench/analysis_heldout.py --set sealed      # the sealed set's aggregate figures only
    python bench/analysis_heldout.py --set third --disagreements 40  # the third set
    python bench/analysis_heldout.py --per-feed        # plus relevance/escalation F1 per feed
    python bench/analysis_heldout.py --disagreements 20  # level/flag disagreements in full
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
FEEDS_DIR = ROOT.parent / "shared" / "data" / "feeds"
# set -> (labels file, [(feed id, file glob under FEEDS_DIR, first entry, end entry or None)])
Source = tuple[str, str, int, int | None]
SETS: dict[str, tuple[Path, list[Source]]] = {
    "heldout": (ROOT / "tests" / "data" / "analysis_heldout.jsonl", [
        *((p, f"various/{p}*.xml", 0, None) for p in (
            "4179e7a1", "5357198d", "660a52f7", "72fea1eb", "d87c1681", "e8fa5b64")),
        ("960551ec", "various/960551ec*.xml", 0, 80),
    ]),
    "sealed": (ROOT / "tests" / "data" / "analysis_sealed.jsonl", [
        ("korea-times", "odd/real-korean-times.rss", 0, None),
        ("economist-asia", "various/960551ec*.xml", 80, 200),
    ]),
    "cameo-a": (ROOT / "tests" / "data" / "analysis_cameo_a.jsonl", [
        ("cameo", "../cameo-sentences/train.tsv", 0, None),
    ]),
    "cameo-b": (ROOT / "tests" / "data" / "analysis_cameo_b.jsonl", [
        ("cameo", "../cameo-sentences/train.tsv", 0, None),
    ]),
    "third": (ROOT / "tests" / "data" / "analysis_third.jsonl", [
        ("time-tech", "various/5da3b20f*.xml", 0, None),
        ("kottke", "various/e44e7aea*.xml", 0, None),
        ("economist-asia", "various/960551ec*.xml", 200, 300),
    ]),
}  # fmt: skip


def items(sources: list[Source]) -> list[dict[str, Any]]:
    """The items (id, feed id, title, summary, link, published) of ``sources`` in feed order."""
    import feedparser

    out, seen = [], set()
    for feed, pattern, start, end in sources:
        if pattern.endswith(".tsv"):  # one sentence per line, "sentence<TAB>class"; id by line
            lines = (FEEDS_DIR / pattern).resolve().read_text(encoding="utf-8").splitlines()
            out.extend({"id": f"{feed}-{n}", "feed": feed, "title": line.rsplit("\t", 1)[0],
                        "summary": "", "link": "", "published": ""}
                       for n, line in enumerate(lines[start:end], start + 1))  # fmt: skip
            continue
        for path in sorted(FEEDS_DIR.glob(pattern)):
            for entry in feedparser.parse(str(path)).entries[start:end]:
                key = entry.get("link") or entry.get("title") or ""
                item_id = hashlib.sha1(key.encode()).hexdigest()[:12]
                if item_id in seen:
                    continue
                seen.add(item_id)
                summary = html.unescape(re.sub(r"<[^>]+>", " ", entry.get("summary", "")))
                title = " ".join(html.unescape(entry.get("title", "")).split())
                out.append({
                    "id": item_id, "feed": feed, "title": title,
                    "summary": " ".join(summary.split()[:80]),
                    "link": entry.get("link", ""), "published": entry.get("published", ""),
                })  # fmt: skip
    return out


def labelled(name: str = "heldout") -> list[dict[str, Any]]:
    """The items of set ``name`` joined with their gold labels, in the shared dev set's format."""
    path, sources = SETS[name]
    labels = {v["id"]: v for v in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    rows = [dict(r, gold=labels[r["id"]]["gold"]) for r in items(sources) if r["id"] in labels]
    if len(rows) != len(labels):
        missing = sorted(set(labels) - {r["id"] for r in rows})
        print(
            f"warning: {len(missing)} labelled ids not found in the feeds: {missing[:5]}",
            file=sys.stderr,
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Build the labelled file, score it as ``newsmon eval analysis`` does, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="heldout", help="which labelled set")
    parser.add_argument("--per-feed", action="store_true", help="relevance/escalation F1 per feed")
    parser.add_argument(
        "--worst", type=int, help="worst misses listed per field (0: none; default 10, sealed 0)"
    )
    parser.add_argument(
        "--disagreements", type=int, default=0, help="list this many level/flag disagreements"
    )
    parser.add_argument("--taxonomy", default=None, help="a taxonomy.yaml (default: newsmon's own)")
    args = parser.parse_args(argv)
    if not FEEDS_DIR.is_dir():
        print(f"skipped: {FEEDS_DIR} is absent (the shared data sits beside the repository)")
        return 0
    from newsmon.evaluation import format_report, predict, read_gold, score
    from newsmon.vocab import load_taxonomy

    sealed = args.set in {"sealed", "cameo-b"}
    worst = args.worst if args.worst is not None else (0 if sealed else 10)
    rows = labelled(args.set)
    taxonomy = load_taxonomy(Path(args.taxonomy) if args.taxonomy else None)
    with tempfile.TemporaryDirectory() as tmp:
        gold_file = Path(tmp) / f"{args.set}.jsonl"
        gold_file.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        results = predict(read_gold(gold_file), taxonomy)
    levels = [r["gold"]["level"] for r in rows]
    print(f"{args.set}: {len(rows)} items, {sum(v >= 1 for v in levels)} relevant, "
          f"levels 0-3: {[levels.count(v) for v in range(4)]}")  # fmt: skip
    print(format_report(score(results, worst=worst), misses=worst > 0))
    if args.per_feed:
        feed_of = {r["id"]: r["feed"] for r in rows}
        print(f"{'feed':15}{'items':>6}{'rel':>5}  relevance F1 (P/R)      escalation F1 (P/R)")
        for prefix in dict.fromkeys(feed for feed, *_ in SETS[args.set][1]):
            part = [(g, p) for g, p in results if feed_of[g.id] == prefix]
            rep = score(part, worst=0)
            rel, esc = rep.relevance, rep.escalation
            print(f"{prefix:15}{len(part):>6}{sum(g.level >= 1 for g, _ in part):>5}  "
                  f"{rel.f1:.2f} ({rel.precision:.2f}/{rel.recall:.2f})       "
                  f"{esc.f1:.2f} ({esc.precision:.2f}/{esc.recall:.2f})")  # fmt: skip
    if args.disagreements:
        wrong = [
            (g, p) for g, p in results if g.level != p.level or g.deescalation != p.deescalation
        ]
        wrong.sort(key=lambda gp: (-abs(gp[0].level - gp[1].level), gp[0].id))
        print(f"disagreements on level or de-escalation: {len(wrong)}")
        for g, p in wrong[: args.disagreements]:
            events = sorted({e.event for e in p.events})
            print(f"  {g.id} | {g.title[:90]}")
            print(f"    gold  L{g.level} de={g.deescalation} {sorted(g.regions)} "
                  f"{sorted(g.actors)} {sorted(g.events)}")  # fmt: skip
            print(f"    got   L{p.level} de={p.deescalation} {list(p.regions)} "
                  f"{list(p.actors)} {events}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
