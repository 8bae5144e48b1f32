"""Catch-up: which digest days are due, and rendering and sending the ones that were missed.

The rule: the digest of day D (midnight to midnight in the configured time zone) is due at
``digest_time`` on day D+1. Each scheduled digest run, and every start of ``newsmon serve``, looks back
over the last ``catchup_days`` due days (at least the latest one), oldest first, and for each renders
it when it is not on disk and sends it when it was never sent. A day is never sent twice: the
warehouse records each delivery.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from newsmon.config import Settings
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


Deliver = Callable[..., Any]


def catch_up(
    warehouse: Warehouse, settings: Settings, days: list[date], *, send: bool,
    deliver: Deliver | None = None,
) -> list[DayOutcome]:
    """Render each of ``days`` that is not on disk and send each never sent, oldest first.

    ``deliver`` defaults to ``newsmon.delivery.deliver``; without that module, days are rendered only.
    """
    if deliver is None:
        deliver = _default_deliver()
    out = []
    for day in sorted(days):
        if deliver is None:
            out.append(_render_only(warehouse, settings, day))
            continue
        result = deliver(warehouse, settings, day, send=send)
        out.append(_outcome(day, result))
    return out


def _default_deliver() -> Deliver | None:
    try:
        from newsmon.delivery import deliver  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        try:
            from newsmon.mail import deliver  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:
            return None
    return deliver  # type: ignore[no-any-return]


def _outcome(day: date, result: Any) -> DayOutcome:
    """A DayOutcome from whatever DeliveryResult carries (read by attribute name, tolerant of absence)."""
    path = getattr(result, "path", None) or getattr(result, "markdown", None)
    return DayOutcome(
        day=day,
        path=Path(path) if path else None,
        rendered=bool(getattr(result, "rendered", path is not None)),
        sent=bool(getattr(result, "sent", False)),
        error=getattr(result, "error", None),
    )


def _render_only(warehouse: Warehouse, settings: Settings, day: date) -> DayOutcome:
    """Render ``day`` to Markdown when its file is not on disk yet."""
    from newsmon.digest import collect, write_digest

    target = settings.digests / f"{day.isoformat()}.md"
    if target.exists():
        return DayOutcome(day=day, path=target, rendered=False, sent=False)
    data = collect(warehouse.con, day, timezone=settings.timezone, min_level=settings.digest_min_level)
    path = write_digest(data, settings.digests)
    return DayOutcome(day=day, path=path, rendered=True, sent=False)
