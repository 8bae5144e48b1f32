"""The plain frozen values that flow between newsmon's stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Feed:
    """One feed of sources.yaml."""

    name: str
    url: str
    language: str = "en"
    tags: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    line: int = 0  # where it stands in sources.yaml, for messages


@dataclass(frozen=True)
class FeedState:
    """What the warehouse remembers of a feed between runs."""

    name: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_status: int | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    last_fetched: datetime | None = None
    last_ok: datetime | None = None
    next_due: datetime | None = None
    gone: bool = False
    permanent_redirect: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """The outcome of one HTTP GET: a body, a 304, or an error."""

    url: str
    status: int | None
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    elapsed: float = 0.0
    retry_after: float | None = None
    permanent_redirect: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class Entry:
    """One item of a parsed feed, before its page is fetched."""

    feed: str
    link: str
    title: str
    summary: str = ""
    guid: str | None = None
    published: datetime | None = None
    author: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's entries plus what went wrong while parsing (feedparser's bozo)."""

    feed: str
    title: str | None
    entries: tuple[Entry, ...]
    error: str | None = None


@dataclass(frozen=True)
class Extracted:
    """What trafilatura found on an article page."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Article:
    """An article ready for the warehouse."""

    url: str
    canonical_url: str
    feed: str
    outlet: str
    title: str
    text: str
    summary: str
    fingerprint: str
    fetched: datetime
    published: datetime | None = None
    author: str | None = None
    language: str | None = None
    full_text: bool = False
    extract_error: str | None = None
    is_seed: bool = False


@dataclass(frozen=True)
class Evidence:
    """One detected event with the sentence that shows it."""

    event: str  # a PLOVER event type, e.g. "ASSAULT"
    sentence: str
    mode: str | None = None  # "air strike", "drone", "missile", "shelling", "ground raid", ...
    source: str | None = None  # actor identifier (ISO alpha-3 or a LABELING.md id)
    target: str | None = None
    killed: int | None = None
    wounded: int | None = None


@dataclass(frozen=True)
class Analysis:
    """Regions, actors, events and escalation of one article (identifiers of LABELING.md)."""

    level: int  # 0..3
    deescalation: bool
    score: float  # ranks articles within a level
    regions: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    events: tuple[Evidence, ...] = ()
