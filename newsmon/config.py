"""Read sources.yaml and NEWSMON_* variables into one frozen Settings object and the feed list.

This is the only module that reads the environment. Paths in the ``settings:`` block are relative to the
sources file, so one machine can hold several independent setups.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    field_validator,
)

from newsmon.errors import ConfigError
from newsmon.models import Feed
from newsmon.yamlfile import load_yaml, validate

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _shipped(name: str) -> Path:
    """``warehouse/<name>`` of the source tree, or its copy inside an installed package (setup.py
    copies the seed corpus and the migrations to newsmon/_shipped/ when it builds a wheel)."""
    source = PROJECT_ROOT / "warehouse" / name
    return source if source.is_dir() else Path(__file__).resolve().parent / "_shipped" / name


SHIPPED_SEED = _shipped("seed")
MIGRATIONS = _shipped("migrations")


def _timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as Europe/Berlin)") from exc
    return name


def _hhmm(value: str) -> str:
    parts = value.split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValueError("expected a time as HH:MM")
    hour, minute = int(parts[0]), int(parts[1])
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError("expected a time as HH:MM between 00:00 and 23:59")
    return f"{hour:02d}:{minute:02d}"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class FetchSettings(_Strict):
    """How newsmon fetches: limits, timeouts, concurrency, politeness."""

    concurrency: int = Field(default=8, ge=1, le=64)
    per_host: int = Field(default=2, ge=1, le=16)
    connect_timeout: float = Field(default=10.0, gt=0)
    read_timeout: float = Field(default=20.0, gt=0)
    total_timeout: float = Field(default=60.0, gt=0)
    max_bytes: int = Field(default=10_000_000, ge=10_000)
    max_redirects: int = Field(default=5, ge=0, le=20)
    retries: int = Field(default=2, ge=0, le=10)
    backoff: float = Field(default=1.0, ge=0)
    max_retry_after: float = Field(default=86_400.0, ge=0)  # Retry-After is honoured up to a day
    interval_minutes: int = Field(default=30, ge=10)  # a feed is never polled more often than this
    max_entries_per_feed: int = Field(default=50, ge=1)
    max_pages_per_run: int = Field(default=2000, ge=0)
    respect_robots: bool = True
    # processes extracting and analysing: 0 one per core, 1 none
    workers: int = Field(default=0, ge=0, le=64)


class SmtpSettings(_Strict):
    """Where the digest is sent; the password comes from NEWSMON_SMTP_PASSWORD."""

    host: str | None = None
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["plain", "starttls", "ssl"] = "starttls"
    user: str | None = None
    password: str | None = Field(default=None, repr=False)
    sender: str | None = None
    recipients: tuple[str, ...] = ()
    timeout: float = Field(default=30.0, gt=0)


class ServeSettings(_Strict):
    """How ``newsmon serve`` runs: its local Prefect server, catch-up, retention, Dask."""

    port: int = Field(default=4210, ge=1024, le=65535)  # of the local Prefect server on 127.0.0.1
    prefect_home: str | None = None  # default: prefect/ beside the warehouse file
    # missed digests rendered and sent on start, at most
    catchup_days: int = Field(default=7, ge=0, le=7)
    keep_days: int = Field(default=30, ge=1)  # flow runs and events older than this are vacuumed
    # how long a run queues behind another for the warehouse
    lock_wait_minutes: float = Field(default=60.0, ge=0)
    dask_address: str | None = None  # e.g. tcp://10.0.0.5:8786: ingest's CPU work runs there


class SettingsModel(_Strict):
    """The ``settings:`` block of sources.yaml."""

    timezone: Annotated[str, AfterValidator(_timezone)] = "UTC"
    warehouse: str = "warehouse/newsmon.duckdb"
    digests: str = "digests"
    seed_corpus: str | None = None
    taxonomy: str | None = None  # default: taxonomy.yaml beside the sources file, when it exists
    contact_url: HttpUrl = HttpUrl("https://github.com/newsmon/newsmon")
    allow_private_hosts: tuple[str, ...] = ()
    digest_time: Annotated[str, AfterValidator(_hhmm)] = "07:00"
    digest_min_level: int = Field(default=1, ge=0, le=3)
    neardup_window_days: int = Field(default=30, ge=1)
    fetch: FetchSettings = FetchSettings()
    smtp: SmtpSettings = SmtpSettings()
    serve: ServeSettings = ServeSettings()


class FeedModel(_Strict):
    """One entry of ``feeds:``."""

    name: str = Field(min_length=1, max_length=200)
    url: HttpUrl
    language: str = Field(default="en", min_length=2, max_length=8)
    tags: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: HttpUrl) -> HttpUrl:
        if value.scheme not in ("http", "https"):
            raise ValueError("only http and https feeds are fetched")
        return value


class SourcesModel(_Strict):
    """The whole sources.yaml."""

    settings: SettingsModel = SettingsModel()
    feeds: tuple[FeedModel, ...] = ()


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, resolved: absolute paths, env overrides applied."""

    sources_path: Path
    timezone: str
    warehouse: Path
    digests: Path
    seed_corpus: Path
    taxonomy: Path | None
    contact_url: str
    allow_private_hosts: tuple[str, ...]
    digest_time: str
    digest_min_level: int
    neardup_window_days: int
    fetch: FetchSettings
    smtp: SmtpSettings = field(repr=False)
    serve: ServeSettings = field(default_factory=ServeSettings)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def user_agent(self) -> str:
        from newsmon import __version__

        return f"newsmon/{__version__} (+{self.contact_url})"


@dataclass(frozen=True)
class Sources:
    """A validated sources.yaml: the settings and the feeds."""

    settings: Settings
    feeds: tuple[Feed, ...]

    def feed(self, name: str) -> Feed:
        for feed in self.feeds:
            if feed.name == name:
                return feed
        raise ConfigError(f"{self.settings.sources_path}: no feed named {name!r}")


def load_sources(path: str | Path, *, environ: Mapping[str, str] | None = None) -> Sources:
    """Load and validate ``path``; raise ConfigError naming file:line:field on any problem."""
    path = Path(path)
    env = os.environ if environ is None else environ
    data, lines = load_yaml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: expected a mapping with 'settings:' and 'feeds:'")
    model = validate(SourcesModel, data, lines, str(path))
    seen: dict[str, int] = {}
    seen_urls: dict[str, int] = {}
    feeds = []
    for i, f in enumerate(model.feeds):
        line = lines.get(("feeds", i), 0)
        if f.name in seen:
            raise ConfigError(
                f"{path}:{line}: feeds[{i}].name: duplicate feed name {f.name!r} "
                f"(first at line {seen[f.name]})"
            )
        url = str(f.url)
        if url in seen_urls:
            raise ConfigError(
                f"{path}:{line}: feeds[{i}].url: the same URL is listed twice "
                f"(first at line {seen_urls[url]})"
            )
        seen[f.name] = line
        seen_urls[url] = line
        feeds.append(
            Feed(name=f.name, url=url, language=f.language, tags=f.tags, regions=f.regions, line=line)
        )
    settings = _resolve(model.settings, path, env)
    return Sources(settings=settings, feeds=tuple(feeds))


def _resolve(model: SettingsModel, path: Path, env: Mapping[str, str]) -> Settings:
    base = path.resolve().parent

    def rel(value: str) -> Path:
        p = Path(value).expanduser()
        return p if p.is_absolute() else base / p

    timezone = env.get("NEWSMON_TIMEZONE") or model.timezone
    try:
        _timezone(timezone)
    except ValueError as exc:
        raise ConfigError(f"NEWSMON_TIMEZONE: {exc}") from exc
    smtp = model.smtp.model_copy(update=_smtp_env(env))
    allow = model.allow_private_hosts
    if env.get("NEWSMON_ALLOW_PRIVATE_HOSTS"):
        allow = allow + tuple(h.strip() for h in env["NEWSMON_ALLOW_PRIVATE_HOSTS"].split(",") if h.strip())
    taxonomy: Path | None
    if model.taxonomy:
        taxonomy = rel(model.taxonomy)
        if not taxonomy.is_file():
            raise ConfigError(f"{path}: settings.taxonomy: {taxonomy} does not exist")
    else:
        taxonomy = base / "taxonomy.yaml" if (base / "taxonomy.yaml").is_file() else None
    return Settings(
        sources_path=path.resolve(),
        timezone=timezone,
        warehouse=Path(env["NEWSMON_WAREHOUSE"]) if env.get("NEWSMON_WAREHOUSE") else rel(model.warehouse),
        digests=Path(env["NEWSMON_DIGESTS"]) if env.get("NEWSMON_DIGESTS") else rel(model.digests),
        seed_corpus=rel(model.seed_corpus) if model.seed_corpus else SHIPPED_SEED,
        taxonomy=taxonomy,
        contact_url=str(model.contact_url),
        allow_private_hosts=allow,
        digest_time=model.digest_time,
        digest_min_level=model.digest_min_level,
        neardup_window_days=model.neardup_window_days,
        fetch=model.fetch,
        smtp=smtp,
        serve=model.serve.model_copy(update={"dask_address": env["NEWSMON_DASK_ADDRESS"]})
        if env.get("NEWSMON_DASK_ADDRESS") else model.serve,
    )


def _smtp_env(env: Mapping[str, str]) -> dict[str, object]:
    """NEWSMON_SMTP_* variables override the settings block (the password belongs here)."""
    out: dict[str, object] = {}
    for key in ("host", "user", "password", "sender", "security"):
        value = env.get(f"NEWSMON_SMTP_{key.upper()}")
        if value:
            out[key] = value
    if env.get("NEWSMON_SMTP_PORT"):
        try:
            out["port"] = int(env["NEWSMON_SMTP_PORT"])
        except ValueError as exc:
            raise ConfigError("NEWSMON_SMTP_PORT: expected a port number") from exc
    if env.get("NEWSMON_SMTP_RECIPIENTS"):
        out["recipients"] = tuple(
            r.strip() for r in env["NEWSMON_SMTP_RECIPIENTS"].split(",") if r.strip()
        )
    if out.get("security") not in (None, "plain", "starttls", "ssl"):
        raise ConfigError("NEWSMON_SMTP_SECURITY: expected plain, starttls or ssl")
    return out


def host_of(url: str) -> str:
    """The host of ``url``, lower case ('' when there is none)."""
    return (urlsplit(url).hostname or "").lower()
