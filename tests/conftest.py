"""Shared pytest fixtures; each section serves one kind of real component on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsmon.demo.server import DemoServer, start_demo_server
from tests.feedserver import FeedServer

# -- paths ---------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"  # read-only data beside the repo; tests skip when it is absent


# -- HTTP ----------------------------------------------------------------------------------


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A running FeedServer on 127.0.0.1 with no routes; stopped after the test."""
    with FeedServer() as server:
        yield server


@pytest.fixture
def demo_server() -> Iterator[DemoServer]:
    """The demo site (sample feeds and article pages) on 127.0.0.1; stopped after the test."""
    with start_demo_server() as server:
        yield server


# -- Prefect -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for the session (telemetry off), for tests that run flows."""
    import flows  # noqa: F401  (sets newsmon's Prefect environment defaults first)

    # isort: split
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
