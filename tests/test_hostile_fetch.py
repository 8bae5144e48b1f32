"""Hostile servers: slow drips, endless bodies, compression bombs, private addresses, redirect loops."""

from __future__ import annotations

import socket
import time
import zlib

from newsmon.config import FetchSettings
from newsmon.fetch import Fetcher
from newsmon.netguard import AddressGuard
from tests.feedserver import FeedServer
from tests.rawserver import RawServer


def fetcher(allow: list[str], **overrides: object) -> Fetcher:
    settings = FetchSettings(**{"retries": 0, **overrides})  # type: ignore[arg-type]
    return Fetcher(settings, user_agent="newsmon/test", guard=AddressGuard(allow))


def drip_headers(conn: socket.socket) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nX-Slow: " + b"a" * 100:
        conn.sendall(bytes([byte]))
        time.sleep(0.2)


def drip_body(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n")
    for _ in range(1000):
        conn.sendall(b"x")
        time.sleep(0.2)


def endless(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"%x\r\n%s\r\n" % (65536, b"0" * 65536)
    while True:
        conn.sendall(chunk)


def gigabyte_declared(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1073741824\r\n\r\n")
    while True:
        conn.sendall(b"0" * 65536)


def test_server_dripping_headers_is_cut_off_at_the_total_time() -> None:
    """A byte every 0.2 s never trips the read timeout, but the total deadline ends it."""
    with RawServer(drip_headers) as server, fetcher(["127.0.0.1"], total_timeout=1.0, read_timeout=5.0) as f:
        started = time.monotonic()
        result = f.get(server.base_url + "/feed")

    assert result.error is not None and result.error.startswith("timed out")
    assert time.monotonic() - started < 3.0


def test_server_dripping_the_body_is_cut_off_at_the_total_time() -> None:
    """A body at a byte every 0.2 s is abandoned at the deadline."""
    with RawServer(drip_body) as server, fetcher(["127.0.0.1"], total_timeout=1.0, read_timeout=5.0) as f:
        started = time.monotonic()
        result = f.get(server.base_url + "/feed")

    assert result.error is not None and "timed out" in result.error
    assert time.monotonic() - started < 3.0


def test_endless_chunked_body_stops_at_the_size_cap() -> None:
    """A body without a length that never ends is read up to max_bytes and dropped."""
    with RawServer(endless) as server, fetcher(["127.0.0.1"], max_bytes=1_000_000) as f:
        result = f.get(server.base_url + "/feed")

    assert result.error is not None and result.error.startswith("too large") and b"" == result.content


def test_declared_gigabyte_is_refused_before_reading() -> None:
    """A Content-Length of 1 GB is refused from the headers alone."""
    with RawServer(gigabyte_declared) as server, fetcher(["127.0.0.1"]) as f:
        started = time.monotonic()
        result = f.get(server.base_url + "/page")

    assert result.error is not None and "1073741824 bytes declared" in result.error
    assert time.monotonic() - started < 2.0


def test_gzip_bomb_is_cut_off_by_decompressed_size(feed_server: FeedServer) -> None:
    """200 KB of gzip that expands to 200 MB stops at the decompressed cap."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * 1_000_000
    bomb = b"".join(packer.compress(block) for _ in range(200)) + packer.flush()
    url = feed_server.add("/bomb.xml", bomb, content_type="application/xml",
                          headers={"Content-Encoding": "gzip"})
    with fetcher(["127.0.0.1"], max_bytes=5_000_000) as f:
        result = f.get(url)

    assert len(bomb) < 300_000
    assert result.error is not None and result.error.startswith("too large")


def test_link_to_another_loopback_port_is_refused(feed_server: FeedServer) -> None:
    """Only the allowed host:port may be private; a link to another local port is refused and recorded."""
    allowed = f"127.0.0.1:{feed_server.base_url.rsplit(':', 1)[1]}"
    with FeedServer() as internal:
        secret = internal.add("/admin", "secret")
        with fetcher([allowed]) as f:
            ok = f.get(feed_server.add("/feed.xml", "<rss/>"))
            refused = f.get(secret)

    assert ok.status == 200
    assert refused.error is not None and refused.error.startswith("refused") and "127.0.0.1" in refused.error
    assert 0 == internal.hits("/admin")


def test_redirect_to_a_private_address_is_refused_on_that_hop(feed_server: FeedServer) -> None:
    """An allowed server redirecting to a forbidden local port is stopped at the redirect."""
    allowed = f"127.0.0.1:{feed_server.base_url.rsplit(':', 1)[1]}"
    with FeedServer() as internal:
        secret = internal.add("/admin", "secret")
        url = feed_server.add("/go", redirect_to=secret)
        with fetcher([allowed]) as f:
            result = f.get(url)

    assert result.error is not None and result.error.startswith("refused")
    assert 0 == internal.hits("/admin")


def test_localhost_name_is_refused_like_its_address() -> None:
    """A host name that resolves to loopback is refused after resolution."""
    with fetcher([]) as f:
        result = f.get("http://localhost:9/feed.xml")

    assert result.error is not None and result.error.startswith("refused")


def test_non_http_scheme_in_a_redirect_is_refused(feed_server: FeedServer) -> None:
    """A redirect to file:// is never followed."""
    url = feed_server.add("/go", redirect_to="file:///etc/passwd")
    with fetcher(["127.0.0.1"]) as f:
        result = f.get(url)

    assert result.error is not None and "refused" in result.error


def test_unusable_urls_give_an_error_value() -> None:
    """Links no request can be made of (bad IPv6, over-long labels, control characters) fail as values."""
    with fetcher([]) as f:
        results = [f.get(u) for u in ("http://[::1/x", "http://" + "a" * 300 + ".com/", "http://\x00bad/")]

    assert all(r.error is not None and r.error.startswith("invalid URL") for r in results)
