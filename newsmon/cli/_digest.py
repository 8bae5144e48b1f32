"""The digest command: render one day's digest, and send it over SMTP at most once."""

from __future__ import annotations

import sys
from typing import Any

import click

from newsmon.cli import main
from newsmon.cli._common import expected_errors, sources_option


@main.command()
@sources_option
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The day to render (default: today in the configured time zone).")
@click.option("--send", is_flag=True, help="Send the digest by e-mail unless that day was sent already.")
@click.option("--resend", is_flag=True, help="Send it even if that day was sent already.")
@click.option("--dry-run", is_flag=True, help="Write the e-mail as digests/YYYY-MM-DD.eml instead of sending.")
@expected_errors
def digest(sources_path: str, day: Any, send: bool, resend: bool, dry_run: bool) -> None:
    """Write the digest of one day (Markdown, HTML, text, chart) and optionally e-mail it.

    A day is sent once: a second --send of the same day does nothing unless --resend. When SMTP fails the
    digest stays on disk, the error is recorded and the next --send delivers it (exit status 1 meanwhile).

    \b
    Example:
        newsmon digest
        newsmon digest --date 2026-11-26 --dry-run
        newsmon digest --send
    """
    from newsmon.cli._pipeline import _preflight

    sources = _preflight(sources_path)
    if (send or resend) and not dry_run:
        from newsmon.mail import check_smtp

        check_smtp(sources.settings.smtp)  # before Prefect starts, so the error is one line
    from flows.digest import digest as digest_flow

    result = digest_flow(sources_path=sources_path, day=day.date().isoformat() if day else None,
                         send=send or resend, resend=resend, dry_run=dry_run)
    click.echo(f"digest: {result['path']} ({result['stories']} stories)")
    if result["eml"]:
        click.echo(f"message: {result['eml']}")
    if result["sent"]:
        click.echo(f"sent: {result['message_id']}")
    elif result["note"] and (send or resend):
        click.echo(result["note"])
    if result["error"]:
        click.echo(f"newsmon: not sent: {result['error']}", err=True)
        sys.exit(1)
