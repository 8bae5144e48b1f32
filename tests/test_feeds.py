"""Tests of feed parsing: entries from real feeds, salvage of malformed ones, every shared feed."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmon.config import FetchSettings
from newsmon.feeds import parse_feed
from newsmon.fetch import Fetcher
from newsmon.ingest import fetch_feed
from newsmon.models import Feed
from newsmon.netguard import AddressGuard
from tests.conftest import SHARED
from tests.feedserver import FeedServer

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Desk</title>
<item><title>Strike &amp; response</title><link>/news/1?utm_source=rss</link>
<description>&lt;p&gt;Israeli jets struck &lt;b&gt;targets&lt;/b&gt;.&lt;/p&gt;</description>
<pubDate>Tue, 17 Feb 2026 11:00:00 +0100</pubDate><guid>n1</guid></item>
<item><title>No link here</title></item>
</channel></rss>"""


def test_entries_have_absolute_links_plain_text_and_utc_times() -> None:
    """Relative links are resolved, markup stripped, dates in UTC; items without a link dropped."""
    parsed = parse_feed("Desk", RSS, base_url="https://example.org/feed.xml")

    assert 1 == len(parsed.entries)
    entry = parsed.entries[0]
    assert "https://example.org/news/1?utm_source=rss" == entry.link
    assert "Strike & response" == entry.title
    assert "Israeli jets struck targets." == entry.summary
    assert "2026-02-17 10:00:00" == str(entry.published)
    assert parsed.error is None


def test_truncated_feed_is_salvaged_with_an_error() -> None:
    """A feed cut off mid-item keeps the complete items and records what went wrong."""
    parsed = parse_feed("Desk", RSS[: RSS.index(b"<item><title>No")] + b"<item><ti",
                        base_url="https://example.org/feed.xml")

    assert 1 == len(parsed.entries)
    assert parsed.error is not None


def test_html_page_is_not_a_feed() -> None:
    """A web page where a feed was expected gives an error and no entries."""
    parsed = parse_feed("Desk", b"<html><body><p>hello</p></body></html>", base_url="https://example.org/")

    assert () == parsed.entries and parsed.error is not None


def test_entity_expansion_is_not_performed() -> None:
    """A 'billion laughs' DTD does not expand into memory."""
    bomb = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        f'<!ENTITY a{i} "{"&a;" * 10 if i == 0 else f"&a{i - 1};" * 10}">'.encode() for i in range(9)
    ) + b']><rss version="2.0"><channel><title>&a8;</title><item><title>t</title><link>https://e.org/1</link></item></channel></rss>'
    parsed = parse_feed("Bomb", bomb, base_url="https://e.org/")

    assert len(parsed.title or "") < 10_000


shared_feeds = sorted((SHARED / "data" / "feeds").rglob("*.xml")) + sorted(
    (SHARED / "data" / "feeds").rglob("*.json")
)


@pytest.mark.skipif(not shared_feeds, reason="../shared is absent")
def test_every_shared_feed_goes_through_the_feed_layer(feed_server: FeedServer) -> None:
    """Each real feed under ../shared/data/feeds is fetched over loopback and parsed without raising."""
    root = SHARED / "data" / "feeds"
    feed_server.add_directory(root, prefix="/feeds")
    settings = FetchSettings(retries=0)
    outcomes = {}
    with Fetcher(settings, user_agent="newsmon/test", guard=AddressGuard(["127.0.0.1"])) as fetcher:
        for file in shared_feeds:
            rel = file.relative_to(root).as_posix()
            feed = Feed(name=rel, url=feed_server.url(f"/feeds/{rel}"))
            outcomes[rel] = fetch_feed(fetcher, feed, None, max_entries=500)

    with_entries = [r for r, o in outcomes.items() if o.parsed and o.parsed.entries]
    assert len(shared_feeds) == len(outcomes)
    assert len(with_entries) >= 0.9 * len([f for f in shared_feeds if "expected" not in f.name])
    world = [o for r, o in outcomes.items() if r.startswith("world-news/")]
    assert all(o.parsed and o.parsed.entries for o in world)


def test_external_entities_never_read_local_files(tmp_path: Path) -> None:
    """An entity or DTD pointing at a local file leaves its content out of everything parsed."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    declared = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
                '<rss version="2.0"><channel><title>&xxe;</title><item><title>t &xxe;</title>'
                '<link>https://e.org/1</link><description>&xxe;</description></item></channel></rss>').encode()
    external = (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file://{secret}"><rss version="2.0"><channel>'
                '<title>x</title><item><title>t</title><link>https://e.org/1</link></item></channel></rss>').encode()

    for body in (declared, external):
        parsed = parse_feed("XXE", body, base_url="https://e.org/")
        seen = " ".join([parsed.title or ""] + [e.title + e.summary for e in parsed.entries])
        assert "TOP-SECRET" not in seen


def test_broken_links_are_dropped_not_raised() -> None:
    """Items whose links cannot be parsed as URLs are skipped; the rest of the feed survives."""
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
            b"<item><title>bad ipv6</title><link>http://[::1/x</link></item>"
            b"<item><title>js</title><link>javascript:alert(1)</link></item>"
            b"<item><title>good</title><link>https://e.org/ok</link></item></channel></rss>")
    parsed = parse_feed("Broken", body, base_url="https://e.org/feed")

    assert ["good"] == [e.title for e in parsed.entries]
