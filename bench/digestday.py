"""A synthetic warehouse for the digest scenario: a day of N analysed articles and a 7-day baseline.

A cold ingest of 10,000 pages takes most of an hour on a small machine, while the digest reads only the
warehouse: this fills one directly (bulk inserts, deterministic from a seed) with the shapes a real day has
(stories of 1-5 reports, 10% copies, levels 0-3, a few regions, actors and evidence sentences per article).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from newsmon.warehouse import open_warehouse

DAY = date(2026, 11, 27)
REGIONS = ("LB", "IL", "PS", "SY", "IR", "IQ", "YE", "UA", "RU", "SD", "MM", "CD", "ET", "SO", "AF", "PK", "IN",
           "TW", "KP", "VE")
ACTORS = ("ISR", "IRN", "RUS", "UKR", "USA", "hezbollah", "hamas", "houthis", "SYR", "TUR", "CHN", "PAK", "IND")
EVENTS = ("ASSAULT", "THREATEN", "MOBILIZE", "COERCE", "AGREE", "RETREAT", "CONSULT", "AID")
OUTLETS = ("Levant Ledger", "Gulf Meridian", "Red Sea Courier", "Harbour Wire", "Quiet Gazette", "Steppe Post",
           "Delta Daily", "Monsoon Times")
WORDS = ("strike", "border", "talks", "missile", "drone", "village", "army", "ceasefire", "convoy", "shelling",
         "minister", "rebels", "port", "airport", "aid", "refugees", "sanctions", "troops", "navy", "envoy")


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build(path: Path, articles: int, *, seed: int = 8, baseline: int | None = None) -> date:
    """Fill a new warehouse at ``path`` with ``articles`` on ``DAY`` and ``baseline`` over the 7 days before."""
    rng = random.Random(seed)
    cols: dict[str, list[list[object]]] = {t: [] for t in ("articles", "analysis", "regions", "actors", "events")}
    story_ids: list[tuple[str, int]] = []  # (story, level) of earlier articles, which later ones may join
    days = [(DAY, articles)] + [(DAY - timedelta(days=d), (baseline if baseline is not None else articles) // 7)
                                for d in range(1, 8)]
    n = 0
    for day, count in days:
        start = datetime.combine(day, time.min)
        originals: list[tuple[str, str, int]] = []  # (id, story, level)
        for _ in range(count):
            aid = f"a{n:07d}"
            n += 1
            fetched = start + timedelta(seconds=rng.randrange(86_400))
            copy = rng.choice(originals) if originals and rng.random() < 0.1 else None
            copy_of = copy[0] if copy else None
            if copy:  # a copy tells its original's story
                story, level = copy[1], copy[2]
            elif story_ids and rng.random() < 0.55:
                story, level = rng.choice(story_ids[-400:])
            else:
                story, level = aid, rng.choice((0, 0, 1, 1, 2, 3))
            outlet = rng.choice(OUTLETS)
            title = _sentence(rng, rng.randrange(6, 12))
            cols["articles"].append([aid, f"https://{outlet[:5].lower()}.example/{aid}",
                                     f"https://{outlet[:5].lower()}.example/{aid}?utm_source=rss", outlet, outlet,
                                     title, _sentence(rng, 120), _sentence(rng, 40), f"fp-{aid}", fetched, True,
                                     False, copy_of, "exact" if copy_of else None, story])
            if copy_of is None:
                originals.append((aid, story, level))
            deesc = rng.random() < 0.05
            cols["analysis"].append([aid, level, deesc, round(level + rng.random(), 3), fetched])
            for rank, region in enumerate(rng.sample(REGIONS, rng.randrange(0, 3))):
                cols["regions"].append([aid, region, rank])
            for rank, actor in enumerate(rng.sample(ACTORS, rng.randrange(0, 4))):
                cols["actors"].append([aid, actor, rank])
            for seq in range(rng.randrange(0, 5) if level else 0):
                killed = rng.randrange(1, 20) if rng.random() < 0.3 else None
                cols["events"].append([aid, seq, rng.choice(EVENTS), _sentence(rng, rng.randrange(8, 20)),
                                       rng.choice((None, "air strike", "drone", "shelling")), None, None, killed,
                                       None])
            story_ids.append((story, level))
    with open_warehouse(path) as wh, wh.transaction() as con:
        _insert(con, """articles (id, canonical_url, url, feed, outlet, title, text, summary, fingerprint, fetched,
                        full_text, is_seed, duplicate_of, duplicate_kind, story_id)""", cols["articles"])
        _insert(con, "article_analysis", cols["analysis"])
        _insert(con, "article_regions", cols["regions"])
        _insert(con, "article_actors", cols["actors"])
        _insert(con, "article_events", cols["events"])
        con.execute("""INSERT INTO runs (id, kind, started, finished, feeds_ok, feeds_failed, articles_new)
                       VALUES ('run-1', 'ingest', ?, ?, 8, 0, ?)""",
                    [datetime.combine(DAY, time(5)), datetime.combine(DAY, time(5, 2)), articles])
    return DAY


def _insert(con: object, table: str, rows: list[list[object]]) -> None:
    if not rows:
        return
    columns = [list(c) for c in zip(*rows, strict=True)]
    con.execute(f"INSERT INTO {table} SELECT {', '.join('unnest(?)' for _ in columns)}", columns)  # type: ignore[attr-defined]
