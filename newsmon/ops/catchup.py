"""Catch-up: which digest days are due, and rendering and sending the ones that were missed.

The rule: the digest of day D (midnight to midnight in the configured time zone) is due at
``digest_time`` on day D+1. Each scheduled digest run, and every start of ``newsmon serve``, looks back
over the last ``catchup_days`` due days (at least the latest one), oldest first, and for each renders
it when it is not on disk and sends it when it was never sent. A day is never sent twice: the
warehouse records each delivery.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from newsmon.config import Settings
from newsmon.delivery import deliver
from newsmon.errors import MailError
from newsmon.warehouse import Warehouse


@dataclass(frozen=True)
class DayOutcome:
    """What catch-up did for one day."""

    day: date
    path: Path | None
    rendered: bool
    sent: bool
    error: str | None = None


def due_days(now: datetime, *, timezone: str, digest_time: str, days: int) -> list[date]:
    """The digest days whose digest time has passed, the latest ``max(days, 1)`` of them, oldest first."""
    tz = ZoneInfo(timezone)
    local = now.astimezone(tz) if now.tzinfo else now.replace(tzinfo=ZoneInfo("UTC")).astimezone(tz)
    hour, minute = (int(p) for p in digest_time.split(":"))
    # the digest of the day before `local` is due at digest_time today (a wall-clock time in tz)
    latest = local.date() - timedelta(days=1)
    due_at = datetime.combine(local.date(), time(hour, minute), tzinfo=tz)
    if local < due_at:
        latest -= timedelta(days=1)
    count = max(days, 1)
    return [latest - timedelta(days=i) for i in range(count - 1, -1, -1)]


def smtp_ready(settings: Settings) -> bool:
    """Whether sending is configured (a host, a sender and at least one recipient)."""
    smtp = settings.smtp
    return bool(smtp.host and smtp.sender and smtp.recipients)


def catch_up(
    warehouse: Warehouse, settings: Settings, days: list[date], *, send: bool,
    now: datetime | None = None,
) -> list[DayOutcome]:
    """Render each of ``days`` that is not on disk and send each never sent, oldest first.

    A day whose sending fails keeps its error (recorded in the warehouse by ``deliver``) and the next
    days are still done; the next catch-up sends it.
    """
    out = []
    for day in sorted(days):
        try:
            result = deliver(warehouse, settings, day, send=send, now=now)
        except MailError as exc:
            out.append(DayOutcome(day=day, path=None, rendered=False, sent=False, error=str(exc)))
            continue
        out.append(DayOutcome(
            day=day, path=result.files.markdown, rendered=result.rendered, sent=result.sent,
            error=result.error,
        ))
    return out
