"""Selecting a day's coverage from the warehouse and rendering it with Jinja2.

The digest day runs midnight to midnight in the configured time zone. Articles are grouped into stories
(copies folded into their original), stories into regions; the rendering is deterministic: the same
warehouse and day give byte-identical files.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

LEVEL_WORDS = {3: "material escalation", 2: "threats and posturing", 1: "conflict coverage", 0: "other"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#!|~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


@dataclass(frozen=True)
class Report:
    """One outlet's report of a story: the original or a copy."""

    article_id: str
    outlet: str
    title: str
    url: str
    seen: datetime  # local time
    copy: bool


@dataclass(frozen=True)
class StoryView:
    """A story as the digest shows it."""

    story_id: str
    title: str
    url: str
    excerpt: str
    level: int
    score: float
    deescalation: bool
    regions: tuple[str, ...]
    actors: tuple[str, ...]
    first_seen: datetime  # local time
    continuing: bool
    reports: tuple[Report, ...]
    why: tuple[dict[str, object], ...] = ()

    @property
    def level_words(self) -> str:
        return LEVEL_WORDS.get(self.level, "other")

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.outlet for r in self.reports))


@dataclass(frozen=True)
class FeedHealth:
    """A feed that failed, is backing off, went stale or is gone, and why."""

    name: str
    status: str
    reason: str


@dataclass
class DigestData:
    """Everything a digest template needs for one day."""

    day: date
    timezone: str
    regions: list[tuple[str, list[StoryView]]] = field(default_factory=list)
    other: list[StoryView] = field(default_factory=list)
    deescalation: list[StoryView] = field(default_factory=list)
    feed_health: list[FeedHealth] = field(default_factory=list)
    copies: int = 0
    seed_matches: int = 0
    articles: int = 0
    outlets: int = 0
    runs: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def stories(self) -> int:
        return sum(len(s) for _, s in self.regions) + len(self.other)


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC start and end of ``day`` in ``tz`` (naive UTC, as stored)."""
    start = datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC).replace(tzinfo=None)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz).astimezone(UTC).replace(tzinfo=None)
    return start, end


def collect(con: duckdb.DuckDBPyConnection, day: date, *, timezone: str, min_level: int = 1) -> DigestData:
    """Read the day's stories, copies and feed health from the warehouse."""
    tz = ZoneInfo(timezone)
    start, end = day_bounds(day, tz)
    rows = con.execute(
        """SELECT a.id, a.title, a.url, a.outlet, a.text, a.summary, a.fetched, a.duplicate_of,
                  COALESCE(a.story_id, COALESCE(a.duplicate_of, a.id)) AS story,
                  COALESCE(x.level, 0), COALESCE(x.score, 0), COALESCE(x.deescalation, false),
                  o.is_seed
           FROM articles a
           LEFT JOIN article_analysis x ON x.article_id = COALESCE(a.duplicate_of, a.id)
           LEFT JOIN articles o ON o.id = a.duplicate_of
           WHERE NOT a.is_seed AND a.fetched >= ? AND a.fetched < ?
           ORDER BY a.fetched, a.id""",
        [start, end],
    ).fetchall()
    data = DigestData(day=day, timezone=timezone, articles=len(rows))
    data.copies = sum(1 for r in rows if r[7] is not None)
    data.seed_matches = sum(1 for r in rows if r[12])
    data.outlets = len({r[3] for r in rows})
    by_story: dict[str, list[tuple]] = defaultdict(list)  # type: ignore[type-arg]
    for r in rows:
        by_story[r[8]].append(r)
    views = [_story(con, sid, members, tz, start) for sid, members in by_story.items()]
    views = [v for v in views if v is not None]
    region_map: dict[str, list[StoryView]] = defaultdict(list)
    for v in views:
        if v.deescalation:
            data.deescalation.append(v)
        if v.level < min_level or (v.deescalation and v.level < 2):
            continue
        if v.regions:
            region_map[v.regions[0]].append(v)
        else:
            data.other.append(v)
    order = lambda s: (-s.level, -s.score, s.first_seen, s.story_id)  # noqa: E731
    for stories in region_map.values():
        stories.sort(key=order)
    data.regions = sorted(region_map.items(), key=lambda kv: (-kv[1][0].level, -kv[1][0].score, kv[0]))
    data.other.sort(key=order)
    data.deescalation.sort(key=order)
    data.feed_health = feed_health(con, now=end)
    data.runs = [
        (kind, _local(started, tz).strftime("%H:%M"), _local(finished, tz).strftime("%H:%M") if finished else "—")
        for kind, started, finished in con.execute(
            "SELECT kind, started, finished FROM runs WHERE started >= ? AND started < ? ORDER BY started, id",
            [start, end],
        ).fetchall()
    ]
    return data


def _story(con: duckdb.DuckDBPyConnection, story_id: str, members: list[tuple], tz: ZoneInfo,  # type: ignore[type-arg]
           day_start: datetime) -> StoryView | None:
    originals = [m for m in members if m[7] is None] or members
    lead = max(originals, key=lambda m: (m[9], m[10], -m[6].timestamp(), m[0]))
    lead_id = lead[7] or lead[0]
    regions = tuple(r[0] for r in con.execute(
        "SELECT region FROM article_regions WHERE article_id = ? ORDER BY rank", [lead_id]).fetchall())
    actors = tuple(r[0] for r in con.execute(
        "SELECT actor FROM article_actors WHERE article_id = ? ORDER BY rank", [lead_id]).fetchall())
    why = tuple(
        {"event": e, "sentence": s, "mode": m, "killed": k, "wounded": w}
        for e, s, m, k, w in con.execute(
            """SELECT event, sentence, mode, killed, wounded FROM article_events
               WHERE article_id = ? ORDER BY seq LIMIT 2""", [lead_id]).fetchall()
    )
    first = con.execute(
        "SELECT min(fetched) FROM articles WHERE COALESCE(story_id, COALESCE(duplicate_of, id)) = ?",
        [story_id],
    ).fetchone()
    first_seen = first[0] if first and first[0] else lead[6]
    reports = tuple(
        Report(article_id=m[0], outlet=m[3], title=m[1], url=m[2], seen=_local(m[6], tz), copy=m[7] is not None)
        for m in sorted(members, key=lambda m: (m[7] is not None, m[6], m[0]))
    )
    return StoryView(
        story_id=story_id, title=lead[1], url=lead[2], excerpt=_excerpt(lead[5] or lead[4]),
        level=lead[9], score=lead[10], deescalation=bool(lead[11]), regions=regions, actors=actors,
        first_seen=_local(first_seen, tz), continuing=first_seen < day_start, reports=reports, why=why,
    )


def feed_health(con: duckdb.DuckDBPyConnection, *, now: datetime, stale_days: int = 3) -> list[FeedHealth]:
    """Feeds that are failing, backing off, stale or gone, with the reason, by name."""
    out = []
    for name, error, failures, last_ok, gone, redirect, last_status in con.execute(
        """SELECT name, last_error, consecutive_failures, last_ok, gone, permanent_redirect, last_status
           FROM feeds ORDER BY name"""
    ).fetchall():
        if gone:
            out.append(FeedHealth(name, "gone", f"HTTP {last_status}: the feed says it is gone"))
        elif failures:
            out.append(FeedHealth(name, "failing", f"{error} ({failures} times in a row)"))
        elif last_ok is not None and now - last_ok > timedelta(days=stale_days):
            out.append(FeedHealth(name, "stale", f"nothing fetched since {last_ok:%Y-%m-%d}"))
        elif redirect:
            out.append(FeedHealth(name, "moved", f"permanently redirected to {redirect}: update sources.yaml"))
    return out


def _local(when: datetime, tz: ZoneInfo) -> datetime:
    return when.replace(tzinfo=UTC).astimezone(tz)


def _excerpt(text: str, limit: int = 280) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def md_escape(value: object) -> str:
    """Text made inert in Markdown: every character with a Markdown meaning is backslash-escaped."""
    text = " ".join(str(value).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def safe_url(value: object) -> str | None:
    """``value`` when it is an http(s) URL without spaces or brackets, else None (no link is rendered)."""
    url = str(value).strip()
    if re.match(r"^https?://[^\s<>\"'()\[\]]+$", url, re.IGNORECASE):
        return url
    return None


def environment() -> Environment:
    """The Jinja2 environment of the digest templates (HTML autoescaped, Markdown escaped by filter)."""
    env = Environment(
        loader=PackageLoader("newsmon", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["safe_url"] = safe_url
    return env


def render_markdown(data: DigestData) -> str:
    """The digest as Markdown."""
    return environment().get_template("digest.md.j2").render(d=data, level_words=LEVEL_WORDS)


def write_digest(data: DigestData, folder: Path) -> Path:
    """Write ``folder/YYYY-MM-DD.md`` atomically; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{data.day.isoformat()}.md"
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(render_markdown(data), encoding="utf-8")
    tmp.replace(path)
    return path
