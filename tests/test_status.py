"""newsmon status: the last runs and feed health from a fixture warehouse, as a table."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from click.testing import CliRunner

from newsmon.cli import main
from newsmon.status import last_runs
from newsmon.warehouse import open_warehouse


def _fixture(tmp_path: Path) -> Path:
    """A sources.yaml and a warehouse holding two ingests, two digests (one sent) and sick feeds."""
    sources = tmp_path / "sources.yaml"
    sources.write_text("settings:\n  timezone: Europe/Berlin\nfeeds: []\n", encoding="utf-8")
    with open_warehouse(tmp_path / "warehouse" / "newsmon.duckdb") as wh, wh.transaction() as con:
        con.executemany(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ("r1", "ingest", datetime(2026, 11, 25, 8, 0), datetime(2026, 11, 25, 8, 1, 30),
                 12, 2, 0, 40, 7, 47, None, None),
                ("r2", "digest", datetime(2026, 11, 26, 6, 0), datetime(2026, 11, 26, 6, 0, 5),
                 None, None, None, None, None, None, "/d/2026-11-25.md", None),
                ("r3", "digest", datetime(2026, 11, 27, 6, 0), datetime(2026, 11, 27, 6, 0, 4),
                 None, None, None, None, None, None, "/d/2026-11-26.md", None),
                ("r4", "ingest", datetime(2026, 11, 27, 8, 30), None,
                 None, None, None, None, None, None, None, None),
            ],
        )
        con.execute(
            """INSERT INTO digests (day, rendered, stories, subject, path, sent) VALUES
               ('2026-11-25', '2026-11-26 06:00', 3, 's', '/d/2026-11-25.md', '2026-11-26 06:00:05'),
               ('2026-11-26', '2026-11-27 06:00', 0, 's', '/d/2026-11-26.md', NULL)"""
        )
        con.execute(
            """INSERT INTO feeds (name, url, last_error, consecutive_failures, last_ok, gone, last_status)
               VALUES ('Broken Wire', 'http://a.example/f', 'HTTP 500', 3, '2026-11-27 08:00', false, 500),
                      ('Old Post', 'http://b.example/f', NULL, 0, '2020-01-01 00:00', false, 200),
                      ('Closed Gazette', 'http://c.example/f', NULL, 1, NULL, true, 410),
                      ('Fine Times', 'http://d.example/f', NULL, 0, now()::TIMESTAMP, false, 200)"""
        )
    return sources


def test_last_runs_newest_first_with_digest_delivery(tmp_path: Path) -> None:
    """Runs come newest first; a digest run knows its day and whether it was sent."""
    _fixture(tmp_path)
    with open_warehouse(tmp_path / "warehouse" / "newsmon.duckdb") as wh:
        runs = last_runs(wh.con, limit=3)

    assert ["r4", "r3", "r2"] == [r.id for r in runs]
    assert "running" == runs[0].state
    assert (date(2026, 11, 26), False) == (runs[1].digest_day, runs[1].digest_sent)
    assert (date(2026, 11, 25), True) == (runs[2].digest_day, runs[2].digest_sent)


def test_status_prints_runs_and_feed_health(tmp_path: Path) -> None:
    """The command shows counts, digest delivery, and the failing, stale and gone feeds only."""
    sources = _fixture(tmp_path)

    result = CliRunner().invoke(main, ["status", "--sources", str(sources)])

    assert 0 == result.exit_code, result.output
    out = result.output
    assert "12/2" in out and "40/7" in out
    assert "2026-11-25 written, sent" in out
    assert "2026-11-26 written, not sent" in out
    assert "running" in out
    assert "Broken Wire" in out and "failing" in out and "HTTP 500 (failed 3 times in a row)" in out
    assert "Old Post" in out and "stale" in out
    assert "Closed Gazette" in out and "gone" in out
    assert "Fine Times" not in out


def test_status_without_a_warehouse_says_what_to_do(tmp_path: Path) -> None:
    """Before any run, status exits 1 with a one-line hint instead of a traceback."""
    sources = tmp_path / "sources.yaml"
    sources.write_text("feeds: []\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["status", "--sources", str(sources)])

    assert 1 == result.exit_code
    assert "no warehouse yet" in result.output
