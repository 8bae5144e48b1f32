"""The pipeline commands: run, ingest, digest, sources list|check, demo."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from newsmon.cli import main
from newsmon.cli._common import expected_errors, sources_option
from newsmon.config import Sources, load_sources
from newsmon.errors import WarehouseError
from newsmon.feeds import parse_feed
from newsmon.fetch import Fetcher
from newsmon.ingest import FEED_ACCEPT
from newsmon.netguard import AddressGuard
from newsmon.progress import set_reporter

console = Console(stderr=True)


def _preflight(sources_path: str) -> Sources:
    """Validate the sources and make sure the warehouse can be opened, before Prefect starts."""
    sources = load_sources(Path(sources_path))
    from newsmon.vocab import load_taxonomy
    from newsmon.warehouse import open_warehouse

    load_taxonomy(sources.settings.taxonomy)
    open_warehouse(sources.settings.warehouse, wait=5.0).close()
    return sources


class _Bar:
    """A rich progress bar fed by newsmon.progress reports."""

    def __init__(self, enabled: bool) -> None:
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, transient=True, disable=not enabled,
        )
        self.tasks: dict[str, Any] = {}

    def __call__(self, what: str, done: int, total: int) -> None:
        if what not in self.tasks:
            self.tasks[what] = self.progress.add_task(what, total=total)
        self.progress.update(self.tasks[what], completed=done, total=total)

    def __enter__(self) -> _Bar:
        self.progress.start()
        set_reporter(self)
        return self

    def __exit__(self, *exc: object) -> None:
        set_reporter(None)
        self.progress.stop()


def _print_digest(result: dict[str, Any], *, send: bool = False) -> None:
    click.echo(f"digest: {result['path']} ({result['stories']} stories)")
    if result.get("sent"):
        click.echo(f"sent: {result['message_id']}")
    elif result.get("error"):
        click.echo(f"not sent: {result['error']} (it stays on disk; the next run sends it)")
    elif send and result.get("note"):
        click.echo(result["note"])


def _summary(result: dict[str, Any]) -> str:
    return (
        f"feeds: {result['feeds_ok']} ok, {result['feeds_failed']} failed, {result['feeds_skipped']} not due"
        f" · articles: {result['articles_new']} new, {result['articles_copies']} copies,"
        f" {result['pages_fetched']} pages fetched"
    )


def _print_failures(result: dict[str, Any]) -> None:
    failed = set()
    for name, error in result.get("failures", []):
        click.echo(f"  failed: {name}: {error}")
        failed.add(name)
    for name, status, reason in result.get("health", []):
        if name not in failed:  # failing before, backing off, stale, moved or gone
            click.echo(f"  {status}: {name}: {reason}")


@main.command()
@sources_option
@click.option("--send", is_flag=True, help="Also e-mail today's digest (once; see `newsmon digest`).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@expected_errors
def run(sources_path: str, send: bool, quiet: bool) -> None:
    """Ingest every due feed, then write today's digest.

    Feeds that fail are reported and the run still succeeds.

    \b
    Example:
        newsmon run
        newsmon run --send --sources ~/monitor/sources.yaml
    """
    _preflight(sources_path)
    from flows.daily import daily

    with _Bar(not quiet):
        result = daily(sources_path=sources_path, send=send)
    click.echo(_summary(result["ingest"]))
    _print_failures(result["ingest"])
    _print_digest(result["digest"], send=send)


@main.command()
@sources_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@expected_errors
def ingest(sources_path: str, quiet: bool) -> None:
    """Fetch every due feed and store what is new (no digest).

    \b
    Example:
        newsmon ingest --sources sources.yaml
    """
    _preflight(sources_path)
    from flows.ingest import ingest as ingest_flow

    with _Bar(not quiet):
        result = ingest_flow(sources_path=sources_path)
    click.echo(_summary(result))
    _print_failures(result)


@main.group()
def sources() -> None:
    """List or check the feeds of sources.yaml.

    \b
    Example:
        newsmon sources list
        newsmon sources check
    """


@sources.command("list")
@sources_option
@expected_errors
def sources_list(sources_path: str) -> None:
    """List the feeds with their language, tags and region hints.

    \b
    Example:
        newsmon sources list --sources sources.yaml
    """
    loaded = load_sources(Path(sources_path))
    table = Table("name", "language", "tags", "regions", "url")
    for f in loaded.feeds:
        table.add_row(f.name, f.language, ",".join(f.tags), ",".join(f.regions), f.url)
    Console().print(table)
    click.echo(f"{len(loaded.feeds)} feeds in {loaded.settings.sources_path.name}")


@sources.command("check")
@sources_option
@expected_errors
def sources_check(sources_path: str) -> None:
    """Fetch each feed once and show status, items, validators, time and remembered health.

    Nothing is stored; feeds are fetched unconditionally (no ETag sent).

    \b
    Example:
        newsmon sources check
    """
    loaded = load_sources(Path(sources_path))
    settings = loaded.settings
    health = _stored_health(loaded)
    table = Table("name", "status", "items", "ETag", "Last-Modified", "time", "health")
    guard = AddressGuard(settings.allow_private_hosts)
    failed = 0
    with Fetcher(settings.fetch.model_copy(update={"retries": 0}), user_agent=settings.user_agent,
                 guard=guard) as fetcher:
        def check(feed: Any) -> tuple[Any, Any, Any]:
            started = time.monotonic()
            result = fetcher.get(feed.url, accept=FEED_ACCEPT)
            parsed = None
            if result.ok:
                parsed = parse_feed(feed.name, result.content, base_url=result.final_url or feed.url,
                                    content_type=result.headers.get("content-type"))
            return result, parsed, time.monotonic() - started

        with ThreadPoolExecutor(max_workers=settings.fetch.concurrency) as pool:
            outcomes = list(pool.map(check, loaded.feeds))
    for feed, (result, parsed, took) in zip(loaded.feeds, outcomes, strict=True):
        status = str(result.status) if result.status else "—"
        if result.error or (parsed and parsed.error and not parsed.entries):
            failed += 1
            status += f" {result.error or parsed.error}"[:60]
        elif parsed and parsed.error:
            status += " (salvaged)"
        table.add_row(
            feed.name, status, str(len(parsed.entries)) if parsed else "—",
            "yes" if result.etag else "no", "yes" if result.last_modified else "no",
            f"{took:.2f}s", health.get(feed.name, ""),
        )
    Console().print(table)
    click.echo(f"{len(loaded.feeds) - failed} of {len(loaded.feeds)} feeds answered with entries")


def _stored_health(loaded: Sources) -> dict[str, str]:
    """What the warehouse remembers of each feed's health (empty when it cannot be read now)."""
    from newsmon.health import feed_health
    from newsmon.warehouse import open_warehouse

    if not loaded.settings.warehouse.exists():
        return {}
    from datetime import UTC, datetime

    try:
        with open_warehouse(loaded.settings.warehouse) as wh:
            rows = feed_health(wh.con, now=datetime.now(UTC).replace(tzinfo=None))
    except WarehouseError:
        return {}
    return {h.name: f"{h.status}: {h.reason}" for h in rows}


@main.command()
@click.option("--dir", "folder", type=click.Path(file_okay=False), default="newsmon-demo",
              show_default=True, help="Where the demo's sources.yaml, warehouse and digests go.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@expected_errors
def demo(folder: str, quiet: bool) -> None:
    """Run the whole pipeline offline against sample feeds served on 127.0.0.1.

    The sample feeds and pages ship with newsmon (fictional, marked as sample data).

    \b
    Example:
        newsmon demo
        newsmon demo --dir /tmp/newsmon-demo
    """
    from newsmon.demo.server import start_demo_server, write_demo_sources

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    with start_demo_server() as server:
        sources_path = write_demo_sources(server.base_url, target)
        click.echo(f"demo server on {server.base_url}; sources in {sources_path}")
        _preflight(str(sources_path))
        from flows.daily import daily

        with _Bar(not quiet):
            result = daily(sources_path=str(sources_path))
    click.echo(_summary(result["ingest"]))
    _print_failures(result["ingest"])
    _print_digest(result["digest"])
