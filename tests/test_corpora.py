"""Every feedparser fixture goes through newsmon's feed layer over loopback HTTP without raising."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsmon.config import FetchSettings
from newsmon.fetch import Fetcher
from newsmon.ingest import fetch_feed
from newsmon.models import Feed
from newsmon.netguard import AddressGuard
from tests.conftest import SHARED
from tests.feedserver import FeedServer

FIXTURES = SHARED / "data" / "feedparser-fixtures" / "tests"
_HEADER = re.compile(rb"^Header:\s*([A-Za-z-]+):\s*(.*?)\s*$", re.MULTILINE)


def fixture_headers(body: bytes) -> dict[str, str]:
    """The ``Header:`` lines of a fixture's leading comment, as HTTP headers."""
    comment = body[: body.find(b"-->")] if b"-->" in body[:4000] else b""
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in _HEADER.findall(comment)}


@pytest.mark.skipif(not FIXTURES.is_dir(), reason="../shared is absent")
def test_every_feedparser_fixture_is_fetched_and_parsed(feed_server: FeedServer) -> None:
    """2,100 fixtures, headers applied: each gives entries, a recorded error, or an empty valid feed."""
    files = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in (".xml", ".json", ".rdf", ""))
    outcomes = {}
    with Fetcher(FetchSettings(retries=0), user_agent="newsmon/test", guard=AddressGuard(["127.0.0.1"])) as f:
        for file in files:
            body = file.read_bytes()
            headers = fixture_headers(body)
            ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "application/xml")
            extra = {k: v for k, v in headers.items() if k.lower() != "content-type"}
            rel = file.relative_to(FIXTURES).as_posix()
            url = feed_server.add(f"/{rel}", body, content_type=ctype, headers=extra)
            outcomes[rel] = fetch_feed(f, Feed(name=rel, url=url), None, max_entries=100)

    assert len(files) == len(outcomes) > 2000
    unexplained = [r for r, o in outcomes.items() if o.outcome == "failed" and not o.error]
    assert [] == unexplained
    expected_bozo = {r for r in outcomes if r.startswith("illformed/") and _expects_bozo(FIXTURES / r)}
    silent = sorted(r for r in expected_bozo if not outcomes[r].error)
    assert len(expected_bozo) >= 5
    assert [] == silent


def _expects_bozo(file: Path) -> bool:
    match = re.search(rb"Expect:\s*(.*)", file.read_bytes()[:2000])
    return bool(match) and match.group(1).strip() == b"bozo"
