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
import hashlib
import html
import json
import multiprocessing as mp
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

import httpx

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "data" / "extraction-benchmark" / "ground-truth.json"
SEED_CORPUS = SHARED / "seed-corpus"
EPOCH = datetime(2025, 6, 1, 6, 0, tzinfo=UTC)
FALLBACK = (
    "Israeli strikes killed 20 people in southern Lebanon on Tuesday, the health ministry said. "
    "Hezbollah fired rockets at northern Israel in response. Iran's foreign minister warned that "
    "the United States would be hit hard if it attacked. Talks in Geneva were expected to resume "
    "next week, officials said, while aid deliveries to Gaza remained stalled. The city council "
    "approved the budget after a long debate about schools, roads and the new library. "
)
OUTLETS = ("meridian", "ledger", "courier", "chronicle", "dispatch", "herald", "gazette", "observer")


@dataclass(frozen=True)
class FarmConfig:
    """What the farm serves; the same config and seed always serve the same bytes."""

    feeds: int = 200
    items: int = 50
    hosts: int = 20
    seed: int = 8
    latency: float = 0.05
    syndicated: float = 0.1  # share of entries that are copies of another outlet's article

    @property
    def key(self) -> str:
        parts = asdict(self)
        parts.pop("latency")
        return hashlib.sha1(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]


# ---------------------------------------------------------------- the word model and the pages

class WordModel:
    """A bigram model of English news prose; seeded draws give sentences, titles and comments."""

    def __init__(self, texts: list[str]) -> None:
        nxt: dict[str, list[str]] = {}
        starts: list[str] = []
        for text in texts:
            for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
                words = sentence.split()
                if len(words) < 6:
                    continue
                starts.append(words[0])
                for a, b in zip(words, words[1:] + ["<end>"]):
                    nxt.setdefault(a, []).append(b)
        self.next = nxt
        self.starts = starts

    @classmethod
    def load(cls) -> WordModel:
        """Built from the shared gold texts and seed corpus, or from a fixed paragraph when absent."""
        texts: list[str] = []
        if GOLD.is_file():
            texts += [v.get("articleBody") or "" for v in json.loads(GOLD.read_text("utf-8")).values()]
        if SEED_CORPUS.is_dir():
            texts += [p.read_text("utf-8") for p in sorted(SEED_CORPUS.glob("*.txt"))] * 20
        return cls([t for t in texts if t.strip()] or [FALLBACK * 3])

    def sentence(self, rng: random.Random, *, limit: int = 40) -> str:
        words = [rng.choice(self.starts)]
        while len(words) < limit:
            following = self.next.get(words[-1])
            if not following:
                break
            word = rng.choice(following)
            if word == "<end>":
                break
            words.append(word)
        text = " ".join(words)
        return text if text[-1:] in ".!?\"”" else text + "."

    def words(self, rng: random.Random, count: int) -> list[str]:
        """Paragraphs of whole sentences totalling about ``count`` words."""
        paragraphs, current, total = [], [], 0
        while total < count:
            s = self.sentence(rng)
            current.append(s)
            total += len(s.split())
            if len(current) >= rng.randint(2, 5):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        return paragraphs

    def title(self, rng: random.Random) -> str:
        return " ".join(self.sentence(rng, limit=12).rstrip(".").split()[:12])


@dataclass(frozen=True)
class Story:
    """An article's words: the same Story under two outlets' templates is a syndicated copy."""

    title: str
    summary: str
    paragraphs: tuple[str, ...]
    author: str


def story(model: WordModel, seed: int, feed: int, item: int) -> Story:
    """The story of (feed, item), a pure function of the seed."""
    rng = random.Random(f"{seed}:story:{feed}:{item}")
    paragraphs = model.words(rng, rng.randint(600, 1200))
    first, last = rng.choice(["Amal", "Dan", "Leila", "Omar", "Ruth", "Sami", "Yael"]), rng.choice(
        ["Haddad", "Cohen", "Farahani", "Nasser", "Levi", "Karimi", "Aziz"])
    return Story(model.title(rng), model.sentence(rng), tuple(paragraphs), f"{first} {last}")


def origin(cfg: FarmConfig, feed: int, item: int) -> tuple[int, int]:
    """The (feed, item) whose story this entry carries: itself, or the original it syndicates."""
    rng = random.Random(f"{cfg.seed}:syn:{feed}:{item}")
    if cfg.feeds > 1 and rng.random() < cfg.syndicated:
        other = (feed + 1 + rng.randrange(cfg.feeds - 1)) % cfg.feeds
        return other, item
    return feed, item


def _links(rng: random.Random, model: WordModel, base: str, count: int) -> str:
    return "\n".join(
        f'<li><a href="{base}/story/{rng.randrange(10**6)}.html">{html.escape(model.title(rng))}</a></li>'
        for _ in range(count)
    )


def _comments(rng: random.Random, model: WordModel, count: int) -> str:
    out = []
    for i in range(count):
        words = " ".join(model.sentence(rng) for _ in range(rng.randint(1, 4)))
        out.append(
            f'<li class="comment" id="c{i}"><div class="comment-meta"><span class="user">reader{rng.randrange(9999)}'
            f'</span> <time>{rng.randint(1, 59)} minutes ago</time></div><p>{html.escape(words)}</p>'
            f'<div class="comment-actions"><button>Reply</button> <button>Like ({rng.randrange(300)})</button>'
            f'<button>Report</button></div></li>'
        )
    return "\n".join(out)


def _ad(rng: random.Random, slot: str) -> str:
    return (f'<div class="ad ad-{slot}" data-ad-unit="/{rng.randrange(10**8)}/news/{slot}" '
            f'data-sizes="[[300,250],[728,90]]"><span class="ad-label">Advertisement</span>'
            f'<iframe src="about:blank" title="ad" width="300" height="250"></iframe></div>')


def page_html(cfg: FarmConfig, model: WordModel, feed: int, item: int, base: str) -> bytes:
    """The article page of (feed, item): the story in the outlet's template, padded to 50-150 KB."""
    rng = random.Random(f"{cfg.seed}:page:{feed}:{item}")
    st = story(model, cfg.seed, *origin(cfg, feed, item))
    outlet = OUTLETS[feed % len(OUTLETS)]
    template = feed % 4
    target = rng.randint(50_000, 150_000)
    published = published_at(cfg, feed, item)
    body = "\n".join(
        (f"<p>{html.escape(p)}</p>" if i % 4 else f"<p>{html.escape(p)}</p>\n{_ad(rng, f'inline{i}')}")
        for i, p in enumerate(st.paragraphs)
    )
    nav = _links(rng, model, base, 40)
    most_read = _links(rng, model, base, 12)
    related = _links(rng, model, base, 8)
    footer = _links(rng, model, base, 30)
    comments = _comments(rng, model, rng.randint(10, 40))
    head = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(st.title)} | '
            f'{outlet.title()}</title><meta name="author" content="{st.author}">'
            f'<meta property="article:published_time" content="{published.isoformat()}">'
            f'<meta name="description" content="{html.escape(st.summary)}">'
            f'<style>{_css(rng, outlet)}</style></head>')
    article_head = (f'<h1>{html.escape(st.title)}</h1><p class="standfirst">{html.escape(st.summary)}</p>'
                    f'<div class="byline">By {st.author} <time datetime="{published.isoformat()}">'
                    f'{published:%d %B %Y %H:%M}</time></div>')
    share = ('<ul class="share"><li><a href="#">Facebook</a></li><li><a href="#">X</a></li>'
             '<li><a href="#">WhatsApp</a></li><li><a href="#">Email</a></li></ul>')
    if template == 0:
        core = (f'<header class="site"><nav><ul>{nav}</ul></nav>{_ad(rng, "top")}</header><main><article>'
                f'{article_head}{share}<div class="article-body">{body}</div></article>'
                f'<aside><h2>Most read</h2><ol>{most_read}</ol>{_ad(rng, "side")}</aside>'
                f'<section class="comments"><h2>Comments</h2><ul>{comments}</ul></section></main>'
                f'<footer><ul>{footer}</ul></footer>')
    elif template == 1:
        core = (f'<div id="wrapper"><div id="top"><div class="menu">{nav}</div></div>{_ad(rng, "lb")}'
                f'<div id="content"><div class="col-main"><div class="story">{article_head}'
                f'<div class="story-text" itemprop="articleBody">{body}</div>{share}</div>'
                f'<div class="related"><h3>Related</h3><ul>{related}</ul></div>'
                f'<div id="disqus_thread"><ol class="comment-list">{comments}</ol></div></div>'
                f'<div class="col-side"><ul>{most_read}</ul></div></div><div id="foot">{footer}</div></div>')
    elif template == 2:
        core = (f'<div class="page"><div class="masthead"><ul class="sections">{nav}</ul></div><div class="grid">'
                f'<section class="main">{article_head}<section class="content">{body}</section>'
                f'<section class="reader-comments"><ul>{comments}</ul></section></section>'
                f'<section class="rail">{_ad(rng, "rail")}<ol>{most_read}</ol><ul>{related}</ul></section></div>'
                f'<div class="site-footer"><ul>{footer}</ul></div></div>')
    else:
        core = (f'<body><nav class="primary"><ul>{nav}</ul></nav><div role="main"><div class="post">'
                f'{article_head}<div class="entry-content">{body}</div><div class="tags">{related}</div></div>'
                f'<div class="widget-area">{_ad(rng, "w1")}<ul>{most_read}</ul></div>'
                f'<div class="comments-area"><ol class="commentlist">{comments}</ol></div></div>'
                f'<div class="footer-widgets"><ul>{footer}</ul></div></body>')
    page = head + "<body>" + core
    pad = max(0, target - len(page.encode()) - 40)
    blob = json.dumps({"ads": [rng.randrange(10**9) for _ in range(pad // 11 + 1)]})[:pad]
    return (page + f'<script type="application/json">{blob}</script></body></html>').encode()


def _css(rng: random.Random, outlet: str) -> str:
    return " ".join(f".{outlet}-c{i}{{margin:{rng.randint(0, 40)}px;color:#{rng.randrange(16**6):06x}}}"
                    for i in range(120))


def published_at(cfg: FarmConfig, feed: int, item: int) -> datetime:
    """Entries are a few minutes apart, newest item index last."""
    return EPOCH + timedelta(minutes=item * 7 + feed % 7)


def feed_xml(cfg: FarmConfig, model: WordModel, feed: int, newest: int, bases: list[str]) -> bytes:
    """RSS 2.0 of feed ``feed`` showing items ``newest-items+1 .. newest`` (newest first)."""
    base = bases[feed % len(bases)]
    out = [(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Farm feed {feed}</title>'
            f'<link>{base}/</link><description>Feed {feed} of the newsmon bench farm</description>')]
    for item in range(newest, max(-1, newest - cfg.items), -1):
        st = story(model, cfg.seed, *origin(cfg, feed, item))
        link = f"{base}/{OUTLETS[feed % len(OUTLETS)]}/{feed}/{item}.html"
        out.append(f"<item><title>{html.escape(st.title)}</title><link>{link}</link><guid>{link}</guid>"
                   f"<pubDate>{format_datetime(published_at(cfg, feed, item))}</pubDate>"
                   f"<description>{html.escape(st.summary)}</description></item>")
    out.append("</channel></rss>")
    return "".join(out).encode()


def _generate(args: tuple[FarmConfig, str, list[tuple[int, int]], str]) -> int:
    cfg, folder, pairs, base = args
    model = _model()
    for feed, item in pairs:
        path = Path(folder) / f"{feed}-{item}.html.gz"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(gzip.compress(page_html(cfg, model, feed, item, base), 6))
            tmp.rename(path)
    return len(pairs)


_MODEL: WordModel | None = None


def _model() -> WordModel:
    global _MODEL
    if _MODEL is None:
        _MODEL = WordModel.load()
    return _MODEL


def ensure_pages(cfg: FarmConfig, folder: Path, pairs: list[tuple[int, int]], *, workers: int = 2) -> Path:
    """Generate the pages of ``pairs`` into ``folder`` (once; they are deterministic)."""
    folder.mkdir(parents=True, exist_ok=True)
    missing = [p for p in pairs if not (folder / f"{p[0]}-{p[1]}.html.gz").exists()]
    if missing and workers <= 1:
        _generate((cfg, str(folder), missing, "https://farm.invalid"))
    elif missing:
        chunks = [(cfg, str(folder), missing[i::workers * 4], "https://farm.invalid") for i in range(workers * 4)]
        with mp.get_context("spawn").Pool(workers) as pool:
            pool.map(_generate, chunks)
    return folder


# ---------------------------------------------------------------- serving

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
        self.model = _model()

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
