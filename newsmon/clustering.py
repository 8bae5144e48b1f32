"""Near-duplicates and stories in the warehouse (inside the ingest's write transaction) and over plain items.

Each new article, in arrival order, is matched against the seed corpus (whatever its age), every article
stored within the window, and the new articles before it. A near-duplicate becomes a copy of the first-seen
original (a seed original wins: matching the seed corpus is recorded as such) and takes its story; any other
article joins the story of the most related recent article or founds its own, whose id is its own id.
Sketches and story terms are stored, so a restart rebuilds the index and a re-run changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import duckdb
import numpy as np

from newsmon import neardup, stories
from newsmon.stories import StoryItem, StoryTerms


@dataclass(frozen=True)
class ClusterResult:
    """The outcome for one article: the original it copies (if any), its story, and the similarity."""

    id: str
    duplicate_of: str | None
    story_id: str
    similarity: float | None


@dataclass(frozen=True)
class _Doc:
    id: str
    signature: np.ndarray
    size: int
    terms: StoryTerms
    time: datetime | None
    is_seed: bool = False
    duplicate_of: str | None = None  # root original, when a copy
    story: str | None = None


def _doc(item_id: str, title: str, body: str, time: datetime | None, *, actors: Iterable[str] = (),
         regions: Iterable[str] = (), events: Iterable[tuple[str, int | None]] = (), is_seed: bool = False) -> _Doc:
    sk = neardup.sketch(title, body)
    terms = stories.story_terms(title, body, extra=actors, regions=regions, events=events)
    return _Doc(item_id, sk.signature, sk.size, terms, time, is_seed)


@lru_cache(maxsize=1)
def _taxonomy() -> Any:
    from newsmon.vocab import load_taxonomy

    return load_taxonomy()


def _item_doc(it: Mapping[str, Any], *, is_seed: bool = False) -> _Doc:
    """A plain item's doc, with the analysis's actors, regions and events (as the ingest flow stores them)."""
    from newsmon.escalation import analyze

    title, body = it.get("title") or "", it.get("text") or it.get("summary") or ""
    found = analyze(title, it.get("summary") or "", it.get("text") or "", taxonomy=_taxonomy())
    return _doc(str(it["id"]), title, body, _parse_time(it.get("published")), actors=found.actors,
                regions=found.regions, events=[(e.event, e.killed) for e in found.events], is_seed=is_seed)


class _State:
    """What matching needs of the articles already grouped: the docs in arrival order and both indexes."""

    def __init__(self, stored: Sequence[_Doc], *, story_window: timedelta = stories.WINDOW) -> None:
        self.pool: list[_Doc] = list(stored)
        self.by_id = {d.id: d for d in self.pool}
        self.index = neardup.NearDupIndex()
        if self.pool:
            self.index.add(np.stack([d.signature for d in self.pool]), [d.size for d in self.pool])
        self.story_index = stories.StoryIndex(window=story_window)
        for d in self.pool:
            if d.story:
                self.story_index.add(StoryItem(d.id, d.terms, d.time, d.story))

    def add(self, doc: _Doc) -> None:
        """Add a grouped doc (its story set) to the pool and both indexes."""
        self.pool.append(doc)
        self.by_id[doc.id] = doc
        if doc.size:
            self.index.add(doc.signature[None, :], [doc.size])
        else:  # an empty text matches nothing but keeps the item numbers aligned with the pool
            self.index.add(np.full((1, neardup.NUM_PERM), 0xFFFFFFFF, np.uint32), [0])
        self.story_index.add(StoryItem(doc.id, doc.terms, doc.time, doc.story))


def _assign(new: Sequence[_Doc], state: _State, *, exact: Mapping[str, str] | None = None) -> list[ClusterResult]:
    """Match ``new`` in order against the state (arrival order) and each other; the core of every entry point."""
    exact = exact or {}
    pool, by_id = state.pool, state.by_id
    results = []
    for doc in new:
        duplicate_of: str | None = None
        similarity: float | None = None
        if doc.id in exact and exact[doc.id] in by_id:
            original = by_id[exact[doc.id]]
            duplicate_of, story = original.duplicate_of or original.id, original.story or original.id
        else:
            matches = state.index.query(doc.signature[None, :], [doc.size]) if doc.size else []
            if matches:
                # a seed original wins, then the first to arrive; a copy of a copy points at the root
                best = min(matches, key=lambda m: (not pool[m.stored].is_seed, m.stored))
                original = pool[best.stored]
                duplicate_of, similarity = original.duplicate_of or original.id, round(best.similarity, 4)
                story = original.story or original.id
            else:
                found = state.story_index.best(StoryItem(doc.id, doc.terms, doc.time))
                story = found[0] if found else doc.id
        state.add(_Doc(doc.id, doc.signature, doc.size, doc.terms, doc.time, doc.is_seed, duplicate_of, story))
        results.append(ClusterResult(doc.id, duplicate_of, story, similarity))
    return results


def _parse_time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone().replace(tzinfo=None)
    if isinstance(value, str) and value.strip():
        from email.utils import parsedate_to_datetime

        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                parsed = parsedate_to_datetime(text)
            except (TypeError, ValueError):
                return None
        if parsed.tzinfo is not None:
            from datetime import UTC

            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        return parsed
    return None


def cluster_items(items: Sequence[Mapping[str, Any]], *,
                  against: Sequence[Mapping[str, Any]] | None = None) -> list[ClusterResult]:
    """Near-duplicates and stories of plain items (``id``, ``title``, ``text``/``summary``, ``published``)
    in arrival order, optionally against earlier items already grouped (``story``, ``duplicate_of``)."""
    stored = []
    for it in against or ():
        d = _item_doc(it, is_seed=bool(it.get("is_seed")))
        story = it.get("story") or it.get("story_id") or d.id
        stored.append(_Doc(d.id, d.signature, d.size, d.terms, d.time, d.is_seed, it.get("duplicate_of"), story))
    new = [_item_doc(it) for it in items]
    return _assign(new, _State(stored))


def _labels(con: duckdb.DuckDBPyConnection, table: str, column: str, ids: Sequence[str],
            order: str = "") -> dict[str, list[Any]]:
    """Actors, regions (the primary first) or events the analysis stored; empty when its table is absent."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
    ).fetchone()
    if not exists or not exists[0] or not ids:
        return {}
    out: dict[str, list[Any]] = {}
    rows = con.execute(f"SELECT article_id, {column} FROM {table} WHERE article_id IN (SELECT unnest(?))"
                       f"{' ORDER BY article_id, ' + order if order else ''}", [list(ids)]).fetchall()
    for aid, *label in rows:
        out.setdefault(aid, []).append(label[0] if len(label) == 1 else tuple(label))
    return out


def _stored_docs(con: duckdb.DuckDBPyConnection, since: datetime, exclude: Sequence[str]) -> list[_Doc]:
    rows = con.execute(
        """SELECT a.id, s.signature, s.size, s.terms, s.seen_at, a.is_seed, a.duplicate_of, a.story_id
           FROM article_sketches s JOIN articles a ON a.id = s.article_id
           WHERE (a.is_seed OR a.fetched >= ?) AND a.id NOT IN (SELECT unnest(?))
           ORDER BY a.fetched, a.id""",
        [since, list(exclude)],
    ).fetchall()
    return [
        _Doc(r[0], np.frombuffer(r[1], dtype="<u4").astype(np.uint32), r[2], StoryTerms.decode(r[3]), r[4],
             bool(r[5]), r[6], r[7])
        for r in rows
    ]


class IndexCache:
    """Built states kept between calls within a process, per warehouse file and window start.

    A state is reused only when the warehouse's sketches are exactly those it was left in step with (their
    count and an xor of their ids' hashes): a rolled-back transaction, another process's writes or a new
    window start all rebuild it from ``article_sketches``.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[datetime, tuple[int, int], _State]] = {}

    def get(self, path: str, since: datetime, stamp: tuple[int, int]) -> _State | None:
        """The state left for this file, window start and sketch stamp, if any."""
        entry = self._entries.get(path)
        return entry[2] if entry and entry[0] == since and entry[1] == stamp else None

    def put(self, path: str, since: datetime, stamp: tuple[int, int], state: _State) -> None:
        """Keep a state that is in step with the warehouse at this stamp."""
        self._entries[path] = (since, stamp, state)

    def drop(self, path: str) -> None:
        """Forget the state of a file (after a failure left it half updated)."""
        self._entries.pop(path, None)


# The ingest flow calls cluster_articles once per feed batch: rebuilding from the warehouse each time cost
# a full read of the window's sketches per batch, so the process keeps the last state (see IndexCache).
_PROCESS_CACHE = IndexCache()


def _database_path(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return str(row[0]) if row and row[0] else None


def _stamp(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    row = con.execute("SELECT count(*), coalesce(bit_xor(hash(article_id)), 0) FROM article_sketches").fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def cluster_articles(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], *, now: datetime,
                     window_days: int = 30, cache: IndexCache | None = None) -> list[ClusterResult]:
    """Find near-duplicates and stories of stored articles (in the given arrival order) and record them.

    Runs inside the caller's transaction. Articles already sketched keep what they have (a re-run assigns
    the same ids); rows whose ``duplicate_of`` is already set (exact copies) take their original's story.
    The built index is kept between calls (``cache``, the process's own by default) while it stays in step.
    """
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return []
    rows = con.execute(
        """SELECT a.id, a.title, a.text, a.summary, coalesce(a.published, a.fetched), a.is_seed,
                  a.duplicate_of, a.story_id, a.similarity, s.article_id IS NOT NULL
           FROM articles a LEFT JOIN article_sketches s ON s.article_id = a.id
           WHERE a.id IN (SELECT unnest(?))""",
        [ids],
    ).fetchall()
    by_id = {r[0]: r for r in rows}
    done = {i: ClusterResult(i, by_id[i][6], by_id[i][7], by_id[i][8])
            for i in ids if i in by_id and by_id[i][9] and by_id[i][7]}
    todo = [i for i in ids if i in by_id and i not in done]
    if not todo:
        return [done[i] for i in ids if i in done]
    actors = _labels(con, "article_actors", "actor", todo)
    regions = _labels(con, "article_regions", "region", todo, order="rank, region")
    events = _labels(con, "article_events", "event, killed", todo, order="seq")
    new = [_doc(i, by_id[i][1], by_id[i][2] or by_id[i][3], by_id[i][4], actors=actors.get(i, ()),
                regions=regions.get(i, ()), events=events.get(i, ()), is_seed=bool(by_id[i][5])) for i in todo]
    exact = {i: by_id[i][6] for i in todo if by_id[i][6]}
    cache = _PROCESS_CACHE if cache is None else cache
    path, since = _database_path(con), now - timedelta(days=window_days)
    state = cache.get(path, since, _stamp(con)) if path else None
    if state is not None and (not state.by_id.keys().isdisjoint(todo)
                              or any(o not in state.by_id for o in exact.values())):
        state = None
    keep = path is not None
    if state is None:
        stored = _stored_docs(con, since, todo)
        known = {d.id for d in stored}
        if any(o not in known for o in exact.values()):  # an exact copy of an article outside the window
            stored, keep = _stored_docs(con, datetime.min, todo), False
        state = _State(stored)
    try:
        results = {r.id: r for r in _assign(new, state, exact=exact)}
        _record(con, new, results, exact)
    except BaseException:
        if path:
            cache.drop(path)
        raise
    if keep and path:
        cache.put(path, since, _stamp(con), state)
    elif path:
        cache.drop(path)
    return [done.get(i) or results[i] for i in ids if i in done or i in results]


def _record(con: duckdb.DuckDBPyConnection, new: Sequence[_Doc], results: Mapping[str, ClusterResult],
            exact: Mapping[str, str]) -> None:
    """Store sketches, update the articles, and create or refresh the touched stories."""
    if not new:
        return
    con.executemany(
        "INSERT OR REPLACE INTO article_sketches VALUES (?, ?, ?, ?, ?)",
        [[d.id, d.signature.astype("<u4").tobytes(), d.size, d.terms.encode(), d.time or datetime.min]
         for d in new],
    )
    updates: list[list[str | float | None]] = []
    for d in new:
        r = results[d.id]
        if d.id in exact:
            updates.append([exact[d.id], "exact", None, r.story_id, d.id])
        elif r.duplicate_of:
            updates.append([r.duplicate_of, "near", r.similarity, r.story_id, d.id])
        else:
            updates.append([None, None, None, r.story_id, d.id])
    con.executemany(
        """UPDATE articles SET duplicate_of = ?, duplicate_kind = coalesce(duplicate_kind, ?),
               similarity = ?, story_id = ? WHERE id = ?""",
        updates,
    )
    touched = sorted({results[d.id].story_id for d in new})
    con.execute(
        """INSERT OR REPLACE INTO stories
           SELECT story_id, min(coalesce(published, fetched)), max(coalesce(published, fetched)),
                  arg_min(id, (NOT full_text, coalesce(published, fetched), -length(text), id))
           FROM articles WHERE story_id IN (SELECT unnest(?)) GROUP BY story_id""",
        [touched],
    )


def index_seed(con: duckdb.DuckDBPyConnection, seed_ids: Sequence[str], *, now: datetime) -> list[ClusterResult]:
    """Sketch the seed corpus just loaded (seeds are matched whatever their age)."""
    return cluster_articles(con, seed_ids, now=now)


def cluster_items_against(con: duckdb.DuckDBPyConnection, items: Sequence[Mapping[str, Any]], *,
                          now: datetime, window_days: int = 30) -> list[ClusterResult]:
    """``cluster_items`` against the seed corpus and the articles stored in the window (nothing written)."""
    stored = _stored_docs(con, now - timedelta(days=window_days), [])
    new = [_item_doc(it) for it in items]
    return _assign(new, _State(stored))
