"""Feed health: which feeds are failing, backing off, stale, moved or gone, and why.

No feed is ever dropped silently: these lists feed the run summary, ``newsmon sources check``,
``newsmon status`` and every digest's footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb


@dataclass(frozen=True)
class FeedHealth:
    """A feed that failed, is backing off, went stale or is gone, and why."""

    name: str
    status: str
    reason: str



def day_feed_health(con: duckdb.DuckDBPyConnection, start: datetime, end: datetime, *,
                    stale_days: int = 3) -> list[FeedHealth]:
    """Feeds whose last fetch of the day failed, and feeds that answered but gave nothing new for days."""
    out = []
    for name, outcome, status, error, new_recently, first in con.execute(
        """SELECT e.feed, arg_max(e.outcome, e.seen_at), arg_max(e.status, e.seen_at),
                  arg_max(e.error, e.seen_at),
                  (SELECT max(h.seen_at) FROM feed_events h
                    WHERE h.feed = e.feed AND h.new > 0 AND h.seen_at < ?),
                  (SELECT min(h.seen_at) FROM feed_events h WHERE h.feed = e.feed)
           FROM feed_events e WHERE e.seen_at >= ? AND e.seen_at < ? AND e.outcome <> 'skipped'
           GROUP BY e.feed ORDER BY e.feed""",
        [end, start, end],
    ).fetchall():
        if outcome == "gone":
            out.append(FeedHealth(name, "gone", f"HTTP {status}: the feed says it is gone"))
        elif outcome in ("failed", "refused"):
            out.append(FeedHealth(name, "failed", error or f"HTTP {status}"))
        elif first < end - timedelta(days=stale_days) and (
            new_recently is None or new_recently < end - timedelta(days=stale_days)
        ):
            since = f"since {new_recently:%Y-%m-%d}" if new_recently else "ever"
            out.append(FeedHealth(name, "stale", f"nothing new {since}"))
    return out


def feed_health(con: duckdb.DuckDBPyConnection, *, now: datetime, stale_days: int = 3) -> list[FeedHealth]:
    """Feeds that are failing, backing off, stale or gone now, with the reason, by name."""
    out = []
    for name, error, failures, last_ok, gone, redirect, last_status in con.execute(
        """SELECT name, last_error, consecutive_failures, last_ok, gone, permanent_redirect, last_status
           FROM feeds ORDER BY name"""
    ).fetchall():
        if gone:
            out.append(FeedHealth(name, "gone", f"HTTP {last_status}: the feed says it is gone"))
        elif failures:
            times = "once" if failures == 1 else f"{failures} times in a row"
            out.append(FeedHealth(name, "failing", f"{error} (failed {times})"))
        elif last_ok is not None and now - last_ok > timedelta(days=stale_days):
            out.append(FeedHealth(name, "stale", f"nothing fetched since {last_ok:%Y-%m-%d}"))
        elif redirect:
            out.append(FeedHealth(name, "moved", f"permanently redirected to {redirect}: update sources.yaml"))
    return out
