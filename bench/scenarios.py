"""The benchmark scenarios and their baselines, each measured in child processes (for peak memory).

Every timed thing runs in a fresh ``spawn`` child that reports its seconds and its own peak RSS, so
one scenario's memory never leaks into another's figure. newsmon's ingest is timed around the
``ingest(sources_path)`` flow call after a warm-up flow, so Prefect's start-up is not counted.
"""

from __future__ import annotations

import gzip
import multiprocessing as mp
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bench.farm import Farm

CTX = mp.get_context("spawn")


@dataclass(frozen=True)
class Scale:
    """How big a run is."""

    feeds: int
    items: int
    runs: int
    serial_feeds: int  # feeds the serial user loop walks (it is extrapolated per page)
    small_feeds: int  # the second, smaller size for the memory-growth check
    neardup: tuple[int, int]  # stored, lookups
    analysis: int  # articles
    digest_day: int  # articles of the synthetic digest day (bench/digestday.py)


FULL = Scale(feeds=200, items=50, runs=3, serial_feeds=10, small_feeds=50, neardup=(1_000_000, 10_000),
             analysis=300, digest_day=10_000)
QUICK = Scale(feeds=20, items=10, runs=1, serial_feeds=4, small_feeds=5, neardup=(100_000, 1_000),
              analysis=60, digest_day=2_000)


def summary(values: list[float]) -> dict[str, float]:
    """Median, min and max of a list of measurements."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def in_child(target: Callable[..., Any], *args: Any) -> Any:
    """Run ``target(*args)`` in a fresh spawned process; return what it returned (with its peak RSS)."""
    parent, child = CTX.Pipe()
    process = CTX.Process(target=_child_main, args=(target, args, child))
    process.start()
    result = parent.recv()
    process.join()
    if isinstance(result, BaseException):
        raise result
    return result


def _child_main(target: Callable[..., Any], args: tuple[Any, ...], conn: Any) -> None:
    try:
        out = target(*args)
        out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        conn.send(out)
    except BaseException as exc:  # noqa: BLE001 - sent to the parent and raised there
        conn.send(RuntimeError(f"{type(exc).__name__}: {exc}"))


# ---------------------------------------------------------------- newsmon ingest

def write_sources(folder: Path, farm: Farm, *, feeds: int | None = None) -> Path:
    """A sources.yaml for the farm's feeds (all, or the first ``feeds``), warehouse in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    urls = farm.feed_urls()[: feeds or None]
    lines = [
        "settings:",
        "  timezone: UTC",
        "  warehouse: warehouse.duckdb",
        "  digests: digests",
        f"  allow_private_hosts: [{', '.join(repr(h) for h in farm.hosts)}]",
        "  fetch:",
        "    interval_minutes: 10",
        "    concurrency: 8",
        "    per_host: 2",
        f"    max_entries_per_feed: {farm.cfg.items}",
        f"    max_pages_per_run: {len(urls) * farm.cfg.items * 2}",
        "    respect_robots: false",
        "feeds:",
    ]
    for i, url in enumerate(urls):
        lines += [f"  - name: farm-{i:04d}", f"    url: {url}"]
    path = folder / "sources.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _prefect_env(home: Path) -> None:
    os.environ.setdefault("PREFECT_HOME", str(home / "prefect"))
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")


@contextmanager
def prefect_server(home: Path) -> Iterator[str]:
    """One Prefect API server on loopback for every child (each would otherwise start its own, ~25 s)."""
    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PREFECT_HOME": str(home / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "DO_NOT_TRACK": "1", "PREFECT_LOGGING_LEVEL": "WARNING"}
    env.pop("PREFECT_API_URL", None)
    log = (home / "prefect-server.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Prefect server did not start; see {home / 'prefect-server.log'}")
            time.sleep(0.5)
        os.environ["PREFECT_API_URL"] = url
        yield url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        server.terminate()
        server.wait(30)
        log.close()


def reset_due(warehouse: Path) -> None:
    """Make every feed due again (validators kept), so a re-run inside the interval fetches them."""
    import duckdb

    con = duckdb.connect(str(warehouse))
    con.execute("UPDATE feeds SET next_due = NULL, last_fetched = NULL")
    con.close()


def _run_ingest(sources: str, home: str) -> dict[str, Any]:
    _prefect_env(Path(home))
    from prefect import flow

    from flows.ingest import ingest

    flow(lambda: None, name="bench-warm-up")()  # starts Prefect's ephemeral API before timing
    start = time.perf_counter()
    counts = ingest(sources)
    return {"seconds": time.perf_counter() - start, "counts": {k: v for k, v in counts.items() if k != "failures"},
            "failures": len(counts.get("failures") or [])}


def ingest_once(sources: Path, home: Path) -> dict[str, Any]:
    """One ingest flow run in a child process: seconds, counts, peak RSS (Prefect's home in ``home``)."""
    return in_child(_run_ingest, str(sources), str(home))  # type: ignore[no-any-return]


# ---------------------------------------------------------------- baselines

def _extract_file(path: str) -> int:
    import trafilatura

    from newsmon.extract import TRAFILATURA_OPTIONS

    text = gzip.decompress(Path(path).read_bytes()).decode("utf-8")
    doc = trafilatura.bare_extraction(text, url="http://farm.invalid/", with_metadata=True,
                                      output_format="python", **TRAFILATURA_OPTIONS)
    return len(getattr(doc, "text", "") or "")


def _extraction_floor(paths: list[str], workers: int) -> dict[str, Any]:
    import trafilatura  # noqa: F401 - imported before timing, as newsmon has it loaded

    with CTX.Pool(workers) as pool:
        pool.map(_extract_file, paths[:workers])  # warm the workers' imports
        start = time.perf_counter()
        chars = pool.map(_extract_file, paths, chunksize=8)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "pages": len(paths), "empty": sum(1 for c in chars if c < 100)}


def extraction_floor(farm: Farm, workers: int, *, feeds: int | None = None) -> dict[str, Any]:
    """trafilatura alone (newsmon's options) over the farm's pages, in ``workers`` processes."""
    limit = (feeds or farm.cfg.feeds) * farm.cfg.items
    paths = [str(p) for p in list(farm.page_files())[:limit]]
    return in_child(_extraction_floor, paths, workers)  # type: ignore[no-any-return]


def _request_floor(urls: list[str], validators: dict[str, tuple[str | None, str | None]],
                   concurrency: int) -> dict[str, Any]:
    import httpx

    statuses: list[int] = []
    with httpx.Client(limits=httpx.Limits(max_connections=concurrency), trust_env=False,
                      headers={"Accept-Encoding": "gzip"}) as client:
        def get(url: str) -> int:
            etag, modified = validators.get(url, (None, None))
            headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
            return client.get(url, headers=headers).status_code

        start = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            statuses = list(pool.map(get, urls))
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "not_modified": statuses.count(304), "requests": len(statuses)}


def request_floor(warehouse: Path, urls: list[str], concurrency: int) -> dict[str, Any]:
    """Plain httpx conditional GETs of the feeds with the validators the warehouse stored."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    validators = {u: (e, m) for u, e, m in con.execute("SELECT url, etag, last_modified FROM feeds").fetchall()}
    con.close()
    return in_child(_request_floor, urls, validators, concurrency)  # type: ignore[no-any-return]


def _serial_loop(urls: list[str]) -> dict[str, Any]:
    import feedparser
    import trafilatura
    from trafilatura.settings import use_config

    # trafilatura refuses loopback addresses by default (SSRF protection): the farm lives there
    config = use_config()
    config.set("DEFAULT", "SSRF_PROTECTION", "off")
    pages = extracted = 0
    start = time.perf_counter()
    for url in urls:
        for entry in feedparser.parse(url).entries:
            pages += 1
            downloaded = trafilatura.fetch_url(entry.link, config=config)
            if downloaded and trafilatura.extract(downloaded, config=config):
                extracted += 1
    return {"seconds": time.perf_counter() - start, "pages": pages, "extracted": extracted}


def serial_loop(farm: Farm, feeds: int) -> dict[str, Any]:
    """What a user writes instead: feedparser.parse(url), then fetch_url + extract per entry, serially."""
    return in_child(_serial_loop, farm.feed_urls()[:feeds])  # type: ignore[no-any-return]


# ---------------------------------------------------------------- scenarios 4-6

def neardup(stored: int, lookups: int) -> dict[str, Any]:
    """Scenario 4 through the near-dup owner's bench/neardup_scale.py (each side in its own process)."""
    from bench import neardup_scale

    out: dict[str, Any] = {"stored": stored, "lookups": lookups}
    for name, fn in (("newsmon", neardup_scale.run_newsmon), ("datasketch", neardup_scale.run_datasketch)):
        queue: Any = CTX.Queue()
        process = CTX.Process(target=fn, args=(stored, lookups, queue))
        process.start()
        # (name, build s, lookup s, found, peak RSS MB[, sketching s, query s]): the owner's tuple
        row = queue.get()
        process.join()
        out[name] = {"build_seconds": row[1], "lookup_seconds": row[2], "with_match": row[3], "peak_rss_mb": row[4]}
        if len(row) > 6 and row[5] is not None:
            out[name] |= {"sketching_seconds": row[5], "query_seconds": row[6]}
    return out


def _analysis(count: int) -> dict[str, Any]:
    from bench.analysis import articles, rate
    from newsmon.escalation import analyze
    from newsmon.vocab import load_taxonomy

    taxonomy = load_taxonomy()
    docs = articles(count)
    analyze(*docs[0], taxonomy=taxonomy)
    per_second = rate(lambda t, x: analyze(t, text=x, taxonomy=taxonomy), docs)
    words = sum(len(t.split()) + len(x.split()) for t, x in docs) / len(docs)
    return {"articles": count, "mean_words": words, "articles_per_second_per_core": per_second}


def analysis(count: int) -> dict[str, Any]:
    """Scenario 5 through the analysis owner's bench/analysis.py, on one core."""
    return in_child(_analysis, count)  # type: ignore[no-any-return]


def _digest(warehouse: str, runs: int, day: date | None = None) -> dict[str, Any]:
    import duckdb

    from newsmon.digest import collect

    try:
        from newsmon.render import render_html, render_markdown, render_text
    except ImportError:  # before the digest moved its rendering to newsmon.render
        from newsmon.digest import render_markdown  # type: ignore[attr-defined,no-redef]
        render_html = render_text = render_markdown  # type: ignore[assignment]

    con = duckdb.connect(warehouse, read_only=True)
    if day is None:
        (day,) = con.execute("SELECT max(fetched)::DATE FROM articles WHERE NOT is_seed").fetchone()  # type: ignore[misc]
    (articles,) = con.execute(
        "SELECT count(*) FROM articles WHERE NOT is_seed AND fetched::DATE = ?", [day]).fetchone()  # type: ignore[misc]
    times, size, stories = [], 0, 0
    for _ in range(runs):
        start = time.perf_counter()
        data = collect(con, day, timezone="UTC", min_level=1)
        text = render_markdown(data)
        render_html(data)
        render_text(data)
        times.append(time.perf_counter() - start)
        size = len(text)
        stories = data.stories if isinstance(getattr(data, "stories", None), int) else len(data.other)
    con.close()
    return {"seconds": summary(times), "articles": articles, "stories_shown": stories, "markdown_chars": size}


def digest(warehouse: Path, runs: int) -> dict[str, Any]:
    """Scenario 6 on real pages: collect + render Markdown, HTML and text of the day the cold ingest filled."""
    return in_child(_digest, str(warehouse), runs)  # type: ignore[no-any-return]


def _digest_day(folder: str, articles: int, runs: int) -> dict[str, Any]:
    from bench import digestday

    path = Path(folder) / f"digest-day-{articles}.duckdb"
    start = time.perf_counter()
    day = digestday.build(path, articles)
    built = time.perf_counter() - start
    out = _digest(str(path), runs, day)
    path.unlink()
    return out | {"build_seconds": built, "synthetic": True}


def digest_day(folder: Path, articles: int, runs: int) -> dict[str, Any]:
    """Scenario 6 at scale: the same digest over a synthetic day of ``articles`` (bench/digestday.py)."""
    return in_child(_digest_day, str(folder), articles, runs)  # type: ignore[no-any-return]


def copy_warehouse(source: Path, folder: Path) -> Path:
    """A copy of a warehouse folder's DuckDB file into ``folder`` (for runs that change it)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, folder / "warehouse.duckdb")
    return folder / "warehouse.duckdb"


def today() -> str:
    return datetime.now().strftime("%Y-%m-%d")
