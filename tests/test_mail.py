"""Delivering the digest to a real SMTP server on 127.0.0.1: the message, failures, retries, exactly once."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from datetime import date
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from newsmon.config import Settings, load_sources
from newsmon.delivery import deliver, unsent_days
from newsmon.errors import MailError
from newsmon.warehouse import Warehouse, open_warehouse
from tests.digest_fixture import DAY, TIMEZONE, build_fixture

PASSWORD = "s3cret-pass-word"


class Inbox:
    """An aiosmtpd handler that keeps messages, or refuses them while ``refuse`` is set."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: str | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return self.refuse
        self.messages.append(email.message_from_bytes(envelope.content, policy=default))  # type: ignore[arg-type]
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _auth(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and data.login == b"digest" and data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on 127.0.0.1 (plain, AUTH allowed without TLS); stopped after the test."""
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=_auth,
                            auth_require_tls=False)
    controller.start()
    yield inbox, port
    controller.stop()


def _settings(tmp_path: Path, port: int, **env: str) -> Settings:
    (tmp_path / "sources.yaml").write_text(
        f"settings:\n  timezone: {TIMEZONE}\n  warehouse: w.duckdb\n  digests: digests\n"
        f"  smtp:\n    host: 127.0.0.1\n    port: {port}\n    security: plain\n"
        "    sender: newsmon@monitor.example\n    recipients: [desk@monitor.example, ed@monitor.example]\n"
        "    timeout: 5\nfeeds: []\n", encoding="utf-8")
    environ = {"NEWSMON_SMTP_USER": "digest", "NEWSMON_SMTP_PASSWORD": PASSWORD} | env
    return load_sources(tmp_path / "sources.yaml", environ=environ).settings


@pytest.fixture
def setup(tmp_path: Path, smtp: tuple[Inbox, int]) -> Iterator[tuple[Warehouse, Settings, Inbox]]:
    """The fixture warehouse, settings pointing at the test server, and its inbox."""
    inbox, port = smtp
    settings = _settings(tmp_path, port)
    build_fixture(settings.warehouse)
    with open_warehouse(settings.warehouse) as wh:
        yield wh, settings, inbox


def test_message_parts_and_headers(setup: tuple[Warehouse, Settings, Inbox]) -> None:
    """The server receives text and HTML alternatives, the chart as a related inline image, and the headers."""
    wh, settings, inbox = setup

    result = deliver(wh, settings, DAY, send=True)

    assert result.sent and 1 == len(inbox.messages)
    msg = inbox.messages[0]
    assert "multipart/alternative" == msg.get_content_type()
    text, related = msg.get_payload()  # type: ignore[misc]
    assert "text/plain" == text.get_content_type() and "multipart/related" == related.get_content_type()
    html, image = related.get_payload()
    assert ("text/html", "image/png") == (html.get_content_type(), image.get_content_type())
    assert "<trend-chart@newsmon>" == image["Content-ID"]
    assert 'src="cid:trend-chart@newsmon"' in html.get_content()
    assert settings.digests.joinpath("2026-11-27.png").read_bytes() == image.get_content()
    assert "newsmon digest — 27 Nov 2026: 5 stories, Lebanon rising" == msg["Subject"]
    assert ("newsmon@monitor.example", "desk@monitor.example, ed@monitor.example") == (msg["From"], msg["To"])
    assert msg["Date"] and result.message_id == msg["Message-ID"] and "@monitor.example>" in msg["Message-ID"]
    assert "Air strike on Nabatieh kills seven" in text.get_content()


def test_failed_send_is_recorded_and_sent_once_on_the_next_run(setup: tuple[Warehouse, Settings, Inbox]) -> None:
    """A refused send leaves the files and the error; the next run sends it; a third run sends nothing."""
    wh, settings, inbox = setup
    inbox.refuse = "451 4.3.0 mailbox busy, try later"

    failed = deliver(wh, settings, DAY, send=True)
    recorded = wh.con.execute("SELECT sent, attempts, error FROM digests WHERE day = ?", [DAY]).fetchone()
    inbox.refuse = None
    retried = deliver(wh, settings, DAY, send=True)
    again = deliver(wh, settings, DAY, send=True)

    assert not failed.sent and "451" in (failed.error or "") and failed.files.html.is_file()
    assert (None, 1) == recorded[:2] and "451" in recorded[2]
    assert retried.sent and not again.sent and "already sent" in (again.note or "")
    assert 1 == len(inbox.messages)
    assert failed.message_id == retried.message_id  # the retry is the same message


def test_resend_sends_a_second_message(setup: tuple[Warehouse, Settings, Inbox]) -> None:
    """--resend sends the day again, as a new message."""
    wh, settings, inbox = setup

    first = deliver(wh, settings, DAY, send=True)
    second = deliver(wh, settings, DAY, send=True, resend=True)

    assert 2 == len(inbox.messages) and first.message_id != second.message_id


def test_interrupted_attempt_is_not_repeated_unasked(setup: tuple[Warehouse, Settings, Inbox]) -> None:
    """An attempt without an outcome (the process died mid-send) blocks a silent second send."""
    wh, settings, inbox = setup
    deliver(wh, settings, DAY, send=False)
    wh.con.execute("INSERT INTO digest_attempts VALUES (?, 1, now()::TIMESTAMP, NULL, 'x', '<m@x>', NULL)", [DAY])

    result = deliver(wh, settings, DAY, send=True)

    assert not result.sent and "interrupted" in (result.error or "") and not inbox.messages


def test_dry_run_writes_the_message_and_sends_nothing(setup: tuple[Warehouse, Settings, Inbox]) -> None:
    """--dry-run leaves YYYY-MM-DD.eml to read; no attempt is recorded and nothing reaches the server."""
    wh, settings, inbox = setup

    result = deliver(wh, settings, DAY, send=True, dry_run=True)
    parsed = email.message_from_bytes(result.eml.read_bytes(), policy=default) if result.eml else None

    assert parsed is not None and "multipart/alternative" == parsed.get_content_type()
    assert not inbox.messages
    assert 0 == wh.con.execute("SELECT count(*) FROM digest_attempts").fetchone()[0]  # type: ignore[index]


def test_login_refused_never_reveals_the_password(tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    """A wrong password is an error naming the host and user; the password is in no message or row."""
    _inbox, port = smtp
    settings = _settings(tmp_path, port, NEWSMON_SMTP_PASSWORD="wrong-" + PASSWORD)
    build_fixture(settings.warehouse)
    with open_warehouse(settings.warehouse) as wh:
        result = deliver(wh, settings, DAY, send=True)
        rows = str(wh.con.execute("SELECT * FROM digests").fetchall() +
                   wh.con.execute("SELECT * FROM digest_attempts").fetchall())

    assert not result.sent and "127.0.0.1" in (result.error or "") and "digest" in (result.error or "")
    assert PASSWORD not in (result.error or "") and PASSWORD not in rows and PASSWORD not in repr(settings)


def test_settings_without_host_cannot_send(tmp_path: Path) -> None:
    """Sending without a host, sender or recipients is a MailError saying what is missing."""
    (tmp_path / "sources.yaml").write_text("settings:\n  warehouse: w.duckdb\nfeeds: []\n", encoding="utf-8")
    settings = load_sources(tmp_path / "sources.yaml", environ={}).settings
    build_fixture(settings.warehouse)
    with open_warehouse(settings.warehouse) as wh, pytest.raises(MailError, match="host, sender, recipients"):
        deliver(wh, settings, DAY, send=True)


def test_unsent_days_lists_days_with_articles_and_no_sent_digest(setup: tuple[Warehouse, Settings, Inbox]) -> None:
    """Days with articles but no sent digest are listed oldest first; a sent day drops out."""
    wh, settings, _inbox = setup
    before = unsent_days(wh.con, since=date(2026, 11, 22), timezone=TIMEZONE)
    deliver(wh, settings, DAY, send=True)
    after = unsent_days(wh.con, since=date(2026, 11, 22), timezone=TIMEZONE)

    assert [date(2026, 11, 23), date(2026, 11, 25), date(2026, 11, 26), DAY, date(2026, 11, 28)] == before
    assert DAY not in after and date(2026, 11, 26) in after
