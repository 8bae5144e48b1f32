"""The digest flow: one day's coverage from the warehouse to ``digests/YYYY-MM-DD.md``."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger

from newsmon.config import Sources, load_sources
from newsmon.digest import collect, write_digest
from newsmon.store import finish_run, start_run
from newsmon.warehouse import open_warehouse


@flow(name="newsmon-digest", log_prints=False)
def digest(sources_path: str = "sources.yaml", day: str | None = None) -> dict[str, Any]:
    """Render the digest of ``day`` (YYYY-MM-DD, default today in the configured time zone)."""
    sources = load_sources(Path(sources_path))
    return digest_sources(sources, day=date.fromisoformat(day) if day else None)


def digest_sources(sources: Sources, *, day: date | None = None) -> dict[str, Any]:
    """The body of the digest flow, for a validated Sources."""
    settings = sources.settings
    day = day or datetime.now(settings.tz).date()
    with open_warehouse(settings.warehouse, wait=30.0) as warehouse:
        now = datetime.now(UTC).replace(tzinfo=None)
        with warehouse.transaction() as con:
            run_id = start_run(con, "digest", now=now)
        data = collect(warehouse.con, day, timezone=settings.timezone, min_level=settings.digest_min_level)
        path = write_digest(data, settings.digests)
        with warehouse.transaction() as con:
            finish_run(con, run_id, None, now=datetime.now(UTC).replace(tzinfo=None), digest_path=str(path))
    get_run_logger().info("digest of %s: %d stories, written to %s", day, data.stories, path)
    return {"day": day.isoformat(), "path": str(path), "stories": data.stories}
