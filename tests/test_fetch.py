"""Tests of the fetcher against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from newsmon.config import FetchSettings
from newsmon.fetch import Fetcher
from newsmon.netguard import AddressGuard
from tests.feedserver import FeedServer

UA = "newsmon/test (+https://example.org/contact)"


def fetcher(**overrides: object) -> Fetcher:
    settings = FetchSettings(**{"backoff": 0.01, **overrides})  # type: ignore[arg-type]
    return Fetcher(settings, user_agent=UA, guard=AddressGuard(["127.0.0.1"]))


def test_validators_are_sent_back_verbatim_and_304_has_no_body(feed_server: FeedServer) -> None:
    """ETag and Last-Modified come back exactly as received; the 304 carries nothing."""
    url = feed_server.add("/f.xml", "<rss/>", etag='W/"a b;c"', last_modified="Tue, 17 Feb 2026 11:00:00 GMT")
    with fetcher() as f:
        first = f.get(url)
        second = f.get(url, etag=first.etag, last_modified=first.last_modified)

    sent = feed_server.requests_for("/f.xml")[-1].headers
    assert (200, 304) == (first.status, second.status)
    assert ('W/"a b;c"', "Tue, 17 Feb 2026 11:00:00 GMT") == (sent["If-None-Match"], sent["If-Modified-Since"])
    assert b"" == second.content and second.not_modified


def test_user_agent_names_newsmon_and_contact(feed_server: FeedServer) -> None:
    """Every request says who is asking."""
    url = feed_server.add("/f.xml", "<rss/>")
    with fetcher() as f:
        f.get(url)

    assert UA == feed_server.requests_for("/f.xml")[0].headers["User-Agent"]


def test_gzip_is_decompressed(feed_server: FeedServer) -> None:
    """A compressed answer arrives as its plain bytes."""
    body = "<rss>" + "x" * 5000 + "</rss>"
    url = feed_server.add("/f.xml", body, gzip=True)
    with fetcher() as f:
        result = f.get(url)

    assert body.encode() == result.content
    assert "gzip" == result.headers.get("content-encoding")


def test_5xx_is_retried_then_succeeds(feed_server: FeedServer) -> None:
    """Two 503s, then the body: three requests, one result."""
    url = feed_server.add("/f.xml", "<rss/>", fail_times=2, fail_status=503)
    with fetcher(retries=2) as f:
        result = f.get(url)

    assert (200, 3) == (result.status, feed_server.hits("/f.xml"))


def test_long_retry_after_is_returned_not_slept(feed_server: FeedServer) -> None:
    """A 429 asking for an hour is not waited out in the run; the caller gets the delay."""
    url = feed_server.add("/f.xml", "<rss/>", fail_times=5, fail_status=429, retry_after=3600)
    with fetcher(retries=3) as f:
        result = f.get(url)

    assert (429, 3600.0, 1) == (result.status, result.retry_after, feed_server.hits("/f.xml"))


def test_response_over_the_cap_is_cut_off(feed_server: FeedServer) -> None:
    """A body larger than max_bytes is refused, compressed or not."""
    url = feed_server.add("/big", b"0" * 300_000, gzip=True)
    with fetcher(max_bytes=100_000) as f:
        result = f.get(url)

    assert result.error is not None and result.error.startswith("too large")


def test_redirect_limit_and_loop(feed_server: FeedServer) -> None:
    """A redirect loop ends with an error naming it instead of spinning."""
    feed_server.add("/a", redirect_to="/b")
    url = feed_server.add("/b", redirect_to="/a")
    with fetcher() as f:
        result = f.get(url)

    assert result.error is not None and "redirect loop" in result.error


def test_permanent_redirect_is_reported(feed_server: FeedServer) -> None:
    """A 301 is followed and its target recorded."""
    feed_server.add("/new.xml", "<rss/>")
    url = feed_server.add("/old.xml", redirect_to="/new.xml", status=301)
    with fetcher() as f:
        result = f.get(url)

    assert (200, feed_server.url("/new.xml")) == (result.status, result.permanent_redirect)


def test_loopback_is_refused_unless_allowed(feed_server: FeedServer) -> None:
    """Without an allow-list entry a loopback address is never connected to."""
    url = feed_server.add("/f.xml", "<rss/>")
    with Fetcher(FetchSettings(), user_agent=UA, guard=AddressGuard()) as f:
        result = f.get(url)

    assert result.error is not None and result.error.startswith("refused")
    assert 0 == feed_server.hits("/f.xml")


def test_media_content_type_is_not_downloaded(feed_server: FeedServer) -> None:
    """A link that serves video is refused by its Content-Type."""
    url = feed_server.add("/v", b"\x00" * 50_000, content_type="video/mp4")
    with fetcher() as f:
        result = f.get(url)

    assert result.error is not None and "video/mp4" in result.error and b"" == result.content


def test_connection_refused_is_an_error_value() -> None:
    """Nothing listening gives an error result, not an exception."""
    with fetcher(retries=0) as f:
        result = f.get("http://127.0.0.1:9/feed.xml")

    assert result.status is None and result.error is not None
