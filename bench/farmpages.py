"""The feed farm's content: a bigram word model, article pages in several outlet templates, and feeds.

Everything is a function of the configuration and its seed; ``bench.farm`` serves what this module writes.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import multiprocessing as mp
import random
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

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
    model = word_model()
    for feed, item in pairs:
        path = Path(folder) / f"{feed}-{item}.html.gz"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(gzip.compress(page_html(cfg, model, feed, item, base), 6))
            tmp.rename(path)
    return len(pairs)


_MODEL: WordModel | None = None


def word_model() -> WordModel:
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
