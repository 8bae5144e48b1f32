"""Serve the sample feeds and pages of ``newsmon/demo`` on loopback; write a sources.yaml for them.

Feed and page files hold two kinds of placeholder, substituted when the server starts:
``{base}`` becomes the server's own ``http://127.0.0.1:PORT``, and ``{date:-3h}`` a time relative
to the server's start (units ``m``, ``h``, ``d``), written as RFC 822 in RSS feeds and RFC 3339
elsewhere; ``{when:-3h}`` is the same time for people ("4 March 2025, 09:15 UTC"). Bodies are
rendered once, so ETags and Last-Modified stay stable for the server's life and revalidation
answers 304.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import yaml

from newsmon.errors import ConfigError

DEMO_DIR = Path(__file__).resolve().parent
SOURCES_MARKER = "# Written by `newsmon demo`"


@dataclass(frozen=True)
class DemoOutlet:
    """One fictional outlet of the demo and how its feed behaves."""

    name: str
    slug: str
    tags: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    language: str = "en"
    broken: bool = False  # its feed answers 500, so feed health has a failure to show

    @property
    def feed_path(self) -> str:
        """The path of its feed on the demo server."""
        return f"/feeds/{self.slug}.xml"


OUTLETS: tuple[DemoOutlet, ...] = (
    DemoOutlet("Levant Ledger", "levant-ledger", ("middle-east",), ("LB",)),
    DemoOutlet("Red Sea Courier", "red-sea-courier", ("middle-east", "shipping"), ("YE",)),
    DemoOutlet("Gulf Meridian", "gulf-meridian", ("middle-east",), ("IR",)),
    DemoOutlet("Northgate Chronicle", "northgate-chronicle", ("world",)),
    DemoOutlet("Eastbank Observer", "eastbank-observer", ("middle-east",), ("IQ",), broken=True),
)

ROBOTS_TXT = "User-agent: *\nDisallow: /private/\nAllow: /\n"

_PLACEHOLDER = re.compile(r"\{(base|date|when)(?::([+-]?\d+)([mhd]))?\}")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}


@dataclass(frozen=True)
class Resource:
    """One rendered file the demo server answers."""

    body: bytes
    content_type: str
    etag: str
    status: int = 200


def render(text: str, *, base_url: str, now: datetime, rfc822: bool = False) -> str:
    """Substitute ``{base}``, ``{date:±Nu}`` and ``{when:±Nu}`` in ``text``."""

    def substitute(match: re.Match[str]) -> str:
        kind, amount, unit = match.groups()
        if kind == "base":
            return base_url
        moment = now
        if amount is not None:
            moment = now + timedelta(**{_UNITS[unit]: int(amount)})
        if kind == "when":
            return f"{moment.day} {moment:%B %Y, %H:%M} UTC"
        if rfc822:
            return format_datetime(moment)
        return moment.isoformat(timespec="seconds")

    return _PLACEHOLDER.sub(substitute, text)


def load_site(base_url: str, now: datetime) -> dict[str, Resource]:
    """Render every feed and page of the demo, keyed by the path it is served at."""
    site: dict[str, Resource] = {}
    for file in sorted((DEMO_DIR / "feeds").glob("*.xml")):
        text = file.read_text(encoding="utf-8")
        atom = "http://www.w3.org/2005/Atom" in text[:600] and "<feed" in text[:600]
        kind = "application/atom+xml" if atom else "application/rss+xml"
        body = render(text, base_url=base_url, now=now, rfc822=not atom)
        site[f"/feeds/{file.name}"] = _resource(body, kind + "; charset=utf-8")
    for file in sorted((DEMO_DIR / "pages").rglob("*.html")):
        body = render(file.read_text(encoding="utf-8"), base_url=base_url, now=now)
        path = "/" + file.relative_to(DEMO_DIR / "pages").as_posix()
        site[path] = _resource(body, "text/html; charset=utf-8")
    for outlet in OUTLETS:
        if outlet.broken:
            page = _error_page(500, "Internal Server Error")
            site[outlet.feed_path] = Resource(page.body, page.content_type, page.etag, 500)
    site["/robots.txt"] = _resource(ROBOTS_TXT, "text/plain; charset=utf-8")
    site["/"] = _resource(_index(site), "text/html; charset=utf-8")
    return site


class DemoServer:
    """The demo site on a loopback port, served from a daemon thread until ``stop()``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, now: datetime | None = None) -> None:
        self.now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        self.last_modified = format_datetime(self.now, usegmt=True)
        self._httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self._httpd.daemon_threads = True
        bound_host, bound_port = self._httpd.server_address[:2]
        self.base_url = f"http://{bound_host!s}:{bound_port}"
        self.site = load_site(self.base_url, self.now)
        self.feed_urls = tuple(self.base_url + outlet.feed_path for outlet in OUTLETS)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        self._thread.start()

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base_url + path

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    def __enter__(self) -> DemoServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_demo_server(
    *, host: str = "127.0.0.1", port: int = 0, now: datetime | None = None
) -> DemoServer:
    """Start serving the demo feeds and pages; port 0 picks a free port."""
    return DemoServer(host, port, now)


def write_demo_sources(base_url: str, folder: Path) -> Path:
    """Write ``folder/sources.yaml`` listing the demo feeds at ``base_url``; returns its path.

    A sources.yaml that an earlier demo wrote is replaced; any other one is left alone and a
    ConfigError says so.
    """
    folder = Path(folder)
    path = folder / "sources.yaml"
    if path.exists() and not path.read_text(encoding="utf-8").startswith(SOURCES_MARKER):
        raise ConfigError(
            f"{path}: exists and was not written by newsmon demo; choose another folder"
        )
    host = urlsplit(base_url).hostname or "127.0.0.1"
    data: dict[str, Any] = {
        "settings": {
            "timezone": "Europe/Berlin",
            "warehouse": "warehouse/newsmon.duckdb",
            "digests": "digests",
            "allow_private_hosts": [host],
            "contact_url": "https://example.org/newsmon",
        },
        "feeds": [_feed_entry(outlet, base_url) for outlet in OUTLETS],
    }
    header = (
        f"{SOURCES_MARKER}: sample feeds served on loopback by the demo server.\n"
        "# The outlets and their articles are fictional sample data, not real reporting.\n"
    )
    folder.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None)
    path.write_text(header + body, encoding="utf-8")
    return path


def _feed_entry(outlet: DemoOutlet, base_url: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": outlet.name,
        "url": base_url.rstrip("/") + outlet.feed_path,
        "language": outlet.language,
    }
    if outlet.tags:
        entry["tags"] = list(outlet.tags)
    if outlet.regions:
        entry["regions"] = list(outlet.regions)
    return entry


def _resource(text: str, content_type: str) -> Resource:
    body = text.encode("utf-8")
    return Resource(body, content_type, '"' + hashlib.sha1(body).hexdigest()[:20] + '"')


def _error_page(status: int, reason: str) -> Resource:
    page = (
        f"<!doctype html><html><head><title>{status} {reason}</title></head>"
        f"<body><h1>{status} {reason}</h1><p>The demo server answers this on purpose.</p>"
        "</body></html>\n"
    )
    return _resource(page, "text/html; charset=utf-8")


def _index(site: dict[str, Resource]) -> str:
    links = "\n".join(
        f'<li><a href="{html.escape(path)}">{html.escape(path)}</a></li>' for path in sorted(site)
    )
    return (
        "<!doctype html><html><head><title>newsmon demo site</title></head><body>"
        "<h1>newsmon demo site</h1><p>Sample data written for newsmon: fictional outlets and "
        f"articles, not real reporting.</p><ul>\n{links}\n</ul></body></html>\n"
    )


def _not_modified(resource: Resource, last_modified: str, headers: Any) -> bool:
    # RFC 9110 13.2.2: If-None-Match wins over If-Modified-Since when both are sent
    sent_tags = headers.get("If-None-Match")
    if sent_tags is not None:
        tags = {tag.strip().removeprefix("W/") for tag in sent_tags.split(",")}
        return "*" in tags or resource.etag in tags
    since = headers.get("If-Modified-Since")
    if since is not None:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def _accepts_gzip(headers: Any) -> bool:
    accepted = headers.get("Accept-Encoding") or ""
    return any(part.split(";")[0].strip().lower() == "gzip" for part in accepted.split(","))


def _handler_for(server: DemoServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "newsmon-demo/1"
        disable_nagle_algorithm = True  # headers and body go out without a 40 ms delayed-ACK stall

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._serve(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve(send_body=False)

        def _serve(self, *, send_body: bool) -> None:
            path = urlsplit(self.path).path
            resource = server.site.get(path) or _error_page(404, "Not Found")
            status = resource.status if path in server.site else 404
            headers = {"Content-Type": resource.content_type}
            body = resource.body
            if status == 200:
                headers["ETag"] = resource.etag
                headers["Last-Modified"] = server.last_modified
                headers["Cache-Control"] = "max-age=300"
                headers["Vary"] = "Accept-Encoding"
                if _not_modified(resource, server.last_modified, self.headers):
                    status, body = 304, b""
                    del headers["Content-Type"]
                elif _accepts_gzip(self.headers):
                    body = gzip.compress(body, mtime=0)
                    headers["Content-Encoding"] = "gzip"
                    # like nginx: the compressed variant carries the weak form of the tag
                    headers["ETag"] = "W/" + resource.etag
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body and body:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client went away; nothing left to answer

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # the pipeline's own report says what was fetched

    return Handler
