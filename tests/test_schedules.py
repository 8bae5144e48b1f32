"""Schedules in the configured time zone, due digest days, the deployments, and the overlap guard."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from prefect.server.schemas.schedules import CronSchedule as ServerCron
from prefect.server.schemas.schedules import IntervalSchedule as ServerInterval

from flows.schedules import digest_cron, digest_schedule, ingest_schedule
from newsmon.config import load_sources
from newsmon.errors import WarehouseError
from newsmon.ops.catchup import due_days
from newsmon.ops.lock import holder, run_lock


def _sources(tmp_path: Path, timezone: str = "Europe/Berlin", digest_time: str = "07:00") -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(
        f"settings:\n  timezone: {timezone}\n  digest_time: '{digest_time}'\n"
        "  fetch:\n    interval_minutes: 30\nfeeds: []\n",
        encoding="utf-8",
    )
    return path


def _dates(schedule, n: int, start: datetime) -> list[datetime]:  # type: ignore[no-untyped-def]
    """The next ``n`` dates as Prefect's server computes them from the client-side schedule."""
    server_cls = ServerCron if hasattr(schedule, "cron") else ServerInterval
    server = server_cls.model_validate(schedule.model_dump())
    return [d.astimezone(UTC) for d in asyncio.run(server.get_dates(n=n, start=start))]


def test_digest_cron_is_minute_then_hour() -> None:
    """07:05 becomes the cron line '5 7 * * *'."""
    assert "5 7 * * *" == digest_cron("07:05")


def test_digest_schedule_keeps_local_time_across_spring_forward(tmp_path: Path) -> None:
    """07:00 Europe/Berlin is 06:00 UTC before 29 March 2026 and 05:00 UTC after."""
    settings = load_sources(_sources(tmp_path)).settings
    schedule = digest_schedule(settings)

    dates = _dates(schedule, 3, datetime(2026, 3, 27, 12, 0, tzinfo=UTC))

    expected = [
        datetime(2026, 3, 28, 6, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 5, 0, tzinfo=UTC),
        datetime(2026, 3, 30, 5, 0, tzinfo=UTC),
    ]
    assert expected == dates
    assert "Europe/Berlin" == schedule.timezone


def test_digest_schedule_keeps_local_time_across_fall_back(tmp_path: Path) -> None:
    """06:30 America/New_York is 10:30 UTC before 1 November 2026 and 11:30 UTC after."""
    settings = load_sources(_sources(tmp_path, "America/New_York", "06:30")).settings

    dates = _dates(digest_schedule(settings), 2, datetime(2026, 10, 31, 12, 0, tzinfo=UTC))

    assert [datetime(2026, 11, 1, 11, 30, tzinfo=UTC), datetime(2026, 11, 2, 11, 30, tzinfo=UTC)] == dates


def test_ingest_schedule_runs_every_interval(tmp_path: Path) -> None:
    """The ingest schedule fires every fetch.interval_minutes, on the half hour."""
    settings = load_sources(_sources(tmp_path)).settings

    dates = _dates(ingest_schedule(settings), 3, datetime(2026, 3, 29, 0, 10, tzinfo=UTC))

    assert [(0, 30), (1, 0), (1, 30)] == [(d.hour, d.minute) for d in dates]


@pytest.mark.parametrize(
    ("now", "days", "expected"),
    [
        # 06:59 Berlin on 28 March: the digest of the 27th is not due yet
        (datetime(2026, 3, 28, 5, 59, tzinfo=UTC), 1, [date(2026, 3, 26)]),
        (datetime(2026, 3, 28, 6, 0, tzinfo=UTC), 1, [date(2026, 3, 27)]),
        # after the spring change 07:00 Berlin is 05:00 UTC
        (datetime(2026, 3, 30, 5, 0, tzinfo=UTC), 3, [date(2026, 3, 27), date(2026, 3, 28), date(2026, 3, 29)]),
        (datetime(2026, 3, 30, 4, 59, tzinfo=UTC), 0, [date(2026, 3, 28)]),
    ],
)
def test_due_days_follow_the_digest_time_in_the_time_zone(now: datetime, days: int, expected: list[date]) -> None:
    """A day's digest is due at digest_time the next day, local time; at least the latest is returned."""
    assert expected == due_days(now, timezone="Europe/Berlin", digest_time="07:00", days=days)


def test_deployments_are_one_at_a_time_with_the_settings(tmp_path: Path) -> None:
    """Both deployments queue their own runs (limit 1, ENQUEUE) and carry the sources path."""
    from flows.schedules import deployments
    from newsmon.ops.settings import ServeSettings

    sources = _sources(tmp_path)
    settings = load_sources(sources).settings

    ingest, digest = deployments(sources, settings, ServeSettings(catchup_days=3))

    assert (1, 1) == (ingest.concurrency_limit, digest.concurrency_limit)
    assert "ENQUEUE" == ingest.concurrency_options.collision_strategy.value
    assert (str(sources), 3) == (digest.parameters["sources_path"], digest.parameters["catchup_days"])


_HOLD = """
import sys, time
from pathlib import Path
from newsmon.ops.lock import run_lock
with run_lock(Path(sys.argv[1]), kind="ingest"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _holder(warehouse: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(warehouse), str(seconds)],
                            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[1])
    assert proc.stdout is not None
    assert "held" == proc.stdout.readline().strip()
    return proc


def test_run_lock_refuses_a_second_run_while_one_writes(tmp_path: Path) -> None:
    """While another process holds the warehouse, a run that will not wait is refused with the holder."""
    warehouse = tmp_path / "newsmon.duckdb"
    proc = _holder(warehouse, 30)
    try:
        with pytest.raises(WarehouseError, match=r"ingest run, process \d+"):
            with run_lock(warehouse, kind="digest", wait=0.5):
                pass
    finally:
        proc.kill()
        proc.wait()


def test_run_lock_queues_a_second_run_until_the_first_ends(tmp_path: Path) -> None:
    """A run that may wait starts as soon as the first run releases the warehouse."""
    warehouse = tmp_path / "newsmon.duckdb"
    proc = _holder(warehouse, 1.5)
    started = time.monotonic()

    with run_lock(warehouse, kind="digest", wait=30) as waited:
        assert holder(warehouse).startswith("digest run")

    assert 0.5 < waited < 20
    assert time.monotonic() - started < 20
    assert 0 == proc.wait(timeout=10)


def test_run_lock_is_free_after_its_holder_crashes(tmp_path: Path) -> None:
    """A holder killed with SIGKILL leaves no lock behind."""
    warehouse = tmp_path / "newsmon.duckdb"
    proc = _holder(warehouse, 60)
    proc.kill()
    proc.wait()

    with run_lock(warehouse, kind="digest", wait=0) as waited:
        assert waited < 1


def test_prefect_yaml_matches_the_flows() -> None:
    """prefect.yaml's deployments name real flows, pass only their parameters, and queue one at a time."""
    import inspect

    import yaml

    import flows.schedules as module

    spec = yaml.safe_load((Path(__file__).resolve().parents[1] / "prefect.yaml").read_text(encoding="utf-8"))
    by_name = {d["name"]: d for d in spec["deployments"]}

    assert {"ingest", "daily-digest"} == set(by_name)
    for deployment in by_name.values():
        path, func = deployment["entrypoint"].split(":")
        flow = getattr(module, func)
        accepted = set(inspect.signature(flow.fn).parameters)
        assert "flows/schedules.py" == path
        assert set(deployment["parameters"]) <= accepted
        assert {"limit": 1, "collision_strategy": "ENQUEUE"} == deployment["concurrency_limit"]
    assert "0 7 * * *" == by_name["daily-digest"]["schedules"][0]["cron"]
    assert "Europe/Berlin" == by_name["daily-digest"]["schedules"][0]["timezone"]
