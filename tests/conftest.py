"""Shared pytest fixtures; each section serves one kind of real component on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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
