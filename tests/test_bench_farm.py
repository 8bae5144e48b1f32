"""Tests of the bench's feed farm and synthetic digest day: the same seed gives the same bytes."""

from __future__ import annotations

from pathlib import Path

import duckdb

from bench import digestday
from bench.farm import FALLBACK, FarmConfig, WordModel, feed_xml, origin, page_html

CFG = FarmConfig(feeds=6, items=4, hosts=2)
BASES = ["http://127.0.0.2:1", "http://127.0.0.3:1"]
MODEL = WordModel([FALLBACK * 3])


def test_feeds_and_pages_are_a_function_of_the_seed() -> None:
    """Two draws with one seed are byte-identical; another seed gives other pages."""
    again = FarmConfig(feeds=6, items=4, hosts=2, seed=CFG.seed + 1)

    assert feed_xml(CFG, MODEL, 1, 3, BASES) == feed_xml(CFG, MODEL, 1, 3, BASES)
    assert page_html(CFG, MODEL, 2, 1, BASES[0]) == page_html(CFG, MODEL, 2, 1, BASES[0])
    assert page_html(CFG, MODEL, 2, 1, BASES[0]) != page_html(again, MODEL, 2, 1, BASES[0])


def test_pages_are_article_sized() -> None:
    """Every page is 50-150 KB of HTML, as the issue asks."""
    sizes = [len(page_html(CFG, MODEL, f, i, BASES[f % 2])) for f in range(CFG.feeds) for i in range(CFG.items)]

    assert all(50_000 <= s <= 150_000 for s in sizes), sizes


def test_syndicated_entries_point_at_another_feed() -> None:
    """An entry is its own story or another feed's: never another item of the same feed."""
    big = FarmConfig(feeds=40, items=10)
    pairs = [(f, i, origin(big, f, i)) for f in range(big.feeds) for i in range(big.items)]
    copies = [(f, o) for f, i, o in pairs if o != (f, i)]

    assert copies and all(o[0] != f for f, o in copies)


def test_digest_day_is_deterministic(tmp_path: Path) -> None:
    """Two synthetic digest days from one seed hold the same rows."""
    rows = []
    for name in ("a", "b"):
        digestday.build(tmp_path / f"{name}.duckdb", 200, baseline=70)
        con = duckdb.connect(str(tmp_path / f"{name}.duckdb"), read_only=True)
        rows.append(con.execute("SELECT id, story_id, duplicate_of, fetched FROM articles ORDER BY id").fetchall())
        con.close()

    assert 200 + 70 == len(rows[0])
    assert rows[0] == rows[1]
