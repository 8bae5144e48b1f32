"""Catch-up after downtime: missed digest days rendered, then each sent exactly once, oldest first."""

from __future__ import annotations

import email
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from email import policy
from email.message import Message
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from newsmon.config import Settings, load_sources
from newsmon.ops.catchup import catch_up, due_days, smtp_ready
from newsmon.ops.server import free_port
from newsmon.warehouse import open_warehouse

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # 10:00 in Berlin: the digest of the 26th is due


class _Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@contextmanager
def _smtp(port: int) -> Iterator[_Inbox]:
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def _settings(tmp_path: Path, port: int) -> Settings:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "settings:\n  timezone: Europe/Berlin\n  digest_time: '07:00'\n"
        f"  smtp:\n    host: 127.0.0.1\n    port: {port}\n    security: plain\n    timeout: 5\n"
        "    sender: newsmon@example.org\n    recipients: [reader@example.org]\nfeeds: []\n",
        encoding="utf-8",
    )
    return load_sources(path, environ={}).settings


def test_catch_up_renders_missed_days_then_sends_each_once_oldest_first(tmp_path: Path) -> None:
    """Days missed while SMTP was down are rendered; the next catch-ups send each once, oldest first."""
    port = free_port()
    settings = _settings(tmp_path, port)
    days = due_days(NOW, timezone=settings.timezone, digest_time=settings.digest_time, days=3)
    assert smtp_ready(settings)

    with open_warehouse(settings.warehouse) as wh:
        down = catch_up(wh, settings, days, send=True)  # nothing listens on the port yet
        with _smtp(port) as inbox:
            first = catch_up(wh, settings, days, send=True)
            again = catch_up(wh, settings, days, send=True)
        sent = dict(wh.con.execute("SELECT day, sent IS NOT NULL FROM digests").fetchall())

    assert [date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26)] == days
    assert [True] * 3 == [o.rendered for o in down]
    assert all(o.error and not o.sent for o in down)
    assert [(d, False, True) for d in days] == [(o.day, o.rendered, o.sent) for o in first]
    assert [False] * 3 == [o.sent for o in again]
    assert 3 == len(inbox.messages)
    assert ["24", "25", "26"] == [_day_in(m["Subject"]) for m in inbox.messages]
    assert {d: True for d in days} == sent
    assert all((settings.digests / f"{d}.md").is_file() for d in days)


def test_catch_up_without_smtp_renders_only_the_days_not_on_disk(tmp_path: Path) -> None:
    """With sending off, a second catch-up renders nothing new and sends nothing."""
    settings = _settings(tmp_path, free_port())
    days = due_days(NOW, timezone=settings.timezone, digest_time=settings.digest_time, days=2)

    with open_warehouse(settings.warehouse) as wh:
        first = catch_up(wh, settings, days, send=False)
        second = catch_up(wh, settings, days, send=False)

    assert [(True, False)] * 2 == [(o.rendered, o.sent) for o in first]
    assert [(False, False)] * 2 == [(o.rendered, o.sent) for o in second]


def _day_in(subject: str) -> str:
    """The day of month in a subject such as 'newsmon digest — 24 Nov 2026: ...'."""
    found = re.search(r"— (\d{1,2}) ", subject)
    assert found, subject
    return found.group(1).zfill(2)
