"""Tests of storing articles: exact deduplication by URL and by text, against feeds and the seed corpus."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from newsmon.config import SHIPPED_SEED
from newsmon.identity import article_id, canonical_url
from newsmon.ingest import content_fingerprint
from newsmon.models import Article
from newsmon.store import store_articles
from newsmon.warehouse import Warehouse, load_seed_corpus, open_warehouse

NOW = datetime(2026, 11, 27, 8, 0)
BODY = " ".join(f"word{i}" for i in range(80))


def article(url: str, text: str = BODY, feed: str = "A") -> Article:
    canonical = canonical_url(url)
    return Article(url=url, canonical_url=canonical, feed=feed, outlet=feed, title="T", text=text,
                   summary="", fingerprint=content_fingerprint(text, canonical), fetched=NOW, full_text=True)


def store(wh: Warehouse, *arts: Article):  # type: ignore[no-untyped-def]
    with wh.transaction() as con:
        return store_articles(con, list(arts), now=NOW)


def test_same_url_from_two_feeds_is_one_article(tmp_path: Path) -> None:
    """The same canonical URL from a second feed adds a carrier, not an article."""
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        first = store(wh, article("https://a.org/x?utm_source=rss", feed="A"))
        second = store(wh, article("https://a.org/x", feed="B"))
        carriers = wh.con.execute("SELECT feed FROM article_feeds ORDER BY feed").fetchall()

    assert 1 == len(first.originals) and 1 == len(second.seen)
    assert [("A",), ("B",)] == carriers


def test_same_text_under_another_url_is_a_copy_of_the_first(tmp_path: Path) -> None:
    """An identical text elsewhere is stored as an exact copy of the first-seen article."""
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        store(wh, article("https://a.org/x"))
        result = store(wh, article("https://b.org/y", text=BODY.upper() + "!"))
        row = wh.con.execute(
            "SELECT duplicate_of, duplicate_kind FROM articles WHERE id = ?", [result.copies[0]]
        ).fetchone()

    assert (article_id(canonical_url("https://a.org/x")), "exact") == row


def test_copy_of_a_seed_article_points_at_the_seed(tmp_path: Path) -> None:
    """A page carrying a seed article's text is recorded as a copy of that seed article."""
    seed_file = sorted(SHIPPED_SEED.glob("*.txt"))[0]
    _title, _, body = seed_file.read_text(encoding="utf-8").strip().partition("\n")
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        load_seed_corpus(wh, SHIPPED_SEED)
        result = store(wh, article("https://elsewhere.org/copy", text=body.strip()))
        original = wh.con.execute(
            "SELECT o.is_seed FROM articles c JOIN articles o ON o.id = c.duplicate_of WHERE c.id = ?",
            [result.copies[0]],
        ).fetchone()

    assert (True,) == original


def test_short_texts_are_not_merged_by_fingerprint(tmp_path: Path) -> None:
    """Two different articles with the same short summary stay two articles."""
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        result = store(wh, article("https://a.org/1", text="Read more"), article("https://a.org/2", text="Read more"))

    assert (2, 0) == (len(result.originals), len(result.copies))


def test_storing_twice_changes_nothing(tmp_path: Path) -> None:
    """Re-storing a batch is idempotent."""
    batch = [article("https://a.org/1"), article("https://a.org/2", text=BODY + " more")]
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        store(wh, *batch)
        before = wh.con.execute("SELECT count(*) FROM articles").fetchone()
        again = store(wh, *batch)
        after = wh.con.execute("SELECT count(*) FROM articles").fetchone()

    assert before == after and 2 == len(again.seen)


def test_analyses_are_stored_in_rank_order_and_replaced(tmp_path: Path) -> None:
    """Regions, actors and events keep their order; storing again replaces rather than adds."""
    from newsmon.models import Analysis, Evidence
    from newsmon.store import store_analyses

    first = Analysis(level=3, deescalation=False, score=3.5, regions=("LB", "IL"), actors=("ISR", "hezbollah"),
                     events=(Evidence("ASSAULT", "Jets struck.", mode="air strike", killed=7),))
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        with wh.transaction() as con:
            store_analyses(con, {"a1": first, "a2": first}, now=NOW)
        with wh.transaction() as con:
            store_analyses(con, {"a1": Analysis(level=1, deescalation=True, score=1.2, regions=("QA",))}, now=NOW)
        regions = wh.con.execute("SELECT article_id, region FROM article_regions ORDER BY article_id, rank").fetchall()
        events = wh.con.execute("SELECT article_id, event, mode, killed FROM article_events").fetchall()
        levels = wh.con.execute("SELECT article_id, level FROM article_analysis ORDER BY 1").fetchall()

    assert [("a1", "QA"), ("a2", "LB"), ("a2", "IL")] == regions
    assert [("a2", "ASSAULT", "air strike", 7)] == events
    assert [("a1", 1), ("a2", 3)] == levels


def test_implausible_casualty_counts_are_not_stored(tmp_path: Path) -> None:
    """A casualty figure no conflict has (hostile or misread text) is stored as unknown, not an overflow."""
    from newsmon.models import Analysis, Evidence
    from newsmon.store import store_analyses

    absurd = Analysis(level=3, deescalation=False, score=3.1,
                      events=(Evidence("ASSAULT", "A strike killed 99999999999.", killed=99_999_999_999, wounded=12),))
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        with wh.transaction() as con:
            store_analyses(con, {"a1": absurd}, now=NOW)
        row = wh.con.execute("SELECT killed, wounded FROM article_events").fetchone()

    assert (None, 12) == row
