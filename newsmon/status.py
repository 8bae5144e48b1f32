"""What ran and how the feeds are: the last runs and feed health, read from the warehouse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from newsmon.health import FeedHealth, feed_health


@dataclass(frozen=True)
class RunRow:
    """One run of the runs table, as ``newsmon status`` shows it."""

    id: str
    kind: str
    started: datetime
    finished: datetime | None
    feeds_ok: int | None
    feeds_failed: int | None
    articles_new: int | None
    articles_copies: int | None
    digest_day: date | None
    digest_sent: bool | None  # None when nothing records deliveries
    error: str | None

    @property
    def state(self) -> str:
        if self.error:
            return "failed"
        return "running" if self.finished is None else "done"


def last_runs(con: duckdb.DuckDBPyConnection, *, limit: int = 10) -> list[RunRow]:
    """The latest ``limit`` runs, newest first."""
    sent = sent_days(con)
    rows = con.execute(
        """SELECT id, kind, started, finished, feeds_ok, feeds_failed, articles_new, articles_copies,
                  digest_path, error
           FROM runs ORDER BY started DESC, id DESC LIMIT ?""",
        [limit],
    ).fetchall()
    out = []
    for rid, kind, started, finished, ok, failed, new, copies, digest_path, error in rows:
        day = _day_of(digest_path)
        out.append(RunRow(
            id=rid, kind=kind, started=started, finished=finished, feeds_ok=ok, feeds_failed=failed,
            articles_new=new, articles_copies=copies, digest_day=day,
            digest_sent=None if sent is None or day is None else day in sent, error=error,
        ))
    return out


def sent_days(con: duckdb.DuckDBPyConnection) -> set[date] | None:
    """Days whose digest was sent, from the ``digests`` table; None when the warehouse has none."""
    columns = {
        name for (name,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'digests'"
        ).fetchall()
    }
    if not columns:
        return None
    day_col = "day" if "day" in columns else None
    sent_col = next((c for c in ("sent_at", "sent") if c in columns), None)
    if day_col is None or sent_col is None:
        return None
    return {
        d if isinstance(d, date) else date.fromisoformat(str(d))
        for (d,) in con.execute(f"SELECT {day_col} FROM digests WHERE {sent_col} IS NOT NULL").fetchall()
    }


def health(con: duckdb.DuckDBPyConnection, *, now: datetime, stale_days: int = 3) -> list[FeedHealth]:
    """Feeds that are failing, stale, moved or gone."""
    return feed_health(con, now=now, stale_days=stale_days)


def _day_of(digest_path: str | None) -> date | None:
    if not digest_path:
        return None
    try:
        return date.fromisoformat(Path(digest_path).name[:10])
    except ValueError:
        return None
