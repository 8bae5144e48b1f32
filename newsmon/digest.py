"""Selecting a day's coverage from the warehouse: stories, regions, trends and feed health.

The digest day runs midnight to midnight in the configured time zone; an article belongs to the day it was
first fetched. Seed-corpus articles never appear and a copy of a seed article is not a story (it is counted
as a seed-corpus match); other copies fold into their original. Everything here reads the warehouse only, so
the same warehouse and day give the same ``DigestData`` (rendering lives in ``newsmon.render``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import duckdb

from newsmon.health import FeedHealth, day_feed_health
from newsmon.markup import link_url

LEVEL_WORDS = {3: "material escalation", 2: "threats and posturing", 1: "conflict coverage", 0: "other"}
DEESCALATION_EVENTS = ("AGREE", "RETREAT", "CONSULT", "COOPERATE", "AID", "YIELD", "CONCEDE")
BASELINE_DAYS = 7


@dataclass(frozen=True)
class Report:
    """One outlet's report of a story: an original or a copy folded into it."""

    outlet: str
    title: str
    url: str | None  # the canonical http(s) URL, else the feed's http(s) link, else None (no link)
    copy: bool


@dataclass(frozen=True)
class Why:
    """One piece of evidence: the event type, its mode, the sentence and casualty figures where stated."""

    event: str
    mode: str | None
    sentence: str
    killed: int | None
    wounded: int | None


@dataclass(frozen=True)
class StoryView:
    """A story as the digest shows it."""

    story_id: str
    title: str
    url: str | None
    excerpt: str
    level: int
    score: float
    deescalation: bool
    region: str | None
    regions: tuple[str, ...]
    actors: tuple[str, ...]
    first_seen: datetime  # local time
    continuing: bool
    reports: tuple[Report, ...]
    copies: tuple[Report, ...]
    why: tuple[Why, ...] = ()

    @property
    def level_words(self) -> str:
        if self.deescalation:
            # a ceasefire announced after a strike is both: the escalation comes first
            return f"{LEVEL_WORDS[self.level]}, then de-escalation" if self.level >= 2 else "de-escalation"
        return LEVEL_WORDS.get(self.level, "other")

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.outlet for r in self.reports + self.copies))


@dataclass(frozen=True)
class RegionTrend:
    """A region's escalation today against its 7-day baseline (index: the sum of its stories' levels)."""

    region: str
    stories: int
    mean_level: float | None
    base_stories: float
    base_level: float | None
    index: int
    base_index: float
    arrow: str  # 'rising', 'easing', 'steady' or 'no baseline'

    @property
    def delta(self) -> float:
        return self.index - self.base_index


@dataclass(frozen=True)
class RunTimes:
    """An ingest run of the day: local start and end, feeds and new articles."""

    started: str
    finished: str
    feeds_ok: int
    feeds_failed: int
    articles_new: int


@dataclass
class DigestData:
    """Everything a digest template needs for one day."""

    day: date
    timezone: str
    min_level: int = 1
    sections: list[tuple[str, list[StoryView]]] = field(default_factory=list)
    other: list[StoryView] = field(default_factory=list)
    deescalation: list[StoryView] = field(default_factory=list)
    trends: list[RegionTrend] = field(default_factory=list)
    has_baseline: bool = False
    feed_health: list[FeedHealth] = field(default_factory=list)
    copies: int = 0
    seed_matches: int = 0
    articles: int = 0
    outlets: int = 0
    runs: list[RunTimes] = field(default_factory=list)

    @property
    def stories(self) -> int:
        return sum(len(s) for _, s in self.sections) + len(self.other)

    @property
    def story_ids(self) -> list[str]:
        shown = [s for _, ss in self.sections for s in ss] + self.other + self.deescalation
        return sorted({s.story_id for s in shown})

    @property
    def rising(self) -> list[RegionTrend]:
        """Regions whose escalation rose against their baseline, most first."""
        return sorted((t for t in self.trends if t.arrow == "rising"), key=lambda t: (-t.delta, t.region))


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC start and end of ``day`` in ``tz`` (naive UTC, as stored)."""
    start = datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC).replace(tzinfo=None)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz).astimezone(UTC).replace(tzinfo=None)
    return start, end


_ROWS = """
SELECT a.id, a.title, a.outlet, a.url, a.canonical_url, a.fetched, a.duplicate_of,
       COALESCE(o.is_seed, false), COALESCE(a.story_id, a.duplicate_of, a.id),
       COALESCE(x.level, ox.level, 0), COALESCE(x.score, ox.score, 0),
       COALESCE(x.deescalation, ox.deescalation, false), COALESCE(x.article_id, ox.article_id, a.id),
       (SELECT r.region FROM article_regions r WHERE r.article_id = COALESCE(x.article_id, ox.article_id)
         ORDER BY r.rank, r.region LIMIT 1),
       CASE WHEN a.summary <> '' THEN a.summary ELSE substr(a.text, 1, 600) END
FROM articles a
LEFT JOIN articles o ON o.id = a.duplicate_of
LEFT JOIN article_analysis x ON x.article_id = a.id
LEFT JOIN article_analysis ox ON ox.article_id = a.duplicate_of
WHERE NOT a.is_seed AND a.fetched >= ? AND a.fetched < ?
ORDER BY a.fetched, a.id
"""


@dataclass(frozen=True)
class _Row:
    id: str
    title: str
    outlet: str
    url: str
    canonical_url: str
    fetched: datetime
    duplicate_of: str | None
    of_seed: bool
    story: str
    level: int
    score: float
    deesc: bool
    analysis_id: str
    region: str | None
    summary: str


def collect(con: duckdb.DuckDBPyConnection, day: date, *, timezone: str, min_level: int = 1) -> DigestData:
    """Read the day's stories, trends, copies, feed health and runs from the warehouse."""
    tz = ZoneInfo(timezone)
    start, end = day_bounds(day, tz)
    window_start, _ = day_bounds(day - timedelta(days=BASELINE_DAYS), tz)
    rows = [_Row(*r) for r in con.execute(_ROWS, [window_start, end]).fetchall()]
    today = [r for r in rows if r.fetched >= start]
    data = DigestData(day=day, timezone=timezone, min_level=min_level, articles=len(today))
    data.seed_matches = sum(1 for r in today if r.of_seed)
    data.copies = sum(1 for r in today if r.duplicate_of is not None and not r.of_seed)
    earlier = _earlier_digest_stories(con, day)
    by_story: dict[str, list[_Row]] = defaultdict(list)
    for r in today:
        if not r.of_seed:
            by_story[r.story].append(r)
    leads = {sid: _lead(members) for sid, members in by_story.items()}
    details = _details(con, {lead.analysis_id for lead in leads.values()})
    first = _first_seen(con, list(by_story))
    regions: dict[str, list[StoryView]] = defaultdict(list)
    for sid, members in by_story.items():
        view = _story(sid, members, leads[sid], details, first.get(sid), tz, continuing=sid in earlier)
        if view.level < 1 or (view.level < min_level and not view.deescalation):
            continue
        if view.deescalation and view.level < 2:
            data.deescalation.append(view)  # a step down without a new escalation has its own section
        elif view.region:
            regions[view.region].append(view)
        else:
            data.other.append(view)
    def order(s: StoryView) -> tuple[int, float, datetime, str]:
        return (-s.level, -s.score, s.first_seen, s.story_id)

    for stories in regions.values():
        stories.sort(key=order)
    data.sections = sorted(regions.items(), key=lambda kv: (-kv[1][0].level, -kv[1][0].score, kv[0]))
    data.other.sort(key=order)
    data.deescalation.sort(key=order)
    data.outlets = len({o for _, ss in data.sections for s in ss for o in s.outlets}
                       | {o for s in data.other for o in s.outlets})
    data.has_baseline = any(r.fetched < start for r in rows)
    data.trends = _trends(rows, tz, day, min_level, [code for code, _ in data.sections],
                          has_baseline=data.has_baseline)
    data.feed_health = day_feed_health(con, start, end)
    data.runs = [
        RunTimes(_local(s, tz).strftime("%H:%M"), _local(f, tz).strftime("%H:%M") if f else "unfinished",
                 ok or 0, failed or 0, new or 0)
        for s, f, ok, failed, new in con.execute(
            """SELECT started, finished, feeds_ok, feeds_failed, articles_new FROM runs
               WHERE kind = 'ingest' AND started >= ? AND started < ? ORDER BY started, id""",
            [start, end],
        ).fetchall()
    ]
    return data


def _earlier_digest_stories(con: duckdb.DuckDBPyConnection, day: date) -> set[str]:
    """Stories an earlier digest showed (the table exists once migration 0004 ran)."""
    try:
        return {r[0] for r in con.execute("SELECT story_id FROM digest_stories WHERE day < ?", [day]).fetchall()}
    except duckdb.CatalogException:
        return set()


def _lead(members: list[_Row]) -> _Row:
    """The report whose analysis speaks for the story: the highest level and score, then the earliest."""
    originals = [m for m in members if m.duplicate_of is None] or members
    return min(originals, key=lambda m: (-m.level, -m.score, m.fetched, m.id))


@dataclass
class _Details:
    """The regions, actors and evidence of the day's lead analyses, by analysis id."""

    regions: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    actors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    events: dict[str, list[tuple[str, str | None, str, int | None, int | None]]] = field(
        default_factory=lambda: defaultdict(list))


def _details(con: duckdb.DuckDBPyConnection, ids: set[str]) -> _Details:
    """One query per table for every lead: a query per story costs more than the rest of the digest."""
    out = _Details()
    wanted = sorted(ids)
    for aid, region in con.execute(
        "SELECT article_id, region FROM article_regions WHERE article_id IN (SELECT unnest(?)) "
        "ORDER BY article_id, rank, region", [wanted]
    ).fetchall():
        out.regions[aid].append(region)
    for aid, actor in con.execute(
        "SELECT article_id, actor FROM article_actors WHERE article_id IN (SELECT unnest(?)) "
        "ORDER BY article_id, rank, actor", [wanted]
    ).fetchall():
        out.actors[aid].append(actor)
    for aid, *event in con.execute(
        "SELECT article_id, event, mode, sentence, killed, wounded FROM article_events "
        "WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, seq", [wanted]
    ).fetchall():
        out.events[aid].append(tuple(event))  # type: ignore[arg-type]
    return out


def _first_seen(con: duckdb.DuckDBPyConnection, stories: list[str]) -> dict[str, datetime]:
    """When each story was first fetched, on any day (seed articles and their copies aside)."""
    return dict(con.execute(
        """SELECT COALESCE(a.story_id, a.duplicate_of, a.id) AS story, min(a.fetched)
           FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of
           WHERE NOT a.is_seed AND NOT COALESCE(o.is_seed, false)
             AND COALESCE(a.story_id, a.duplicate_of, a.id) IN (SELECT unnest(?))
           GROUP BY story""",
        [stories],
    ).fetchall())


def _story(story_id: str, members: list[_Row], lead: _Row, details: _Details, first: datetime | None,
           tz: ZoneInfo, *, continuing: bool) -> StoryView:
    originals = [m for m in members if m.duplicate_of is None] or [lead]
    headline = min(originals, key=lambda m: (m.fetched, m.id))
    deesc = lead.deesc
    regions = tuple(details.regions.get(lead.analysis_id, ()))
    actors = tuple(details.actors.get(lead.analysis_id, ()))
    events = list(details.events.get(lead.analysis_id, ()))
    if deesc:  # steps down first, so the section shows why it is a de-escalation
        events.sort(key=lambda e: e[0] not in DEESCALATION_EVENTS)
    why = _evidence([Why(*e) for e in events], headline.title)
    first_seen = first or headline.fetched
    seen_order = sorted(members, key=lambda m: (m.fetched, m.id))
    return StoryView(
        story_id=story_id, title=headline.title, url=link_url(headline.canonical_url, headline.url),
        excerpt=_excerpt(headline.summary), level=max(m.level for m in members), score=lead.score,
        deescalation=deesc, region=lead.region or next((m.region for m in members if m.region), None),
        regions=regions, actors=actors, first_seen=_local(first_seen, tz), continuing=continuing,
        reports=tuple(_report(m) for m in seen_order if m.duplicate_of is None),
        copies=tuple(_report(m) for m in seen_order if m.duplicate_of is not None),
        why=why,
    )


def _report(m: _Row) -> Report:
    return Report(outlet=m.outlet, title=m.title, url=link_url(m.canonical_url, m.url), copy=m.duplicate_of is not None)


def _evidence(events: list[Why], headline: str, limit: int = 2) -> tuple[Why, ...]:
    """At most ``limit`` pieces of evidence, each sentence once, the headline itself never repeated."""
    title = _norm(headline)
    seen: list[set[str]] = []
    out: list[Why] = []
    for e in events:
        key = _norm(e.sentence)
        words = set(key.split())
        if not words or key == title or any(len(words & s) >= 0.7 * min(len(words), len(s)) for s in seen):
            continue  # the headline itself, the same sentence again, or a rewording of one already shown
        seen.append(words)
        out.append(e)
        if len(out) == limit:
            break
    return tuple(out)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _trends(rows: list[_Row], tz: ZoneInfo, day: date, min_level: int, order: list[str], *,
            has_baseline: bool) -> list[RegionTrend]:
    """Per region: today's stories and mean level against the mean of the 7 days before."""
    per_day: dict[tuple[date, str], list[_Row]] = defaultdict(list)
    for r in rows:
        if not r.of_seed:
            per_day[(_local(r.fetched, tz).date(), r.story)].append(r)
    levels: dict[str, dict[date, list[int]]] = defaultdict(lambda: defaultdict(list))
    for (d, _), members in per_day.items():
        lead = _lead(members)
        level = max(m.level for m in members)
        region = lead.region or next((m.region for m in members if m.region), None)
        if region and level >= max(min_level, 1) and (not lead.deesc or level >= 2):
            levels[region][d].append(level)
    base_days = [day - timedelta(days=i) for i in range(1, BASELINE_DAYS + 1)]
    out = []
    for region, by_day in levels.items():
        now = by_day.get(day, [])
        base = [lv for d in base_days for lv in by_day.get(d, [])]
        index, base_index = sum(now), sum(base) / BASELINE_DAYS
        if not has_baseline:
            arrow = "no baseline"
        elif index - base_index >= 2 and index >= 1.5 * base_index:
            arrow = "rising"
        elif base_index - index >= 2 and index <= base_index / 1.5:
            arrow = "easing"
        else:
            arrow = "steady"
        out.append(RegionTrend(
            region=region, stories=len(now), mean_level=sum(now) / len(now) if now else None,
            base_stories=len(base) / BASELINE_DAYS, base_level=sum(base) / len(base) if base else None,
            index=index, base_index=base_index, arrow=arrow,
        ))
    rank = {code: i for i, code in enumerate(order)}
    return sorted(out, key=lambda t: (rank.get(t.region, len(rank)), -t.base_index, t.region))


def _local(when: datetime, tz: ZoneInfo) -> datetime:
    return when.replace(tzinfo=UTC).astimezone(tz)


def _excerpt(text: str, limit: int = 280) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"
