"""The ingest flow: due feeds -> fetch and parse -> new entries -> pages -> analysis -> warehouse.

Tasks do the network and CPU work per feed and return values; the flow alone writes the warehouse,
one transaction per feed batch, so a run killed halfway keeps every batch it committed.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from newsmon.clustering import cluster_articles, index_seed
from newsmon.config import Settings, Sources, load_sources
from newsmon.escalation import analyze
from newsmon.fetch import Fetcher
from newsmon.health import feed_health
from newsmon.identity import canonical_url
from newsmon.ingest import (
    FeedFetch,
    IngestCounts,
    RobotsCache,
    due,
    fetch_feed,
    fetch_pages,
)
from newsmon.models import Analysis, Article, Entry, Feed, FeedState, FetchResult
from newsmon.netguard import AddressGuard
from newsmon.progress import report
from newsmon.store import (
    add_carriers,
    feed_states,
    finish_run,
    known_urls,
    record_feed,
    record_feeds,
    start_run,
    store_analyses,
    store_articles,
)
from newsmon.warehouse import Warehouse, load_seed_corpus, open_warehouse
from newsmon.workers import extract_and_analyze, init_worker, taxonomy

# What fetch_pages_task returns for one feed: its articles, their analyses, the pages requested.
_PageBatch = tuple[list[Article], dict[str, Analysis], int]

# Fetcher retries transient failures itself (with backoff and Retry-After, which Prefect's retries
# cannot honour), so the network tasks carry no Prefect retries of their own; no task is cached.


@task(name="fetch-feed", cache_policy=NO_CACHE)
def fetch_feed_task(fetcher: Fetcher, feed: Feed, state: FeedState | None, max_entries: int) -> FeedFetch:
    """Fetch and parse one feed."""
    return fetch_feed(fetcher, feed, state, max_entries=max_entries)


@task(name="fetch-pages", cache_policy=NO_CACHE)
def fetch_pages_task(
    fetcher: Fetcher, robots: RobotsCache | None, feed: Feed, entries: list[Entry],
    now: datetime, taxonomy_path: Path | None, pool: _LazyPool | None,
) -> _PageBatch:
    """Fetch one feed's new pages here, then extract and analyse them in the process pool."""
    pages, requested = fetch_pages(fetcher, robots, entries)
    executor = pool.get() if pool is not None else None
    if executor is None:
        articles, analyses = extract_and_analyze(feed, pages, now, taxonomy_path)
    else:
        articles, analyses = executor.submit(extract_and_analyze, feed, pages, now, taxonomy_path).result()
    return articles, analyses, requested


class _LazyPool:
    """A process pool for extraction and analysis, started on first use (a run with nothing new
    starts none) with fresh interpreters: forking a process that runs Prefect's threads is unsafe."""

    def __init__(self, workers: int, taxonomy_path: Path | None) -> None:
        self.workers = workers
        self.taxonomy_path = taxonomy_path
        self._executor: Executor | None = None
        self._lock = threading.Lock()

    def get(self) -> Executor:
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    self.workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=init_worker, initargs=(self.taxonomy_path,),
                )
            return self._executor

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)


def _pool(settings: Settings) -> _LazyPool | None:
    """A process pool when the flow's tasks run in threads here (not on Dask) and workers allow it."""
    context = FlowRunContext.get()
    local = context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)
    workers = settings.fetch.workers or os.cpu_count() or 1
    if not local or workers <= 1:
        return None
    return _LazyPool(workers, settings.taxonomy)


def prepare(warehouse: Warehouse, settings: Settings, *, now: datetime) -> None:
    """Load the seed corpus (idempotent) and index it for near-duplicate matching."""
    load_seed_corpus(warehouse, settings.seed_corpus)
    # seeds not analysed or sketched yet (just loaded, or loaded by a run killed right after)
    added = [r[0] for r in warehouse.con.execute(
        """SELECT id FROM articles WHERE is_seed AND (id NOT IN (SELECT article_id FROM article_sketches)
             OR id NOT IN (SELECT article_id FROM article_analysis)) ORDER BY id"""
    ).fetchall()]
    if added:
        tax = taxonomy(settings.taxonomy)
        with warehouse.transaction() as con:
            analyses = {
                aid: analyze(title, summary, text, taxonomy=tax)
                for aid, title, summary, text in con.execute(
                    "SELECT id, title, summary, text FROM articles WHERE id IN (SELECT unnest(?))", [added]
                ).fetchall()
            }
            store_analyses(con, analyses, now=now)
            index_seed(con, added, now=now)


@flow(name="newsmon-ingest", log_prints=False)
def ingest(sources_path: str = "sources.yaml") -> dict[str, Any]:
    """Fetch every due feed of ``sources_path`` and store what is new."""
    sources = load_sources(Path(sources_path))
    return ingest_sources(sources)


def ingest_sources(sources: Sources) -> dict[str, Any]:
    """The body of the ingest flow, for a validated Sources (callable from other flows)."""
    logger = get_run_logger()
    settings = sources.settings
    now = _utcnow()
    counts = IngestCounts()
    pool = _pool(settings)
    try:
        result = _ingest(sources, settings, now, counts, pool)
    finally:
        if pool is not None:
            pool.shutdown()
    logger.info(
        "ingest: %d feeds ok, %d failed, %d skipped; %d new articles, %d copies",
        counts.feeds_ok, counts.feeds_failed, counts.feeds_skipped, counts.articles_new,
        counts.articles_copies,
    )
    return result


def _ingest(sources: Sources, settings: Settings, now: datetime, counts: IngestCounts,
            pool: _LazyPool | None) -> dict[str, Any]:
    logger = get_run_logger()
    with open_warehouse(settings.warehouse, wait=30.0) as warehouse:
        prepare(warehouse, settings, now=now)
        with warehouse.transaction() as con:
            run_id = start_run(con, "ingest", now=now)
        states = feed_states(warehouse.con)
        guard = AddressGuard(settings.allow_private_hosts)
        with Fetcher(settings.fetch, user_agent=settings.user_agent, guard=guard) as fetcher:
            robots = RobotsCache(fetcher, settings.user_agent) if settings.fetch.respect_robots else None
            feed_futures: list[PrefectFuture[FeedFetch]] = []
            feed_of: dict[PrefectFuture[FeedFetch], Feed] = {}
            quiet: list[tuple[FeedFetch, int]] = []  # feeds with nothing new: recorded together
            for feed in sources.feeds:
                state = states.get(feed.name)
                if state is not None and state.url != feed.url:
                    state = None  # the user changed the URL: old validators and backoff no longer apply
                skip = due(state, now=now, interval_minutes=settings.fetch.interval_minutes)
                if skip:
                    quiet.append((FeedFetch(feed, FetchResult(feed.url, None), skipped=skip), 0))
                    counts.feeds_skipped += 1
                    continue
                future = fetch_feed_task.submit(fetcher, feed, state, settings.fetch.max_entries_per_feed)
                feed_futures.append(future)
                feed_of[future] = feed
            claimed: set[str] = set()
            also: list[tuple[str, str]] = []
            page_futures: list[PrefectFuture[_PageBatch]] = []
            pending: dict[PrefectFuture[_PageBatch], tuple[FeedFetch, int]] = {}
            budget = settings.fetch.max_pages_per_run
            for done, future in enumerate(as_completed(feed_futures), start=1):
                try:
                    fetched: FeedFetch = future.result()
                except Exception as exc:  # a bug met by one feed's bytes must not stop the others
                    feed = feed_of[future]
                    fetched = FeedFetch(feed, FetchResult(feed.url, None, error=f"{type(exc).__name__}: {exc}"))
                report("feeds", done, len(feed_futures))
                fresh = _new_entries(warehouse, fetched, claimed, also)
                entries = fresh[: max(budget, 0)]
                budget -= len(entries)
                if len(entries) < len(fresh):
                    # over the run's page budget: forget the validators, so the next run gets the whole
                    # feed again (not a 304) and the entries left out now are still new then
                    result = replace(fetched.result, etag=None, last_modified=None)
                    fetched = replace(fetched, result=result)
                if not entries:
                    quiet.append((fetched, 0))
                if fetched.outcome in ("ok", "not-modified"):
                    counts.feeds_ok += 1
                else:
                    counts.feeds_failed += 1
                    counts.failures.append((fetched.feed.name, fetched.error or fetched.outcome))
                    logger.debug("feed %s: %s", fetched.feed.name, fetched.error)
                if entries:
                    page_future = fetch_pages_task.submit(fetcher, robots, fetched.feed, entries, now,
                                                          settings.taxonomy, pool)
                    page_futures.append(page_future)
                    pending[page_future] = (fetched, len(entries))
            for done, page_future in enumerate(as_completed(page_futures), start=1):
                fetched, new = pending.pop(page_future)
                try:
                    articles, analyses, requested = page_future.result()
                    counts.pages_fetched += requested
                    with warehouse.transaction() as con:
                        # the feed's validators are stored with its articles, never before them: a run
                        # killed in between fetches the feed again instead of a 304 that loses its entries
                        _store(con, articles, analyses, counts, now=now, settings=settings)
                        record_feed(con, run_id, fetched, now=now,
                                    interval_minutes=settings.fetch.interval_minutes, new=new)
                except Exception as exc:  # one feed's batch must not stop the run: record it, go on
                    _batch_failed(warehouse, run_id, fetched, exc, counts, now=now, settings=settings)
                report("pages", done, len(page_futures))
        _record(warehouse, run_id, quiet, now=now, settings=settings)
        _carriers(warehouse, also)
        with warehouse.transaction() as con:
            finish_run(con, run_id, counts, now=_utcnow())
        # every feed that is failing, backing off, stale, moved or gone, so no feed drops out silently
        health = [(h.name, h.status, h.reason) for h in feed_health(warehouse.con, now=_utcnow())]
    return {"run_id": run_id, **asdict(counts), "health": health}


def _new_entries(
    warehouse: Warehouse, fetched: FeedFetch, claimed: set[str], also: list[tuple[str, str]]
) -> list[Entry]:
    """Entries whose canonical URL is neither stored nor taken by another feed in this run.

    A URL already stored, or taken by another feed in this run, is added to ``also`` as (feed, canonical
    URL): this feed is recorded as one of its carriers at the end of the run.
    """
    if fetched.parsed is None:
        return []
    by_url: dict[str, Entry] = {}
    for entry in fetched.parsed.entries:
        by_url.setdefault(canonical_url(entry.link), entry)
    stored = known_urls(warehouse.con, by_url)
    fresh = []
    for url, entry in by_url.items():
        if url in claimed:
            also.append((fetched.feed.name, url))
            continue
        if url in stored:
            continue
        claimed.add(url)
        fresh.append(entry)
    # the same article carried by this feed too: remembered (at the end of the run) without a fetch
    also.extend((fetched.feed.name, url) for url in stored)
    return fresh


def _batch_failed(warehouse: Warehouse, run_id: str, fetched: FeedFetch, exc: Exception,
                  counts: IngestCounts, *, now: datetime, settings: Settings) -> None:
    """Record a feed whose new articles could not be processed or stored (its validators untouched, so
    the next run fetches its entries again), and count it as failed."""
    error = f"processing its new entries failed: {type(exc).__name__}: {exc}"[:500]
    get_run_logger().error("feed %s: %s", fetched.feed.name, error)
    failed = FeedFetch(fetched.feed, FetchResult(fetched.feed.url, fetched.result.status, error=error))
    with warehouse.transaction() as con:
        record_feed(con, run_id, failed, now=now, interval_minutes=settings.fetch.interval_minutes, new=0)
    if fetched.outcome in ("ok", "not-modified"):
        counts.feeds_ok -= 1
        counts.feeds_failed += 1
    counts.failures.append((fetched.feed.name, error))


def _carriers(warehouse: Warehouse, pairs: list[tuple[str, str]]) -> None:
    """Record that each feed carried the stored article at each canonical URL (one statement)."""
    with warehouse.transaction() as con:
        add_carriers(con, pairs, now=_utcnow())


def _record(warehouse: Warehouse, run_id: str, fetches: list[tuple[FeedFetch, int]], *, now: datetime,
            settings: Settings) -> None:
    """Record feeds (with how many new entries each had) in one transaction."""
    with warehouse.transaction() as con:
        record_feeds(con, run_id, fetches, now=now, interval_minutes=settings.fetch.interval_minutes)


def _store(con: Any, articles: list[Article], analyses: dict[str, Analysis],
           counts: IngestCounts, *, now: datetime, settings: Settings) -> None:
    """One feed's batch, inside the caller's transaction: articles, analyses, near-duplicates, stories."""
    stored = store_articles(con, articles, now=now)
    by_id = {
        aid: analyses[url]
        for aid, url in con.execute(
            "SELECT id, canonical_url FROM articles WHERE id IN (SELECT unnest(?))", [stored.new]
        ).fetchall()
    }
    store_analyses(con, by_id, now=now)
    results = cluster_articles(con, stored.new, now=now, window_days=settings.neardup_window_days)
    near = sum(1 for r in results if r.duplicate_of is not None and r.id in stored.originals)
    counts.articles_new += len(stored.originals) - near
    counts.articles_copies += len(stored.copies) + near
    counts.articles_seen += len(stored.seen)


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
