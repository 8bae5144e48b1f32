"""The network half of ingest: which feeds are due, fetching and parsing a feed, fetching article pages.

Each function handles one feed and returns values; nothing here writes to the warehouse (the flow does,
in batches) and nothing raises for a bad feed or page: the failure is part of the returned value.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from protego import Protego

from newsmon.errors import ExtractError
from newsmon.extract import extract
from newsmon.feeds import parse_feed
from newsmon.fetch import Fetcher
from newsmon.identity import article_id, canonical_url, fingerprint, normalise_text
from newsmon.models import Article, Entry, Feed, FeedState, FetchResult, ParsedFeed

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_MIN_FINGERPRINT_WORDS = 25  # shorter texts are not distinctive enough to call two articles one


@dataclass(frozen=True)
class FeedFetch:
    """One feed's fetch: the HTTP result and, when there was a body, the parsed feed."""

    feed: Feed
    result: FetchResult
    parsed: ParsedFeed | None = None
    skipped: str | None = None  # why the feed was not fetched this run (not due, Retry-After, gone)

    @property
    def outcome(self) -> str:
        if self.skipped:
            return "skipped"
        if self.result.not_modified:
            return "not-modified"
        if self.result.status == 410:
            return "gone"
        if self.result.error and self.result.error.startswith("refused"):
            return "refused"
        if self.result.error or self.parsed is None or (self.parsed.error and not self.parsed.entries):
            return "failed"
        return "ok"

    @property
    def error(self) -> str | None:
        if self.result.error:
            return self.result.error
        if self.parsed is not None and self.parsed.error:
            return self.parsed.error
        return None


def due(state: FeedState | None, *, now: datetime, interval_minutes: int) -> str | None:
    """Why a feed must not be fetched now, or None when it is due."""
    if state is None:
        return None
    if state.gone:
        return "gone (HTTP 410); remove it from sources.yaml or fix its URL"
    if state.next_due is not None and now < state.next_due:
        return f"not due until {state.next_due:%Y-%m-%d %H:%M} UTC"
    if state.last_fetched is not None and now - state.last_fetched < timedelta(minutes=interval_minutes):
        return f"fetched less than {interval_minutes} minutes ago"
    return None


def next_due(
    result: FetchResult, *, now: datetime, interval_minutes: int, failures: int
) -> datetime:
    """When a feed may be fetched again: its interval, Retry-After, or exponential backoff with jitter."""
    interval = timedelta(minutes=interval_minutes)
    if result.retry_after is not None:
        return now + max(interval, timedelta(seconds=result.retry_after))
    if failures > 0:
        backoff = interval * min(2 ** (failures - 1), 48)  # at most a day at the default interval
        return now + backoff * (1 + random.random() * 0.25)
    return now + interval


def fetch_feed(fetcher: Fetcher, feed: Feed, state: FeedState | None, *, max_entries: int) -> FeedFetch:
    """Fetch one feed conditionally (validators sent back verbatim) and parse what came back."""
    result = fetcher.get(
        feed.url,
        etag=state.etag if state else None,
        last_modified=state.last_modified if state else None,
        accept=FEED_ACCEPT,
    )
    if not result.ok:
        return FeedFetch(feed=feed, result=result)
    parsed = parse_feed(
        feed.name,
        result.content,
        base_url=result.final_url or feed.url,
        content_type=result.headers.get("content-type"),
        max_entries=max_entries,
    )
    return FeedFetch(feed=feed, result=result, parsed=parsed)


class RobotsCache:
    """robots.txt per host, fetched once per run and parsed by protego (thread-safe)."""

    def __init__(self, fetcher: Fetcher, user_agent: str) -> None:
        self.fetcher = fetcher
        self.agent = user_agent.split("/")[0]
        self._rules: dict[str, Protego | None] = {}
        self._lock = threading.Lock()

    def __reduce__(self) -> tuple[object, ...]:
        # rebuilt empty in another process (a Dask worker): locks do not travel
        return (RobotsCache, (self.fetcher, self.fetcher.client.headers["User-Agent"]))

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            known = origin in self._rules
            rules = self._rules.get(origin)
        if not known:
            result = self.fetcher.get(f"{origin}/robots.txt", accept="text/plain")
            rules = None
            if result.ok:
                try:
                    rules = Protego.parse(result.content.decode("utf-8", errors="replace"))
                except Exception:  # a broken robots.txt allows everything, as crawlers treat it
                    rules = None
            with self._lock:
                self._rules[origin] = rules
        return rules is None or bool(rules.can_fetch(url, self.agent))


@dataclass(frozen=True)
class Page:
    """An entry's article page as fetched: its bytes, or why there are none."""

    entry: Entry
    content: bytes | None
    url: str
    error: str | None = None


def fetch_pages(
    fetcher: Fetcher, robots: RobotsCache | None, entries: list[Entry]
) -> tuple[list[Page], int]:
    """Fetch each entry's page (robots.txt permitting); return the pages and how many were requested."""
    pages = []
    requested = 0
    for entry in entries:
        if robots is not None and not robots.allowed(entry.link):
            pages.append(Page(entry, None, entry.link, "disallowed by robots.txt"))
            continue
        requested += 1
        result = fetcher.get(entry.link, accept=PAGE_ACCEPT)
        if result.ok:
            pages.append(Page(entry, result.content, result.final_url or entry.link))
        else:
            pages.append(Page(entry, None, entry.link, f"page: {result.error}"))
    return pages, requested


def build_articles(feed: Feed, pages: list[Page], *, now: datetime) -> list[Article]:
    """Extract each page's text (the CPU work of ingest); a page without text falls back to the summary."""
    articles = []
    for page in pages:
        extracted = None
        error = page.error
        if page.content is not None:
            try:
                extracted = extract(page.content, url=page.url)
            except ExtractError as exc:
                error = f"extract: {exc}"
        articles.append(build_article(feed, page.entry, extracted, error, now=now))
    return articles


def fetch_articles(
    fetcher: Fetcher,
    robots: RobotsCache | None,
    feed: Feed,
    entries: list[Entry],
    *,
    now: datetime,
) -> tuple[list[Article], int]:
    """Fetch and extract each entry's page; fall back to the feed summary when that fails.

    Returns the articles and how many pages were requested.
    """
    pages, requested = fetch_pages(fetcher, robots, entries)
    return build_articles(feed, pages, now=now), requested


def build_article(feed: Feed, entry: Entry, extracted, error: str | None, *, now: datetime) -> Article:  # type: ignore[no-untyped-def]
    """An Article from a feed entry and, when there is one, its extracted page."""
    canonical = canonical_url(entry.link)
    full = extracted is not None and bool(extracted.text.strip())
    text = extracted.text if full else (entry.summary or entry.title)
    title = entry.title or (extracted.title if extracted else None) or entry.link
    return Article(
        url=entry.link,
        canonical_url=canonical,
        feed=feed.name,
        outlet=feed.name,
        title=title,
        text=text,
        summary=entry.summary,
        # a feed summary is often shared by several items of a feed: only with its title is it an identity
        fingerprint=content_fingerprint(text if full else f"{title}\n{text}", canonical),
        fetched=now,
        published=entry.published,
        author=entry.author or (extracted.author if extracted else None),
        language=(extracted.language if extracted and extracted.language else feed.language),
        full_text=full,
        extract_error=error,
    )


def content_fingerprint(text: str, canonical: str) -> str:
    """The text's fingerprint; for texts too short to be distinctive, one tied to the URL."""
    if len(normalise_text(text).split()) < _MIN_FINGERPRINT_WORDS:
        return "url:" + article_id(canonical)
    return fingerprint(text)


@dataclass
class IngestCounts:
    """What one ingest run did, for the summary line and the runs table."""

    feeds_ok: int = 0
    feeds_failed: int = 0
    feeds_skipped: int = 0
    articles_new: int = 0
    articles_copies: int = 0
    articles_seen: int = 0
    pages_fetched: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
