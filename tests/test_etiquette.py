"""Feed etiquette: Retry-After, backoff with jitter, 410 Gone, permanent redirects, nothing silently dropped."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from newsmon.config import FetchSettings, load_sources
from newsmon.fetch import Fetcher
from newsmon.health import feed_health
from newsmon.ingest import next_due
from newsmon.models import FetchResult
from newsmon.netguard import AddressGuard
from newsmon.warehouse import open_warehouse
from tests.feedserver import FeedServer

NOW = datetime(2026, 11, 27, 6, 0)
RSS = ('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>Talks resume</title>'
       '<link>{link}</link><description>Short.</description></item></channel></rss>')


def test_retry_after_is_capped_at_a_day(feed_server: FeedServer) -> None:
    """A server asking for a week of silence gets a day at most."""
    url = feed_server.add("/f.xml", "slow down", status=429, retry_after=7 * 86400)
    with Fetcher(FetchSettings(retries=0), user_agent="t", guard=AddressGuard(["127.0.0.1"])) as f:
        result = f.get(url)

    assert 86400.0 == result.retry_after
    assert NOW + timedelta(days=1) == next_due(result, now=NOW, interval_minutes=30, failures=1)


def test_failures_back_off_exponentially_with_jitter() -> None:
    """Each failure in a row doubles the wait (plus up to a quarter of jitter), capped."""
    failed = FetchResult(url="u", status=500, error="HTTP 500")
    waits = [next_due(failed, now=NOW, interval_minutes=30, failures=n) - NOW for n in (1, 2, 3, 10)]

    for n, wait in zip((1, 2, 3), waits, strict=False):
        base = timedelta(minutes=30) * 2 ** (n - 1)
        assert base <= wait <= base * 1.25
    assert waits[3] <= timedelta(minutes=30) * 48 * 1.25


def sources(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(f"""settings:
  allow_private_hosts: ["127.0.0.1"]
  fetch: {{interval_minutes: 10, retries: 0}}
feeds:
  - name: Desk
    url: {url}
""")
    return path


def test_gone_feed_is_marked_never_polled_again_and_reported(
    prefect_harness: None, feed_server: FeedServer, tmp_path: Path
) -> None:
    """410 Gone marks the feed gone; later runs skip it and say why; the digest footer lists it."""
    from flows.ingest import ingest

    path = sources(tmp_path, feed_server.add("/f.xml", "gone", status=410))
    ingest(sources_path=str(path))
    settings = load_sources(path).settings
    with open_warehouse(settings.warehouse) as wh:
        wh.con.execute("UPDATE feeds SET next_due = NULL, last_fetched = NULL")
    second = ingest(sources_path=str(path))
    with open_warehouse(settings.warehouse) as wh:
        health = feed_health(wh.con, now=NOW)
        reason = wh.con.execute(
            "SELECT error FROM feed_events WHERE outcome = 'skipped' ORDER BY seen_at DESC LIMIT 1"
        ).fetchone()[0]

    assert 1 == feed_server.hits("/f.xml")
    assert 1 == second["feeds_skipped"]
    assert "gone" in reason
    assert [("Desk", "gone")] == [(h.name, h.status) for h in health]


def test_permanent_redirect_is_recorded_and_reported(
    prefect_harness: None, feed_server: FeedServer, tmp_path: Path
) -> None:
    """A 301 is followed, recorded, and reported; sources.yaml is left as the user wrote it."""
    from flows.ingest import ingest

    new = feed_server.add("/new.xml", RSS.format(link=feed_server.url("/a.html")),
                          content_type="application/rss+xml")
    feed_server.add("/a.html", "<html><body><p>short</p></body></html>")
    path = sources(tmp_path, feed_server.add("/old.xml", redirect_to="/new.xml", status=301))
    before = path.read_text()
    result = ingest(sources_path=str(path))
    with open_warehouse(load_sources(path).settings.warehouse) as wh:
        health = feed_health(wh.con, now=NOW)
        redirect = wh.con.execute("SELECT permanent_redirect FROM feeds").fetchone()[0]

    assert (1, new) == (result["feeds_ok"], redirect)
    assert [("Desk", "moved")] == [(h.name, h.status) for h in health]
    assert before == path.read_text()
