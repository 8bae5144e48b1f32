"""The loopback test server behaves like a careful web server: 304s, gzip, failures, delays, log."""

from __future__ import annotations

import gzip
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from tests.feedserver import FeedServer, serve_directory

RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>"


def test_serves_a_registered_route(feed_server: FeedServer) -> None:
    """A registered path answers its body, status and content type."""
    url = feed_server.add("/feed.xml", RSS, content_type="application/rss+xml")

    response = httpx.get(url)

    assert (200, RSS) == (response.status_code, response.content)
    assert "application/rss+xml" == response.headers["content-type"]


def test_unknown_path_is_404_and_logged(feed_server: FeedServer) -> None:
    """A path nobody registered answers 404 and still appears in the request log."""
    response = httpx.get(feed_server.url("/nothing"))

    assert 404 == response.status_code
    assert [("/nothing", 404)] == [(r.path, r.status) for r in feed_server.requests]


def test_etag_revalidation_gives_304(feed_server: FeedServer) -> None:
    """A matching If-None-Match answers 304 without a body; a stale one gets the full body."""
    url = feed_server.add("/f", RSS, etag='"v1"')

    fresh = httpx.get(url, headers={"If-None-Match": '"v1"'})
    stale = httpx.get(url, headers={"If-None-Match": '"v0"'})

    assert (304, b"", '"v1"') == (fresh.status_code, fresh.content, fresh.headers["etag"])
    assert (200, RSS) == (stale.status_code, stale.content)


def test_last_modified_revalidation_gives_304(feed_server: FeedServer) -> None:
    """If-Modified-Since at or after Last-Modified answers 304; an earlier date gets the body."""
    modified = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    url = feed_server.add("/f", RSS, last_modified=modified)

    same = httpx.get(url, headers={"If-Modified-Since": "Sat, 01 Mar 2025 12:00:00 GMT"})
    earlier = httpx.get(url, headers={"If-Modified-Since": "Sat, 01 Mar 2025 11:59:59 GMT"})

    assert "Sat, 01 Mar 2025 12:00:00 GMT" == same.headers["last-modified"]
    assert (304, 200) == (same.status_code, earlier.status_code)


def test_if_none_match_wins_over_if_modified_since(feed_server: FeedServer) -> None:
    """A stale ETag gets the body even when If-Modified-Since alone would give 304."""
    url = feed_server.add("/f", RSS, etag='"v2"', last_modified="Sat, 01 Mar 2025 12:00:00 GMT")

    response = httpx.get(
        url,
        headers={"If-None-Match": '"v1"', "If-Modified-Since": "Sat, 01 Mar 2025 12:00:00 GMT"},
    )

    assert 200 == response.status_code


def test_request_headers_are_logged_verbatim(feed_server: FeedServer) -> None:
    """The log keeps each header exactly as sent, looked up in any case."""
    url = feed_server.add("/f", RSS, etag='W/"abc"')

    httpx.get(url, headers={"If-None-Match": 'W/"abc"', "User-Agent": "newsmon-test/1"})

    (request,) = feed_server.requests_for("/f")
    assert ('W/"abc"', "newsmon-test/1") == (
        request.headers["if-none-match"],
        request.headers["User-Agent"],
    )
    assert ("GET", 304) == (request.method, request.status)


def test_gzip_only_when_accepted(feed_server: FeedServer) -> None:
    """With gzip=True the body is compressed for clients that accept gzip, plain otherwise."""
    body = b"<html>" + b"news " * 500 + b"</html>"
    url = feed_server.add("/page", body, gzip=True)

    with httpx.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as zipped:
        raw = b"".join(zipped.iter_raw())
        encoding = zipped.headers.get("content-encoding")
    plain = httpx.get(url, headers={"Accept-Encoding": "identity"})

    assert ("gzip", body) == (encoding, gzip.decompress(raw))
    assert len(raw) < len(body)
    assert (None, body) == (plain.headers.get("content-encoding"), plain.content)


def test_fail_times_then_success_with_retry_after(feed_server: FeedServer) -> None:
    """The first N requests fail with 503 and Retry-After; the next one succeeds."""
    url = feed_server.add("/flaky", RSS, fail_times=2, retry_after=7)

    answers = [httpx.get(url) for _ in range(3)]

    assert [503, 503, 200] == [a.status_code for a in answers]
    assert ["7", "7", None] == [a.headers.get("retry-after") for a in answers]
    assert 3 == feed_server.hits("/flaky")


def test_delay_makes_a_client_time_out(feed_server: FeedServer) -> None:
    """A delayed route is slower than a short client timeout, and the server survives it."""
    slow = feed_server.add("/slow", RSS, delay=0.5)
    fast = feed_server.add("/fast", RSS)

    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(slow, timeout=0.1)
    elapsed = time.monotonic() - started

    assert elapsed < 0.45
    assert 200 == httpx.get(fast).status_code


def test_delay_is_honoured(feed_server: FeedServer) -> None:
    """A delayed route answers no sooner than its delay."""
    url = feed_server.add("/slow", RSS, delay=0.2)

    started = time.monotonic()
    response = httpx.get(url, timeout=5)

    assert 200 == response.status_code
    assert time.monotonic() - started >= 0.2


def test_redirect_points_to_the_target(feed_server: FeedServer) -> None:
    """redirect_to answers the given 3xx with an absolute Location; clients land on the target."""
    target = feed_server.add("/new.xml", RSS)
    feed_server.add("/old.xml", status=301, redirect_to="/new.xml")

    first = httpx.get(feed_server.url("/old.xml"))
    followed = httpx.get(feed_server.url("/old.xml"), follow_redirects=True)

    assert (301, target) == (first.status_code, first.headers["location"])
    assert (200, target) == (followed.status_code, str(followed.url))


def test_readding_a_route_replaces_it(feed_server: FeedServer) -> None:
    """Adding a path again changes its answer, as when a feed publishes a new version."""
    url = feed_server.add("/f", b"one", etag='"1"')
    feed_server.add("/f", b"two", etag='"2"')

    response = httpx.get(url, headers={"If-None-Match": '"1"'})

    assert (200, b"two") == (response.status_code, response.content)


def test_head_sends_length_without_body(feed_server: FeedServer) -> None:
    """HEAD answers the headers of GET, Content-Length included, with no body."""
    url = feed_server.add("/f", RSS)

    response = httpx.head(url)

    assert (200, str(len(RSS)), b"") == (
        response.status_code,
        response.headers["content-length"],
        response.content,
    )


def test_add_directory_serves_files_with_validators(tmp_path: Path) -> None:
    """A served directory answers each file with a type and an ETag, and 304 on revalidation."""
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "a.xml").write_bytes(RSS)
    (tmp_path / "index.html").write_text("<p>hi</p>", encoding="utf-8")

    with FeedServer() as server:
        urls = server.add_directory(tmp_path, prefix="/static")
        feed = httpx.get(server.url("/static/feeds/a.xml"))
        again = httpx.get(feed.url, headers={"If-None-Match": feed.headers["etag"]})

    assert [server.url("/static/feeds/a.xml"), server.url("/static/index.html")] == urls
    assert (200, RSS, "application/xml; charset=utf-8") == (
        feed.status_code,
        feed.content,
        feed.headers["content-type"],
    )
    assert 304 == again.status_code


def test_serve_directory_gzips_files_for_clients_that_ask(tmp_path: Path) -> None:
    """serve_directory starts a server whose files come gzipped when the client accepts it."""
    (tmp_path / "page.html").write_text("<p>" + "word " * 400 + "</p>", encoding="utf-8")

    with serve_directory(tmp_path) as server:
        response = httpx.get(server.url("/page.html"), headers={"Accept-Encoding": "gzip"})

    assert ("gzip", 200) == (response.headers["content-encoding"], response.status_code)
    assert (tmp_path / "page.html").read_bytes() == response.content
