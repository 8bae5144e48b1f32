"""The digest flow: one day's coverage from the warehouse to ``digests/YYYY-MM-DD.*``, sent when asked."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger

from newsmon.config import Sources, load_sources
from newsmon.delivery import deliver
from newsmon.store import finish_run, start_run
from newsmon.warehouse import open_warehouse


@flow(name="newsmon-digest", log_prints=False)
def digest(sources_path: str = "sources.yaml", day: str | None = None, send: bool = False,
           resend: bool = False, dry_run: bool = False) -> dict[str, Any]:
    """Render the digest of ``day`` (YYYY-MM-DD, default today in the configured time zone); send it if asked."""
    sources = load_sources(Path(sources_path))
    return digest_sources(sources, day=date.fromisoformat(day) if day else None, send=send, resend=resend,
                          dry_run=dry_run)


def digest_sources(sources: Sources, *, day: date | None = None, send: bool = False, resend: bool = False,
                   dry_run: bool = False) -> dict[str, Any]:
    """The body of the digest flow, for a validated Sources: always re-renders the day, then delivers."""
    settings = sources.settings
    day = day or datetime.now(settings.tz).date()
    with open_warehouse(settings.warehouse, wait=30.0) as warehouse:
        with warehouse.transaction() as con:
            run_id = start_run(con, "digest", now=datetime.now(UTC).replace(tzinfo=None))
        result = deliver(warehouse, settings, day, send=send, resend=resend, dry_run=dry_run, rerender=True)
        with warehouse.transaction() as con:
            finish_run(con, run_id, None, now=datetime.now(UTC).replace(tzinfo=None),
                       digest_path=str(result.files.markdown), error=result.error)
    logger = get_run_logger()
    logger.info("digest of %s: %d stories, written to %s", day, result.stories, result.files.markdown)
    if result.error:
        logger.warning("digest of %s not sent: %s", day, result.error)
    return {
        "day": day.isoformat(), "path": str(result.files.markdown), "html": str(result.files.html),
        "stories": result.stories, "sent": result.sent, "message_id": result.message_id,
        "eml": str(result.eml) if result.eml else None, "error": result.error, "note": result.note,
    }
