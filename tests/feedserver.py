"""A real HTTP server on 127.0.0.1 for tests: routes registered at run time, every request logged.

It honours ETag / Last-Modified with 304, gzips when asked, delays, fails on demand and
redirects, so fetch code is tested against sockets rather than mocks. Independent of newsmon on
purpose: the thing that checks the fetcher must not share its bugs.

    with FeedServer() as server:
        url = server.add("/feed.xml", RSS, content_type="application/rss+xml", etag='"v1"')
        ...
        assert server.requests_for("/feed.xml")[-1].headers["If-None-Match"] == '"v1"'
"""

from __future__ import annotations

import gzip as gzip_module
import hashlib
import mimetypes
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit


class Headers(Mapping[str, str]):
    """Request headers as sent, looked up without regard to case."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self._items = list(items)
        self._folded = {name.lower(): value for name, value in self._items}

    def __getitem__(self, name: str) -> str:
        return self._folded[name.lower()]

    def __iter__(self) -> Iterator[str]:
        return iter(name for name, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._folded

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


@dataclass(frozen=True)
class Request:
    """One request the server received, answered or not."""

    method: str
    path: str  # as requested, with the query string
    headers: Headers
    status: int  # what the server answered
    at: float  # time.monotonic() when it arrived


@dataclass
class Route:
    """What one path answers; mutable only through FeedServer.add."""

    body: bytes
    content_type: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    delay: float = 0.0
    fail_times: int = 0
    fail_status: int = 503
    retry_after: str | None = None
    redirect_to: str | None = None
    served: int = 0  # requests this route has seen, failures included


class FeedServer:
    """A threaded HTTP server on 127.0.0.1 whose answers tests register with ``add``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._lock = threading.Lock()
        self._routes: dict[str, Route] = {}
        self._requests: list[Request] = []
        self._httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None
        bound_host, bound_port = self._httpd.server_address[:2]
        self.base_url = f"http://{bound_host!s}:{bound_port}"

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> FeedServer:
        """Serve in a daemon thread; returns self."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- routes ----------------------------------------------------------------------------

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base_url + _with_slash(path)

    def add(
        self,
        path: str,
        body: str | bytes = b"",
        *,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | datetime | None = None,
        gzip: bool = False,
        delay: float = 0.0,
        fail_times: int = 0,
        fail_status: int = 503,
        retry_after: str | int | None = None,
        redirect_to: str | None = None,
    ) -> str:
        """Register (or replace) what ``path`` answers; returns its absolute URL.

        ``fail_times`` answers ``fail_status`` to the first N requests; ``retry_after`` is sent
        with every 429/5xx answer; ``redirect_to`` (a path or URL) answers ``status`` if it is a
        3xx, else 302; ``gzip`` compresses when the request accepts gzip; ``delay`` sleeps
        before answering. Re-adding a path resets its counters.
        """
        if redirect_to is not None and not 300 <= status < 400:
            status = 302
        if isinstance(last_modified, datetime):
            last_modified = format_datetime(last_modified.astimezone(UTC), usegmt=True)
        route = Route(
            body=body.encode("utf-8") if isinstance(body, str) else body,
            content_type=content_type,
            status=status,
            headers=dict(headers or {}),
            etag=etag,
            last_modified=last_modified,
            gzip=gzip,
            delay=delay,
            fail_times=fail_times,
            fail_status=fail_status,
            retry_after=None if retry_after is None else str(retry_after),
            redirect_to=redirect_to,
        )
        path = _with_slash(path)
        with self._lock:
            self._routes[path] = route
        return self.url(path)

    def add_directory(self, folder: Path, *, prefix: str = "/", gzip: bool = True) -> list[str]:
        """Serve every file under ``folder`` like a static web server (ETag, Last-Modified)."""
        urls = []
        for file in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            body = file.read_bytes()
            modified = datetime.fromtimestamp(int(file.stat().st_mtime), tz=UTC)
            path = prefix.rstrip("/") + "/" + file.relative_to(folder).as_posix()
            urls.append(
                self.add(
                    path,
                    body,
                    content_type=_guess_type(file),
                    etag='"' + hashlib.sha1(body).hexdigest()[:16] + '"',
                    last_modified=modified,
                    gzip=gzip,
                )
            )
        return urls

    def remove(self, path: str) -> None:
        """Forget ``path``; it answers 404 from now on."""
        with self._lock:
            self._routes.pop(_with_slash(path), None)

    # -- the request log -------------------------------------------------------------------

    @property
    def requests(self) -> list[Request]:
        """Every request so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def requests_for(self, path: str) -> list[Request]:
        """The requests of one path (query string included in the comparison)."""
        path = _with_slash(path)
        return [r for r in self.requests if r.path == path]

    def hits(self, path: str) -> int:
        """How many times ``path`` was requested."""
        return len(self.requests_for(path))

    def clear_log(self) -> None:
        """Forget the requests recorded so far (routes stay)."""
        with self._lock:
            self._requests.clear()

    # -- answering (called from handler threads) --------------------------------------------

    def _answer(
        self, method: str, path: str, headers: Headers
    ) -> tuple[int, dict[str, str], bytes, float]:
        with self._lock:
            route = self._routes.get(path) or self._routes.get(urlsplit(path).path)
            attempt = 0
            if route is not None:
                route.served += 1
                attempt = route.served
        delay = 0.0
        if route is None:
            status, out, body = 404, {"Content-Type": "text/plain; charset=utf-8"}, b"not found\n"
        else:
            status, out, body = self._respond(route, attempt, headers)
            delay = route.delay
        if status != 304:
            out.setdefault("Content-Length", str(len(body)))
        if method == "HEAD":
            body = b""
        return status, out, body, delay

    def _respond(
        self, route: Route, attempt: int, headers: Headers
    ) -> tuple[int, dict[str, str], bytes]:
        out = dict(route.headers)
        if attempt <= route.fail_times:
            status, body = route.fail_status, f"failure {attempt} of {route.fail_times}\n".encode()
            out["Content-Type"] = "text/plain; charset=utf-8"
            if route.retry_after is not None:
                out["Retry-After"] = route.retry_after
            return status, out, body
        status, body = route.status, route.body
        if route.redirect_to is not None:
            target = route.redirect_to
            out["Location"] = target if "://" in target else self.url(target)
        if route.retry_after is not None and (status == 429 or status >= 500):
            out["Retry-After"] = route.retry_after
        if route.etag is not None:
            out["ETag"] = route.etag
        if route.last_modified is not None:
            out["Last-Modified"] = route.last_modified
        out.setdefault("Content-Type", route.content_type)
        if status == 200 and _not_modified(route, headers):
            for name in ("Content-Type", "Content-Length"):
                out.pop(name, None)
            return 304, out, b""
        if route.gzip:
            out["Vary"] = "Accept-Encoding"
            if _accepts_gzip(headers):
                body = gzip_module.compress(body, mtime=0)
                out["Content-Encoding"] = "gzip"
        return status, out, body

    def _record(self, request: Request) -> None:
        with self._lock:
            self._requests.append(request)


def serve_directory(folder: Path, *, prefix: str = "/") -> FeedServer:
    """A started FeedServer answering every file under ``folder``; use it in ``with``."""
    server = FeedServer()
    server.add_directory(folder, prefix=prefix)
    return server.start()


def _handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "newsmon-test-feedserver/1"
        disable_nagle_algorithm = True  # headers and body go out without a 40 ms delayed-ACK stall

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._serve("GET")

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve("HEAD")

        def _serve(self, method: str) -> None:
            arrived = time.monotonic()
            headers = Headers(list(self.headers.items()))
            status, out, body, delay = server._answer(method, self.path, headers)
            server._record(Request(method, self.path, headers, status, arrived))
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                for name, value in out.items():
                    self.send_header(name, value)
                self.end_headers()
                if body:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test); nothing to answer

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # keep pytest's output clean; the request log is the record

    return Handler


def _with_slash(path: str) -> str:
    return path if path.startswith("/") else "/" + path


def _accepts_gzip(headers: Headers) -> bool:
    accepted = headers.get("Accept-Encoding", "")
    return any(part.split(";")[0].strip().lower() == "gzip" for part in accepted.split(","))


def _not_modified(route: Route, headers: Headers) -> bool:
    # RFC 9110 13.2.2: If-None-Match wins over If-Modified-Since when both are sent
    if "If-None-Match" in headers:
        if route.etag is None:
            return False
        sent = [tag.strip() for tag in headers["If-None-Match"].split(",")]
        return "*" in sent or _weak(route.etag) in {_weak(tag) for tag in sent}
    if "If-Modified-Since" in headers and route.last_modified is not None:
        try:
            since = parsedate_to_datetime(headers["If-Modified-Since"])
            modified = parsedate_to_datetime(route.last_modified)
        except (TypeError, ValueError):
            return False
        return modified <= since
    return False


def _weak(tag: str) -> str:
    return tag[2:] if tag.startswith("W/") else tag


def _guess_type(file: Path) -> str:
    known = {
        ".xml": "application/xml",
        ".rss": "application/rss+xml",
        ".atom": "application/atom+xml",
    }
    kind = known.get(file.suffix.lower()) or mimetypes.guess_type(file.name)[0]
    kind = kind or "application/octet-stream"
    return kind + "; charset=utf-8" if kind.startswith("text/") or kind.endswith("xml") else kind
