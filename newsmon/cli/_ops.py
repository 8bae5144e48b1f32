"""Operations commands: serve (schedules on a Prefect server) and status (what ran, feed health)."""

from __future__ import annotations

import logging
import os
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from newsmon.cli import main
from newsmon.cli._common import expected_errors, sources_option
from newsmon.config import load_sources
from newsmon.errors import NewsmonError

log = logging.getLogger("newsmon.ops")


class _Stop(Exception):
    """SIGTERM arrived before the runner took over its handling."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop()


def _logging(verbose: bool) -> None:
    """newsmon's own lines at INFO (DEBUG with -v) on stderr; Prefect's at WARNING."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    logger = logging.getLogger("newsmon")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


@main.command()
@sources_option
@click.option("--port", type=click.IntRange(1024, 65535), default=None,
              help="Port of the local Prefect server (default: the serve settings, 4210).")
@click.option("--prefect-home", type=click.Path(file_okay=False), default=None,
              help="PREFECT_HOME of the local server (default: prefect/ beside the warehouse).")
@click.option("--api-url", envvar="PREFECT_API_URL", default=None,
              help="Use this Prefect server instead of starting one [env: PREFECT_API_URL].")
@click.option("--dask-address", envvar="NEWSMON_DASK_ADDRESS", default=None,
              help="Run ingest's extraction and analysis on this Dask scheduler [env: NEWSMON_DASK_ADDRESS].")
@click.option("--catch-up-days", type=click.IntRange(0, 7), default=None,
              help="Missed digest days rendered and sent on start, at most (default 7).")
@click.option("--keep-days", type=click.IntRange(1, 3650), default=None,
              help="Days the local Prefect server keeps flow runs and events (default 30).")
@click.option("--verbose", "-v", is_flag=True, help="Per-feed detail (DEBUG).")
@expected_errors
def serve(sources_path: str, port: int | None, prefect_home: str | None, api_url: str | None,
          dask_address: str | None, catch_up_days: int | None, keep_days: int | None,
          verbose: bool) -> None:
    """Run ingest every N minutes and the digest daily, until stopped (Ctrl-C or SIGTERM).

    Without PREFECT_API_URL it starts a local Prefect server on 127.0.0.1 (UI and API at the printed
    address) and stops it on exit. Missed digests are caught up on start.

    \b
    Example:
        newsmon serve
        newsmon serve --port 4300 --catch-up-days 3
        PREFECT_API_URL=http://prefect.lan:4200/api newsmon serve
    """
    from newsmon.ops.server import ServerError, healthy, start_server
    from newsmon.ops.settings import prefect_home as home_of
    from newsmon.ops.settings import serve_settings, server_environment

    _logging(verbose)
    sources = load_sources(Path(sources_path))
    settings = sources.settings
    ops = serve_settings(
        settings, port=port, prefect_home=prefect_home, dask_address=dask_address,
        catchup_days=catch_up_days, keep_days=keep_days,
    )
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    server = None
    try:
        if api_url:
            if not healthy(api_url, timeout=10.0):
                raise ServerError(f"the Prefect server at {api_url} does not answer its health check")
        else:
            home = home_of(settings, ops)
            env = server_environment(home, ops)
            log.info("starting a Prefect server on 127.0.0.1:%d (home %s)", ops.port, home)
            server = start_server(home, port=ops.port, environ={**os.environ, **env})
            api_url = server.url
            os.environ.update(env)
            log.info("Prefect server %s healthy (process %d); UI at %s", api_url, server.pid,
                     api_url.removesuffix("/api"))
        # the flow runs the runner starts are child processes: they read these from the environment
        os.environ["PREFECT_API_URL"] = api_url
        os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "newsmon")
        os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
        _run(Path(sources_path).resolve(), settings, ops, log_level="DEBUG" if verbose else "INFO")
    except _Stop:
        log.info("SIGTERM: stopping")
    except KeyboardInterrupt:
        log.info("interrupted: stopping")
    finally:
        signal.signal(signal.SIGTERM, _raise_stop)
        if server is not None:
            status = server.stop()
            log.info("Prefect server (process %d) stopped, status %s", server.pid, status)
        signal.signal(signal.SIGTERM, previous)


def _run(sources_path: Path, settings: Any, ops: Any, *, log_level: str) -> None:
    """Catch up missed digests, then serve both deployments until a signal stops the runner."""
    from prefect import serve as prefect_serve

    from flows.schedules import DIGEST, INGEST, deployments, scheduled_digest

    if ops.catchup_days:
        try:
            scheduled_digest(sources_path=str(sources_path), catchup_days=ops.catchup_days,
                             lock_wait_minutes=ops.lock_wait_minutes, log_level=log_level)
        except NewsmonError as exc:
            log.warning("catch-up failed: %s (the daily run tries again)", exc)
    deps = deployments(sources_path, settings, ops, log_level=log_level)
    log.info("serving %s every %d min and %s daily at %s %s", INGEST, settings.fetch.interval_minutes,
             DIGEST, settings.digest_time, settings.timezone)
    try:
        prefect_serve(*deps, print_starting_message=False)
    finally:
        from prefect.logging.handlers import APILogHandler

        APILogHandler().flush()  # send what is queued while the server is still up
    log.info("runner stopped")


@main.command()
@sources_option
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="How many runs to show.")
@expected_errors
def status(sources_path: str, limit: int) -> None:
    """Show the last runs and the feeds that are failing, stale or gone.

    \b
    Example:
        newsmon status
        newsmon status -n 30
    """
    from newsmon.status import health, last_runs
    from newsmon.warehouse import open_warehouse

    settings = load_sources(Path(sources_path)).settings
    if not settings.warehouse.exists():
        raise NewsmonError(f"{settings.warehouse}: no warehouse yet: run `newsmon ingest` first")
    with open_warehouse(settings.warehouse, wait=5.0) as wh:
        runs = last_runs(wh.con, limit=limit)
        feeds = health(wh.con, now=datetime.now(UTC).replace(tzinfo=None))
    console = Console(width=max(Console().width, 120))
    table = Table("started (UTC)", "kind", "state", "took", "feeds ok/failed", "articles new/dup",
                  "digest", title="last runs")
    for r in runs:
        took = f"{(r.finished - r.started).total_seconds():.0f}s" if r.finished else "—"
        feeds_col = f"{r.feeds_ok}/{r.feeds_failed}" if r.kind == "ingest" and r.feeds_ok is not None else ""
        arts = f"{r.articles_new}/{r.articles_copies}" if r.kind == "ingest" and r.articles_new is not None else ""
        digest = ""
        if r.digest_day:
            digest = f"{r.digest_day} written" + {True: ", sent", False: ", not sent", None: ""}[r.digest_sent]
        state = r.state if not r.error else f"failed: {r.error}"[:60]
        table.add_row(f"{r.started:%Y-%m-%d %H:%M}", r.kind, state, took, feeds_col, arts, digest)
    console.print(table)
    if not runs:
        click.echo("no runs yet")
    if feeds:
        ftable = Table("feed", "health", "why", title="feed health")
        for f in feeds:
            ftable.add_row(f.name, f.status, f.reason)
        console.print(ftable)
    else:
        click.echo("all feeds healthy")
