"""The scheduled flows and their deployments: ingest every N minutes, the digest daily at digest_time.

Both flows take the warehouse's run lock (``newsmon.ops.lock``) for their whole run, so ingest and
digest never write at the same time, in any process; each deployment also has a concurrency limit of
one with ENQUEUE, so runs of one deployment queue instead of overlapping.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.client.schemas.objects import (
    ConcurrencyLimitConfig,
    ConcurrencyLimitStrategy,
)
from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule

from newsmon.config import Settings, load_sources
from newsmon.ops.catchup import catch_up, due_days, smtp_ready
from newsmon.ops.lock import run_lock
from newsmon.ops.settings import ServeSettings
from newsmon.store import finish_run, start_run
from newsmon.warehouse import open_warehouse

log = logging.getLogger("newsmon.ops")

INGEST = "ingest"
DIGEST = "daily-digest"


def digest_cron(digest_time: str) -> str:
    """The cron line of a daily run at ``digest_time`` (HH:MM)."""
    hour, minute = (int(p) for p in digest_time.split(":"))
    return f"{minute} {hour} * * *"


def digest_schedule(settings: Settings) -> CronSchedule:
    """Daily at digest_time, a wall-clock time in the configured time zone (follows daylight saving)."""
    return CronSchedule(cron=digest_cron(settings.digest_time), timezone=settings.timezone)


def ingest_schedule(settings: Settings) -> IntervalSchedule:
    """Every ``fetch.interval_minutes``, anchored at midnight in the configured time zone."""
    anchor = datetime(2024, 1, 1, tzinfo=settings.tz)
    return IntervalSchedule(
        interval=timedelta(minutes=settings.fetch.interval_minutes), anchor_date=anchor,
        timezone=settings.timezone,
    )


ONE_AT_A_TIME = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)


@flow(name="newsmon-scheduled-ingest", log_prints=False)
def scheduled_ingest(
    sources_path: str = "sources.yaml", dask_address: str | None = None, lock_wait_minutes: float = 60.0,
    log_level: str = "INFO",
) -> dict[str, Any]:
    """Ingest under the warehouse's run lock; CPU work on Dask when ``dask_address`` is given."""
    _set_level(log_level)
    sources = load_sources(Path(sources_path))
    with run_lock(sources.settings.warehouse, kind="ingest", wait=lock_wait_minutes * 60) as waited:
        if waited >= 1:
            log.info("ingest waited %.0f s for the warehouse", waited)
        if dask_address:
            from flows.dask import ingest_on_dask

            result = ingest_on_dask(sources, dask_address)
        else:
            from flows.ingest import ingest_sources

            result = ingest_sources(sources)
    log.info(
        "ingest %s: %d feeds ok, %d failed, %d not due; %d new articles, %d copies",
        result.get("run_id"), result["feeds_ok"], result["feeds_failed"], result["feeds_skipped"],
        result["articles_new"], result["articles_copies"],
    )
    for name, error in result.get("failures", []):
        log.debug("feed %s failed: %s", name, error)
    return result


@flow(name="newsmon-scheduled-digest", log_prints=False)
def scheduled_digest(
    sources_path: str = "sources.yaml", catchup_days: int = 7, lock_wait_minutes: float = 60.0,
    now: str | None = None, log_level: str = "INFO",
) -> dict[str, Any]:
    """Render and send every due digest day not yet done, oldest first (see newsmon.ops.catchup)."""
    _set_level(log_level)
    sources = load_sources(Path(sources_path))
    settings = sources.settings
    moment = datetime.fromisoformat(now) if now else datetime.now(UTC)
    days = due_days(moment, timezone=settings.timezone, digest_time=settings.digest_time, days=catchup_days)
    send = smtp_ready(settings)
    with run_lock(settings.warehouse, kind="digest", wait=lock_wait_minutes * 60):
        with open_warehouse(settings.warehouse, wait=30.0) as warehouse:
            with warehouse.transaction() as con:
                run_id = start_run(con, "digest", now=_utcnow())
            error = None
            outcomes = []
            try:
                outcomes = catch_up(warehouse, settings, days, send=send)
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
                raise
            finally:
                with warehouse.transaction() as con:
                    last = next((o.path for o in reversed(outcomes) if o.path), None)
                    finish_run(con, run_id, None, now=_utcnow(), digest_path=str(last) if last else None,
                               error=error)
    for o in outcomes:
        log.info(
            "digest %s: %s%s%s", o.day, "rendered" if o.rendered else "already on disk",
            ", sent" if o.sent else "", f", error: {o.error}" if o.error else "",
        )
    return {
        "run_id": run_id,
        "days": [o.day.isoformat() for o in outcomes],
        "rendered": [o.day.isoformat() for o in outcomes if o.rendered],
        "sent": [o.day.isoformat() for o in outcomes if o.sent],
        "errors": {o.day.isoformat(): o.error for o in outcomes if o.error},
    }


def deployments(
    sources_path: Path, settings: Settings, serve: ServeSettings, *, log_level: str = "INFO"
) -> list[Any]:
    """The two deployments ``newsmon serve`` serves, built from the settings."""
    common = {
        "sources_path": str(sources_path), "lock_wait_minutes": serve.lock_wait_minutes,
        "log_level": log_level,
    }
    ingest = scheduled_ingest.to_deployment(
        name=INGEST, schedules=[ingest_schedule(settings)], concurrency_limit=ONE_AT_A_TIME,
        parameters={**common, "dask_address": serve.dask_address}, tags=["newsmon"],
        description="Fetch every due feed and store what is new.",
    )
    digest = scheduled_digest.to_deployment(
        name=DIGEST, schedules=[digest_schedule(settings)], concurrency_limit=ONE_AT_A_TIME,
        parameters={**common, "catchup_days": serve.catchup_days}, tags=["newsmon"],
        description="Render and send the digests due and not yet done.",
    )
    return [ingest, digest]


def _set_level(name: str) -> None:
    """newsmon's own log lines at ``name`` (INFO: one per step; DEBUG: per feed); Prefect's stay quiet."""
    logging.getLogger("newsmon").setLevel(getattr(logging, name.upper(), logging.INFO))


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
