"""Faults: ingest killed with SIGKILL at several points, a second run meeting a held warehouse."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsmon.config import load_sources
from newsmon.warehouse import open_warehouse
from tests.feedserver import FeedServer

WORDS = ("officials delegation capital border talks ministry convoy harbour council river budget election "
         "court village market envoy festival museum railway bridge treaty summit bank school hospital "
         "drought harvest factory mayor senate port airline coast mountain desert province").split()


def body(seed: int) -> str:
    """Six paragraphs of distinct filler text for one page."""
    rng = random.Random(seed)
    return "".join("<p>" + " ".join(rng.choice(WORDS) for _ in range(40)) + ".</p>" for _ in range(6))



def build_site(server: FeedServer, tmp_path: Path, name: str) -> Path:
    """Three feeds of four slow pages each; one page a syndicated copy of another."""
    feeds = []
    for f in range(3):
        items = []
        for i in range(4):
            path = f"/{f}/{i}.html"
            seed = 0 if (f, i) == (2, 3) else f * 10 + i  # the last page copies the first one's text
            server.add(path, f"<html><body><article><h1>Story {f}{i}</h1>{body(seed)}"
                             f"</article></body></html>", delay=0.15)
            items.append(f"<item><title>Story {f}{i}</title><link>{server.url(path)}</link>"
                         f"<description>Summary {f}{i}</description></item>")
        url = server.add(f"/{f}/feed.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>F{f}'
                         f'</title>{"".join(items)}</channel></rss>', content_type="application/rss+xml",
                         etag=f'"f{f}"')
        feeds.append(f"  - name: Feed {f}\n    url: {url}\n")
    folder = tmp_path / name
    folder.mkdir()
    path = folder / "sources.yaml"
    path.write_text('settings:\n  allow_private_hosts: ["127.0.0.1"]\n  fetch: {interval_minutes: 10, per_host: 2}\n'
                    "feeds:\n" + "".join(feeds))
    return path


def stored(path: Path, base: str) -> tuple[list[str], set[frozenset[str]]]:
    """The stored URLs (relative to ``base``) and the copy/original pairs, unordered.

    Feeds are fetched concurrently, so which of two copies arrives first (and is the original) may
    differ between runs; the pair does not.
    """
    with open_warehouse(load_sources(path).settings.warehouse) as wh:
        urls = [r[0].removeprefix(base) for r in wh.con.execute(
            "SELECT canonical_url FROM articles WHERE NOT is_seed ORDER BY 1").fetchall()]
        pairs = {frozenset((c.removeprefix(base), o.removeprefix(base))) for c, o in wh.con.execute(
            """SELECT c.canonical_url, o.canonical_url FROM articles c JOIN articles o ON o.id = c.duplicate_of
               WHERE NOT o.is_seed""").fetchall()}
    return urls, pairs


def newsmon_env() -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    env = dict(os.environ)
    env["PREFECT_API_URL"] = str(PREFECT_API_URL.value())
    return env


@pytest.mark.parametrize("kill_after_pages", [0, 3, 8])
def test_kill_during_ingest_loses_nothing_and_rerun_completes(
    prefect_harness: None, feed_server: FeedServer, tmp_path: Path, kill_after_pages: int
) -> None:
    """SIGKILL after N page requests: the warehouse opens, and a re-run stores what one clean run stores."""
    from flows.ingest import ingest

    reference = build_site(feed_server, tmp_path, "reference")
    ingest(sources_path=str(reference))
    expected = stored(reference, feed_server.base_url)
    feed_server.clear_log()

    path = build_site(feed_server, tmp_path, "killed")
    proc = subprocess.Popen([sys.executable, "-m", "newsmon", "ingest", "--sources", str(path), "-q"],
                            env=newsmon_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        pages = sum(1 for r in feed_server.requests if r.path.endswith(".html"))
        feeds = sum(1 for r in feed_server.requests if r.path.endswith(".xml"))
        if feeds and pages >= kill_after_pages:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "ingest ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    partial, _ = stored(path, feed_server.base_url)
    ingest(sources_path=str(path))

    assert set(partial) <= set(expected[0])
    assert expected == stored(path, feed_server.base_url)
    assert (12, {frozenset({"/0/0.html", "/2/3.html"})}) == (len(expected[0]), expected[1])


def test_second_run_while_the_warehouse_is_held_gets_one_line(tmp_path: Path) -> None:
    """A second newsmon meeting a held warehouse prints one line naming it and exits 1."""
    path = tmp_path / "sources.yaml"
    path.write_text("settings:\n  warehouse: w.duckdb\nfeeds: []\n")
    with open_warehouse(tmp_path / "w.duckdb"):
        done = subprocess.run([sys.executable, "-m", "newsmon", "ingest", "--sources", str(path), "-q"],
                              capture_output=True, text=True, timeout=120)

    assert 1 == done.returncode
    assert "Traceback" not in done.stderr
    assert "w.duckdb: the warehouse is in use by another newsmon process" in done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("text, expected", [
    ("settings:\n  timezone: Nowhere/City\nfeeds: []\n", "sources.yaml:2: settings.timezone"),
    ("feeds:\n  - name: A\n    url: https://a.org/f\n  - name: A\n    url: https://b.org/f\n",
     "sources.yaml:4: feeds[1].name: duplicate feed name 'A'"),
    ("feeds:\n  - name: A\n    url: https://a.org/f\n    colour: red\n", "sources.yaml:4: feeds[0].colour"),
    ("feeds: [\n", "sources.yaml:2: invalid YAML"),
    ("settings:\n  fetch: {interval_minutes: five}\nfeeds: []\n", "sources.yaml:2: settings.fetch.interval_minutes"),
])
def test_bad_configuration_gives_one_message_and_runs_nothing(tmp_path: Path, text: str, expected: str) -> None:
    """Broken YAML, wrong types, unknown keys, duplicates, bad time zones: file:line, exit 1, nothing created."""
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    done = subprocess.run([sys.executable, "-m", "newsmon", "run", "--sources", str(path), "-q"],
                          capture_output=True, text=True, timeout=120)

    assert 1 == done.returncode
    assert expected in done.stderr and "Traceback" not in done.stderr
    assert [path] == list(tmp_path.iterdir())
