"""Rendering a day's digest once, sending it at most once, and recording every attempt in the warehouse.

``deliver`` is what the flows and the CLI call, also for catching up missed days (``unsent_days``). A day is
sent only when no earlier attempt was accepted by the SMTP server; a failed attempt leaves the digest on
disk with its error recorded, and the next call sends it. An attempt whose outcome is unknown (the process
died while sending) is not repeated without ``resend``, so a reader never gets the same day twice unasked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from newsmon.config import Settings
from newsmon.digest import collect, day_bounds
from newsmon.errors import MailError
from newsmon.mail import (
    build_message,
    check_smtp,
    new_message_id,
    send_message,
    write_eml,
)
from newsmon.render import DigestFiles, write_digest
from newsmon.warehouse import Warehouse


@dataclass(frozen=True)
class DeliveryResult:
    """What ``deliver`` did for one day."""

    day: date
    files: DigestFiles
    stories: int
    rendered: bool  # rendered by this call (False: the files were already on disk)
    sent: bool  # an SMTP server accepted the message in this call
    sent_at: datetime | None  # when the day was (first) sent, UTC
    message_id: str | None
    eml: Path | None  # the dry run's message file
    error: str | None  # the failed attempt's error
    note: str | None  # why nothing was sent, when nothing was


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def render_day(warehouse: Warehouse, settings: Settings, day: date, *, now: datetime | None = None
               ) -> tuple[DigestFiles, int]:
    """Render ``day`` to the digests folder and record it and its stories; return the files and story count."""
    data = collect(warehouse.con, day, timezone=settings.timezone, min_level=settings.digest_min_level)
    files = write_digest(data, settings.digests)
    with warehouse.transaction() as con:
        con.execute(
            """INSERT INTO digests (day, rendered, stories, subject, path) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (day) DO UPDATE SET rendered = excluded.rendered, stories = excluded.stories,
                 subject = excluded.subject, path = excluded.path""",
            [day, now or _utcnow(), data.stories, files.subject, str(files.markdown)],
        )
        con.execute("DELETE FROM digest_stories WHERE day = ?", [day])
        for story_id in data.story_ids:
            con.execute("INSERT INTO digest_stories VALUES (?, ?)", [day, story_id])
    return files, data.stories


def _on_disk(settings: Settings, day: date, subject: str) -> DigestFiles | None:
    stem = settings.digests / day.isoformat()
    md, html, txt, png = (stem.with_suffix(s) for s in (".md", ".html", ".txt", ".png"))
    if not (md.is_file() and html.is_file() and txt.is_file()):
        return None
    return DigestFiles(markdown=md, html=html, text=txt, chart=png if png.is_file() else None, subject=subject)


def deliver(warehouse: Warehouse, settings: Settings, day: date, *, send: bool, resend: bool = False,
            dry_run: bool = False, rerender: bool = False, now: datetime | None = None) -> DeliveryResult:
    """Render ``day`` unless it is on disk (or ``rerender``), then send it unless it was sent (or ``resend``).

    ``dry_run`` writes ``YYYY-MM-DD.eml`` beside the digest instead of sending. SMTP failures are recorded and
    returned in ``error`` (not raised); settings that cannot send at all raise MailError.
    """
    con = warehouse.con
    row = con.execute(
        "SELECT subject, stories, message_id, sent, attempts FROM digests WHERE day = ?", [day]
    ).fetchone()
    files = _on_disk(settings, day, row[0]) if row and not rerender else None
    rendered = files is None
    if files is None:
        files, stories = render_day(warehouse, settings, day, now=now)
    else:
        stories = row[1] if row else 0
    row = con.execute("SELECT message_id, sent, attempts FROM digests WHERE day = ?", [day]).fetchone()
    assert row is not None  # render_day wrote it
    message_id, sent_at, attempts = row
    base = DeliveryResult(day=day, files=files, stories=stories, rendered=rendered, sent=False, sent_at=sent_at,
                          message_id=message_id, eml=None, error=None, note=None)
    smtp = settings.smtp
    if dry_run:
        sender = smtp.sender or "newsmon@localhost"
        msg = build_message(files, sender=sender, recipients=smtp.recipients or ("reader@localhost",),
                            message_id=message_id or new_message_id(sender, day), when=_aware(now))
        eml = write_eml(msg, files.markdown.with_suffix(".eml"))
        return _replace(base, eml=eml, note="dry run: the message was written, not sent")
    if not send:
        return _replace(base, note="not asked to send")
    if sent_at is not None and not resend:
        return _replace(base, note=f"already sent at {sent_at:%Y-%m-%d %H:%M} UTC; use --resend to send again")
    unknown = con.execute(
        "SELECT count(*) FROM digest_attempts WHERE day = ? AND finished IS NULL", [day]
    ).fetchone()
    if unknown and unknown[0] and not resend:
        return _replace(base, error="an earlier attempt was interrupted while sending, so it may have arrived; "
                                    "use --resend to send again")
    check_smtp(smtp)
    assert smtp.sender is not None
    if resend or not message_id:
        message_id = new_message_id(smtp.sender, day)
    started = now or _utcnow()
    msg = build_message(files, sender=smtp.sender, recipients=smtp.recipients, message_id=message_id,
                        when=_aware(started))
    recipients = ", ".join(smtp.recipients)
    attempt = attempts + 1
    with warehouse.transaction() as tx:
        tx.execute("INSERT INTO digest_attempts VALUES (?, ?, ?, NULL, ?, ?, NULL)",
                   [day, attempt, started, recipients, message_id])
        tx.execute("UPDATE digests SET attempts = ?, last_attempt = ?, message_id = ? WHERE day = ?",
                   [attempt, started, message_id, day])
    error: str | None = None
    try:
        send_message(msg, smtp)
    except MailError as exc:
        error = str(exc)
    finished = _utcnow() if now is None else started
    with warehouse.transaction() as tx:
        tx.execute("UPDATE digest_attempts SET finished = ?, error = ? WHERE day = ? AND attempt = ?",
                   [finished, error, day, attempt])
        if error is None:
            tx.execute("UPDATE digests SET sent = ?, recipients = ?, error = NULL WHERE day = ?",
                       [finished, recipients, day])
        else:
            tx.execute("UPDATE digests SET error = ? WHERE day = ?", [error, day])
    if error is not None:
        return _replace(base, message_id=message_id, error=error)
    return _replace(base, sent=True, sent_at=finished, message_id=message_id)


def unsent_days(con: duckdb.DuckDBPyConnection, *, since: date, until: date | None = None,
                timezone: str = "UTC") -> list[date]:
    """Days from ``since`` (to ``until``, inclusive) with a digest never sent: rendered-but-unsent days and
    days that collected articles but have no digest yet, oldest first."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(timezone)
    start, _ = day_bounds(since, tz)
    end = day_bounds(until, tz)[1] if until else datetime.max
    days = {r[0] for r in con.execute(
        "SELECT day FROM digests WHERE sent IS NULL AND day >= ? AND (? IS NULL OR day <= ?)",
        [since, until, until]).fetchall()}
    sent = {r[0] for r in con.execute("SELECT day FROM digests WHERE sent IS NOT NULL").fetchall()}
    for (fetched,) in con.execute(
        "SELECT DISTINCT fetched FROM articles WHERE NOT is_seed AND fetched >= ? AND fetched < ?", [start, end]
    ).fetchall():
        d = fetched.replace(tzinfo=UTC).astimezone(tz).date()
        if d not in sent and (until is None or d <= until):
            days.add(d)
    return sorted(days)


def _aware(when: datetime | None) -> datetime:
    return (when or _utcnow()).replace(tzinfo=UTC)


def _replace(result: DeliveryResult, **changes: object) -> DeliveryResult:
    from dataclasses import replace

    return replace(result, **changes)  # type: ignore[arg-type]
