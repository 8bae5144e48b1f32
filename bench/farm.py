"""The feed farm: many RSS feeds and their article pages served on loopback, deterministic from a seed.

A child process serves ``feeds`` feeds of ``items`` entries spread over ``hosts`` loopback addresses
(127.0.0.2, 127.0.0.3, ...: one per outlet, so per-host politeness limits apply as on the web). Pages are
50-150 KB of HTML in several outlet templates (navigation, inline scripts, ads, "most read", comments)
around a 600-1,200 word body drawn from a bigram word model, built from the gold ``articleBody`` texts of
``../shared/data/extraction-benchmark`` and the seed corpus when present (a fixed paragraph otherwise). A
share of the entries are syndicated copies of another outlet's article. Feeds and pages carry ETag and
Last-Modified and answer 304; bodies are gzipped when the client asks; every request waits ``latency``
seconds first. Pages are generated once into a cache folder (keyed by the configuration) before serving.

    with Farm(FarmConfig(feeds=20, items=10), cache=tmp) as farm:
        farm.feed_urls()         # the feed URLs
        farm.advance(0.05)       # 5% new entries, spread over the feeds
        farm.stats()             # request counters: feed 200 / 304, page 200 / 304
"""

from __future__ import annotations

import gzip
import json
import multiprocessing as mp
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

import httpx

from bench.farmpages import (  # noqa: F401  (the farm's public names stay importable from here)
    FALLBACK,
    FarmConfig,
    WordModel,
    ensure_pages,
    feed_xml,
    origin,
    page_html,
    published_at,
    word_model,
)


class _State:
    """The farm's mutable state: how many new entries each feed has gained, and request counters."""

    def __init__(self, cfg: FarmConfig, cache: Path, bases: list[str]) -> None:
        self.cfg = cfg
        self.cache = cache
        self.bases = bases
        self.extra = [0] * cfg.feeds
        self.advances = 0
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.feed_cache: dict[tuple[int, int], tuple[bytes, bytes]] = {}
        self.model = word_model()

    def newest(self, feed: int) -> int:
        return self.cfg.items - 1 + self.extra[feed]

    def advance(self, share: float) -> int:
        """Add round(share x feeds x items) new entries, spread over the feeds from a seeded start."""
        total = round(share * self.cfg.feeds * self.cfg.items)
        rng = random.Random(f"{self.cfg.seed}:advance:{self.advances}")
        start = rng.randrange(self.cfg.feeds)
        new = []
        for k in range(total):
            feed = (start + k) % self.cfg.feeds
            with self.lock:
                self.extra[feed] += 1
                new.append((feed, self.newest(feed)))
        self.advances += 1
        ensure_pages(self.cfg, self.cache, new, workers=1)
        self.warm()
        return total

    def warm(self) -> None:
        """Build every feed's current XML now, so no timed request pays for generating it."""
        for feed in range(self.cfg.feeds):
            self.feed(feed)

    def feed(self, feed: int) -> tuple[bytes, bytes]:
        key = (feed, self.newest(feed))
        with self.lock:
            hit = self.feed_cache.get(key)
        if hit is None:
            raw = feed_xml(self.cfg, self.model, feed, key[1], self.bases)
            hit = (raw, gzip.compress(raw, 6))
            with self.lock:
                self.feed_cache[key] = hit
        return hit


def _handler(state: _State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path.startswith("/_farm/"):
                return self._control(parts.path, parse_qs(parts.query))
            time.sleep(state.cfg.latency)
            m = re.fullmatch(r"/feeds/(\d+)\.xml", parts.path)
            if m and int(m.group(1)) < state.cfg.feeds:
                feed = int(m.group(1))
                raw, packed = state.feed(feed)
                version = state.newest(feed)
                return self._send("feed", raw, packed, "application/rss+xml; charset=utf-8",
                                  f'"f{feed}-{version}"', published_at(state.cfg, feed, version))
            m = re.fullmatch(r"/[a-z]+/(\d+)/(\d+)\.html", parts.path)
            if m:
                feed, item = int(m.group(1)), int(m.group(2))
                path = state.cache / f"{feed}-{item}.html.gz"
                if feed < state.cfg.feeds and item <= state.newest(feed) and path.exists():
                    packed = path.read_bytes()
                    return self._send("page", None, packed, "text/html; charset=utf-8",
                                      f'"p{feed}-{item}"', published_at(state.cfg, feed, item))
            if parts.path == "/robots.txt":
                return self._send("robots", b"User-agent: *\nAllow: /\n", None, "text/plain", None, None)
            self._count("404")
            self._reply(404, b"not found", "text/plain", {})

        def _send(self, kind: str, raw: bytes | None, packed: bytes | None, ctype: str,
                  etag: str | None, modified: datetime | None) -> None:
            headers = {}
            if etag:
                headers["ETag"] = etag
            if modified:
                headers["Last-Modified"] = format_datetime(modified, usegmt=True)
            if etag and self.headers.get("If-None-Match") == etag or modified and _not_modified_since(
                    self.headers.get("If-Modified-Since"), modified) and not self.headers.get("If-None-Match"):
                self._count(f"{kind} 304")
                return self._reply(304, b"", None, headers)
            self._count(f"{kind} 200")
            if packed is not None and "gzip" in (self.headers.get("Accept-Encoding") or ""):
                headers["Content-Encoding"] = "gzip"
                return self._reply(200, packed, ctype, headers)
            return self._reply(200, raw if raw is not None else gzip.decompress(packed or b""), ctype, headers)

        def _reply(self, status: int, body: bytes, ctype: str | None, headers: dict[str, str]) -> None:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def _count(self, what: str) -> None:
            with state.lock:
                state.counts[what] += 1

        def _control(self, path: str, query: dict[str, list[str]]) -> None:
            if path == "/_farm/advance":
                result: object = state.advance(float(query.get("share", ["0.05"])[0]))
            elif path == "/_farm/stats":
                with state.lock:
                    result = dict(state.counts)
            elif path == "/_farm/reset-stats":
                with state.lock:
                    state.counts.clear()
                result = "ok"
            else:
                result = "unknown"
            self._reply(200, json.dumps(result).encode(), "application/json", {})

    return Handler


def _not_modified_since(header: str | None, modified: datetime) -> bool:
    if not header:
        return False
    try:
        return modified <= parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False


def _serve(cfg: FarmConfig, cache: str, ready: Any) -> None:
    servers = []
    for h in range(cfg.hosts):
        server = ThreadingHTTPServer((f"127.0.0.{h + 2}", 0), BaseHTTPRequestHandler)
        server.daemon_threads = True
        servers.append(server)
    bases = [f"http://127.0.0.{h + 2}:{s.server_address[1]}" for h, s in enumerate(servers)]
    state = _State(cfg, Path(cache), bases)
    state.warm()
    for s in servers:
        s.RequestHandlerClass = _handler(state)
        threading.Thread(target=s.serve_forever, daemon=True).start()
    ready.send(bases)
    threading.Event().wait()


class Farm:
    """The farm as a context manager: starts the serving process, knows its URLs, stops it."""

    def __init__(self, cfg: FarmConfig, *, cache: Path) -> None:
        self.cfg = cfg
        self.cache = cache / f"farm-{cfg.key}"
        self.bases: list[str] = []
        self._process: Any = None

    def __enter__(self) -> Self:
        ensure_pages(self.cfg, self.cache, self.pairs())
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(self.cfg, str(self.cache), child), daemon=True)
        self._process.start()
        self.bases = parent.recv()
        self.client = httpx.Client(timeout=600, trust_env=False)
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self._process.terminate()
        self._process.join()

    def pairs(self) -> list[tuple[int, int]]:
        return [(f, i) for f in range(self.cfg.feeds) for i in range(self.cfg.items)]

    @property
    def hosts(self) -> list[str]:
        """The loopback addresses, for ``allow_private_hosts``."""
        return [urlsplit(b).hostname or "" for b in self.bases]

    def feed_urls(self) -> list[str]:
        return [f"{self.bases[f % len(self.bases)]}/feeds/{f}.xml" for f in range(self.cfg.feeds)]

    def page_files(self) -> Iterator[Path]:
        """The cached (gzipped) pages of the initial entries: what the extraction floor reads."""
        return (self.cache / f"{f}-{i}.html.gz" for f, i in self.pairs())

    def _call(self, what: str, **params: object) -> Any:
        return self.client.get(f"{self.bases[0]}/_farm/{what}", params=params).json()  # type: ignore[arg-type]

    def advance(self, share: float) -> int:
        return int(self._call("advance", share=share))

    def stats(self) -> dict[str, int]:
        return dict(self._call("stats"))

    def reset_stats(self) -> None:
        self._call("reset-stats")
