"""Reads and writes of the warehouse's tables: feed state, articles (with exact deduplication), runs.

Every function takes the open DuckDB connection; callers wrap a batch in ``Warehouse.transaction()``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

from newsmon.identity import article_id
from newsmon.ingest import FeedFetch, IngestCounts, next_due
from newsmon.models import Analysis, Article, FeedState

Con = duckdb.DuckDBPyConnection


def feed_states(con: Con) -> dict[str, FeedState]:
    """Every feed's remembered state, by name."""
    rows = con.execute(
        """SELECT name, url, etag, last_modified, last_status, last_error, consecutive_failures,
                  last_fetched, last_ok, next_due, gone, permanent_redirect FROM feeds"""
    ).fetchall()
    return {
        r[0]: FeedState(
            name=r[0], url=r[1], etag=r[2], last_modified=r[3], last_status=r[4], last_error=r[5],
            consecutive_failures=r[6], last_fetched=r[7], last_ok=r[8], next_due=r[9], gone=r[10],
            permanent_redirect=r[11],
        )
        for r in rows
    }


def record_feed(
    con: Con, run_id: str, fetch: FeedFetch, *, now: datetime, interval_minutes: int, new: int
) -> None:
    """Remember a feed's fetch: validators verbatim, status, error, failures, when it is due next."""
    record_feeds(con, run_id, [(fetch, new)], now=now, interval_minutes=interval_minutes)


def record_feeds(
    con: Con, run_id: str, fetches: Sequence[tuple[FeedFetch, int]], *, now: datetime, interval_minutes: int
) -> None:
    """Remember many feeds' fetches (each with its count of new entries) in four statements, not four per feed.

    The same as ``record_feed`` for each in turn; a feed named twice is recorded twice, in order.
    """
    names = [fetch.feed.name for fetch, _ in fetches]
    if len(set(names)) < len(names):  # the later fetch of a feed must see the earlier one's failures
        for one in fetches:
            record_feeds(con, run_id, [one], now=now, interval_minutes=interval_minutes)
        return
    if not fetches:
        return
    _insert(con, "feeds (name, url)", [(f.feed.name, f.feed.url) for f, _ in fetches],
            conflict="ON CONFLICT (name) DO UPDATE SET url = excluded.url")
    fetched = [(f, new) for f, new in fetches if f.outcome != "skipped"]
    failures = dict(con.execute(
        "SELECT name, consecutive_failures FROM feeds WHERE name IN (SELECT unnest(?))",
        [[f.feed.name for f, _ in fetched]],
    ).fetchall()) if fetched else {}
    updates = []
    for fetch, new in fetched:
        result, outcome = fetch.result, fetch.outcome
        failed = outcome in ("failed", "gone", "refused")
        count = failures.get(fetch.feed.name, 0) + 1 if failed else 0
        due_at = next_due(result, now=now, interval_minutes=interval_minutes, failures=count)
        items = len(fetch.parsed.entries) if fetch.parsed else None
        updates.append((
            fetch.feed.name, result.ok, result.etag, result.last_modified, result.status, fetch.error, count,
            not failed, new, due_at, outcome == "gone", result.permanent_redirect, result.elapsed, items,
        ))
    if updates:
        columns = [list(col) for col in zip(*updates, strict=True)]
        con.execute(
            """UPDATE feeds SET
                 etag = CASE WHEN v.ok THEN v.etag ELSE feeds.etag END,
                 last_modified = CASE WHEN v.ok THEN v.last_modified ELSE feeds.last_modified END,
                 last_status = v.status, last_error = v.error, consecutive_failures = v.failures,
                 last_fetched = ?,
                 last_ok = CASE WHEN v.not_failed THEN ? ELSE feeds.last_ok END,
                 last_new_item = CASE WHEN v.new > 0 THEN ? ELSE feeds.last_new_item END,
                 next_due = v.due, gone = v.gone, permanent_redirect = COALESCE(v.redirect, feeds.permanent_redirect),
                 last_elapsed = v.elapsed, last_items = COALESCE(v.items, feeds.last_items)
               FROM (SELECT unnest(?) AS name, unnest(?) AS ok, unnest(?::VARCHAR[]) AS etag,
                            unnest(?::VARCHAR[]) AS last_modified, unnest(?::INTEGER[]) AS status,
                            unnest(?::VARCHAR[]) AS error, unnest(?) AS failures, unnest(?) AS not_failed,
                            unnest(?) AS new, unnest(?::TIMESTAMP[]) AS due, unnest(?) AS gone,
                            unnest(?::VARCHAR[]) AS redirect, unnest(?::DOUBLE[]) AS elapsed,
                            unnest(?::INTEGER[]) AS items) v
               WHERE feeds.name = v.name""",
            [now, now, now, *columns],
        )
    _insert(con, "feed_events", [
        (run_id, f.feed.name, now, f.result.status, f.outcome, f.skipped or f.error,
         len(f.parsed.entries) if f.parsed else None, new, f.result.elapsed)
        for f, new in fetches
    ], conflict="ON CONFLICT DO NOTHING")


def add_carriers(con: Con, pairs: Sequence[tuple[str, str]], *, now: datetime) -> None:
    """Record in one statement that each feed carried the stored article at each canonical URL (feed, URL)."""
    if not pairs:
        return
    feeds, urls = (list(col) for col in zip(*dict.fromkeys(pairs), strict=True))
    con.execute(
        """INSERT INTO article_feeds
           SELECT DISTINCT a.id, c.feed, ? FROM (SELECT unnest(?) AS feed, unnest(?) AS url) c
           JOIN articles a ON a.canonical_url = c.url
           ON CONFLICT DO NOTHING""",
        [now, feeds, urls],
    )


def known_urls(con: Con, canonicals: Iterable[str]) -> set[str]:
    """Which of these canonical URLs the warehouse already holds."""
    wanted = list(set(canonicals))
    if not wanted:
        return set()
    rows = con.execute(
        "SELECT canonical_url FROM articles WHERE canonical_url IN (SELECT unnest(?))", [wanted]
    ).fetchall()
    return {r[0] for r in rows}


@dataclass
class Stored:
    """What storing a batch did: ids of new originals, ids of copies, URLs already stored."""

    originals: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)

    @property
    def new(self) -> list[str]:
        return self.originals + self.copies


def store_articles(con: Con, articles: Sequence[Article], *, now: datetime) -> Stored:
    """Insert articles; a stored URL is not stored again, a stored text is stored as a copy.

    The same canonical URL from a second feed adds a row to ``article_feeds`` only. An article whose
    fingerprint matches a stored one (a seed article included) or an earlier one of the same batch is stored
    with ``duplicate_of`` the first-seen original and ``duplicate_kind = 'exact'``. One query looks up the
    batch's ids and one its fingerprints: a few statements per article cost more than the batch's insert.
    """
    out = Stored()
    if not articles:
        return out
    ids = [article_id(art.canonical_url) for art in articles]
    known = {r[0] for r in con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
    # per fingerprint the first-seen row, as (fetched, id, its original): the order the lookup used to sort by
    first: dict[str, tuple[datetime, str, str]] = {}
    for fp, fetched, aid, original in con.execute(
        """SELECT fingerprint, fetched, id, COALESCE(duplicate_of, id) FROM articles
           WHERE fingerprint IN (SELECT unnest(?))""",
        [sorted({art.fingerprint for art in articles})],
    ).fetchall():
        if fp not in first or (fetched, aid) < first[fp][:2]:
            first[fp] = (fetched, aid, original)
    carriers: dict[tuple[str, str], None] = {}
    rows: list[tuple[object, ...]] = []
    for aid, art in zip(ids, articles, strict=True):
        carriers[(aid, art.feed)] = None
        if aid in known:
            out.seen.append(aid)
            continue
        known.add(aid)
        match = first.get(art.fingerprint)
        original = match[2] if match else None
        fetched = _naive(art.fetched)
        if match is None or (fetched, aid) < match[:2]:
            first[art.fingerprint] = (fetched, aid, original or aid)
        rows.append((
            aid, art.canonical_url, art.url, art.feed, art.outlet, art.title, art.text, art.summary,
            art.fingerprint, art.published, art.fetched, art.language, art.author, art.full_text,
            art.extract_error, False, original, "exact" if original else None, 1.0 if original else None,
        ))
        (out.copies if original else out.originals).append(aid)
    _insert(con, "article_feeds", [(aid, feed, now) for aid, feed in carriers], conflict="ON CONFLICT DO NOTHING")
    _insert(con, """articles (id, canonical_url, url, feed, outlet, title, text, summary, fingerprint, published,
                    fetched, language, author, full_text, extract_error, is_seed, duplicate_of, duplicate_kind,
                    similarity)""", rows)
    return out


def _naive(when: datetime) -> datetime:
    """``when`` as naive UTC, as the warehouse stores it (an aware time is converted)."""
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def store_analyses(con: Con, analyses: dict[str, Analysis], *, now: datetime) -> None:
    """Store each article's analysis (replacing an earlier one): level, regions, actors, events.

    One statement per table for the whole batch: row-by-row inserts cost more than the analysis itself.
    """
    if not analyses:
        return
    ids = list(analyses)
    for table in ("article_events", "article_actors", "article_regions", "article_analysis"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
    _insert(con, "article_analysis", [
        (aid, a.level, a.deescalation, a.score, now) for aid, a in analyses.items()
    ])
    _insert(con, "article_regions", [
        (aid, region, rank) for aid, a in analyses.items() for rank, region in enumerate(dict.fromkeys(a.regions))
    ])
    _insert(con, "article_actors", [
        (aid, actor, rank) for aid, a in analyses.items() for rank, actor in enumerate(dict.fromkeys(a.actors))
    ])
    _insert(con, "article_events", [
        (aid, seq, ev.event, ev.sentence, ev.mode, ev.source, ev.target, _count(ev.killed), _count(ev.wounded))
        for aid, a in analyses.items() for seq, ev in enumerate(a.events)
    ])


_MAX_COUNT = 10_000_000  # casualty figures above this are misreadings (or hostile text), not figures


def _count(value: int | None) -> int | None:
    """A casualty count as stored: None when absent or implausible (it would also overflow INTEGER)."""
    return value if value is not None and 0 <= value <= _MAX_COUNT else None


def _insert(con: Con, table: str, rows: list[tuple[object, ...]], *, conflict: str = "") -> None:
    """Insert ``rows`` into ``table`` in one statement (columns passed as lists and unnested together)."""
    if not rows:
        return
    columns = [list(col) for col in zip(*rows, strict=True)]
    unnests = ", ".join("unnest(?)" for _ in columns)
    con.execute(f"INSERT INTO {table} SELECT {unnests} {conflict}", columns)


def start_run(con: Con, kind: str, *, now: datetime) -> str:
    """Record the start of a run; return its id."""
    run_id = f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    con.execute("INSERT INTO runs (id, kind, started) VALUES (?, ?, ?)", [run_id, kind, now])
    return run_id


def finish_run(
    con: Con, run_id: str, counts: IngestCounts | None, *, now: datetime,
    digest_path: str | None = None, error: str | None = None,
) -> None:
    """Record the end of a run and what it did."""
    c = counts or IngestCounts()
    con.execute(
        """UPDATE runs SET finished = ?, feeds_ok = ?, feeds_failed = ?, feeds_skipped = ?,
               articles_new = ?, articles_copies = ?, pages_fetched = ?, digest_path = ?, error = ?
           WHERE id = ?""",
        [now, c.feeds_ok, c.feeds_failed, c.feeds_skipped, c.articles_new, c.articles_copies,
         c.pages_fetched, digest_path, error, run_id],
    )
