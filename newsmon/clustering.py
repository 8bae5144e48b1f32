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
         is_seed: bool = False) -> _Doc:
    sk = neardup.sketch(title, body)
    terms = stories.story_terms(title, body, extra=actors)
    return _Doc(item_id, sk.signature, sk.size, terms, time, is_seed)


def _assign(new: Sequence[_Doc], stored: Sequence[_Doc], *, exact: Mapping[str, str] | None = None,
            story_window: timedelta = stories.WINDOW) -> list[ClusterResult]:
    """Match ``new`` in order against ``stored`` (arrival order) and each other; the core of both entry points."""
    exact = exact or {}
    pool: list[_Doc] = list(stored)
    index = neardup.NearDupIndex()
    if pool:
        index.add(np.stack([d.signature for d in pool]), [d.size for d in pool])
    story_index = stories.StoryIndex(window=story_window)
    for d in pool:
        if d.story:
            story_index.add(StoryItem(d.id, d.terms, d.time, d.story))
    by_id = {d.id: d for d in pool}
    results = []
    for doc in new:
        duplicate_of: str | None = None
        similarity: float | None = None
        if doc.id in exact and exact[doc.id] in by_id:
            original = by_id[exact[doc.id]]
            duplicate_of, story = original.duplicate_of or original.id, original.story or original.id
        else:
            matches = index.query(doc.signature[None, :], [doc.size]) if doc.size else []
            if matches:
                # a seed original wins, then the first to arrive; a copy of a copy points at the root
                best = min(matches, key=lambda m: (not pool[m.stored].is_seed, m.stored))
                original = pool[best.stored]
                duplicate_of, similarity = original.duplicate_of or original.id, round(best.similarity, 4)
                story = original.story or original.id
            else:
                found = story_index.best(StoryItem(doc.id, doc.terms, doc.time))
                story = found[0] if found else doc.id
        done = _Doc(doc.id, doc.signature, doc.size, doc.terms, doc.time, doc.is_seed, duplicate_of, story)
        pool.append(done)
        by_id[doc.id] = done
        if doc.size:
            index.add(doc.signature[None, :], [doc.size])
        else:
            index.add(np.full((1, neardup.NUM_PERM), 0xFFFFFFFF, np.uint32), [0])  # keeps numbers aligned
        story_index.add(StoryItem(doc.id, doc.terms, doc.time, story))
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
        d = _doc(str(it["id"]), it.get("title") or "", it.get("text") or it.get("summary") or "",
                 _parse_time(it.get("published")), is_seed=bool(it.get("is_seed")))
        story = it.get("story") or it.get("story_id") or d.id
        stored.append(_Doc(d.id, d.signature, d.size, d.terms, d.time, d.is_seed, it.get("duplicate_of"), story))
    new = [_doc(str(it["id"]), it.get("title") or "", it.get("text") or it.get("summary") or "",
                _parse_time(it.get("published"))) for it in items]
    return _assign(new, stored)


def _labels(con: duckdb.DuckDBPyConnection, table: str, column: str, ids: Sequence[str]) -> dict[str, list[str]]:
    """Actors (or regions) the analysis stored for these articles; empty when its table is absent."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
    ).fetchone()
    if not exists or not exists[0] or not ids:
        return {}
    out: dict[str, list[str]] = {}
    rows = con.execute(f"SELECT article_id, {column} FROM {table} WHERE article_id IN (SELECT unnest(?))",
                       [list(ids)]).fetchall()
    for aid, label in rows:
        out.setdefault(aid, []).append(label)
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


def cluster_articles(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], *, now: datetime,
                     window_days: int = 30) -> list[ClusterResult]:
    """Find near-duplicates and stories of stored articles (in the given arrival order) and record them.

    Runs inside the caller's transaction. Articles already sketched keep what they have (a re-run assigns
    the same ids); rows whose ``duplicate_of`` is already set (exact copies) take their original's story.
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
    actors = _labels(con, "article_actors", "actor", todo)
    new = [_doc(i, by_id[i][1], by_id[i][2] or by_id[i][3], by_id[i][4], actors=actors.get(i, ()),
                is_seed=bool(by_id[i][5])) for i in todo]
    exact = {i: by_id[i][6] for i in todo if by_id[i][6]}
    stored = _stored_docs(con, now - timedelta(days=window_days), todo)
    known = {d.id for d in stored}
    missing = [o for o in exact.values() if o not in known]
    if missing:  # an exact copy of an old article outside the window: its original still counts
        stored = _stored_docs(con, datetime.min, todo) if missing else stored
    results = {r.id: r for r in _assign(new, stored, exact=exact)}
    _record(con, [d for d in new], results, exact)
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
    updates = []
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
    new = [_doc(str(it["id"]), it.get("title") or "", it.get("text") or it.get("summary") or "",
                _parse_time(it.get("published"))) for it in items]
    return _assign(new, stored)
