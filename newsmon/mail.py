"""The digest as an e-mail: building the MIME message and sending it over SMTP with the standard library.

The message is ``multipart/alternative`` (text, then ``multipart/related`` HTML with the chart as an inline
image). Sending speaks plain SMTP, STARTTLS or SSL and logs in when a user is set; the password is never
logged, written or put into an error message.
"""

from __future__ import annotations

import secrets
import smtplib
import ssl
from collections.abc import Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

from newsmon.config import SmtpSettings
from newsmon.errors import MailError
from newsmon.render import CHART_CID, DigestFiles, data_uri


def new_message_id(sender: str, day: object) -> str:
    """A fresh Message-ID in the sender's domain, naming the digest day."""
    domain = sender.rpartition("@")[2].strip(" >") or "newsmon.invalid"
    return f"<digest.{day}.{secrets.token_hex(8)}@{domain}>"  # short enough never to be folded


def build_message(files: DigestFiles, *, sender: str, recipients: Sequence[str], message_id: str,
                  when: datetime) -> EmailMessage:
    """The e-mail of a rendered digest: text and HTML alternatives, the chart as a related inline image."""
    if when.tzinfo is None:
        raise ValueError("the Date header needs an aware datetime")
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = files.subject
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(files.text.read_text(encoding="utf-8"), subtype="plain", charset="utf-8", cte="quoted-printable")
    html = files.html.read_text(encoding="utf-8")
    png = files.chart.read_bytes() if files.chart and files.chart.is_file() else None
    if png is not None:
        html = html.replace(data_uri(png), f"cid:{CHART_CID}")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    if png is not None:
        html_part = msg.get_payload()[1]  # type: ignore[index]
        assert isinstance(html_part, EmailMessage)
        html_part.add_related(png, maintype="image", subtype="png", cid=f"<{CHART_CID}>",
                              filename=files.chart.name if files.chart else "chart.png", disposition="inline")
    return msg


def write_eml(msg: EmailMessage, path: Path) -> Path:
    """Write the message as an ``.eml`` file (what ``--dry-run`` leaves to inspect)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(msg.as_bytes())
    tmp.replace(path)
    return path


def check_smtp(smtp: SmtpSettings) -> None:
    """Raise MailError when the settings cannot send: no host, no sender or no recipients."""
    missing = [name for name, value in (("host", smtp.host), ("sender", smtp.sender),
                                        ("recipients", smtp.recipients)) if not value]
    if missing:
        raise MailError(
            f"cannot send the digest: settings.smtp has no {', '.join(missing)} "
            "(set them in sources.yaml or NEWSMON_SMTP_*)"
        )
    try:
        Address(addr_spec=str(smtp.sender))
    except (ValueError, IndexError) as exc:
        raise MailError(f"settings.smtp.sender {smtp.sender!r} is not an e-mail address") from exc


def send_message(msg: EmailMessage, smtp: SmtpSettings) -> None:
    """Send ``msg`` to ``smtp.recipients``; raise MailError naming the host (never the password)."""
    check_smtp(smtp)
    host, port = str(smtp.host), smtp.port
    context = ssl.create_default_context()
    try:
        client: smtplib.SMTP
        if smtp.security == "ssl":
            client = smtplib.SMTP_SSL(host, port, timeout=smtp.timeout, context=context)
        else:
            client = smtplib.SMTP(host, port, timeout=smtp.timeout)
        with client:
            client.ehlo()
            if smtp.security == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if smtp.user:
                client.login(smtp.user, smtp.password or "")
            refused = client.send_message(msg, from_addr=smtp.sender, to_addrs=list(smtp.recipients))
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"SMTP {host}:{port}: login as {smtp.user!r} refused ({exc.smtp_code})") from exc
    except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
        raise MailError(f"SMTP {host}:{port}: {_describe(exc)}") from exc
    if refused:
        raise MailError(f"SMTP {host}:{port}: refused recipients: {', '.join(sorted(refused))}")


def _describe(exc: BaseException) -> str:
    """The error in one line; SMTP replies are shown as code and text, never with credentials."""
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {' '.join(text.split())}"
    return " ".join(str(exc).split()) or type(exc).__name__
