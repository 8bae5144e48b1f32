"""Run every benchmark scenario beside its baselines on the loopback feed farm; write JSON and a table.

    python -m bench            # 200 feeds x 50 articles, 3 runs each, 1,000,000 stored sketches
    python -m bench --quick    # 20 feeds x 10 articles, 1 run each, 100,000 stored (under 2 minutes)

Results go to bench/results/<date>-<full|quick>.json and a Markdown table beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, replace
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from bench import scenarios as sc
from bench.farm import Farm, FarmConfig

RESULTS = Path(__file__).resolve().parent / "results"
PACKAGES = ("newsmon", "prefect", "httpx", "feedparser", "trafilatura", "lxml", "duckdb", "datasketch", "numpy")


def machine() -> dict[str, Any]:
    """Cores, memory, Python and the versions that matter, for the results file."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = version(name)
        except Exception:  # noqa: BLE001 - a missing package is reported, not fatal
            versions[name] = None
    return {"cores": os.cpu_count(), "memory_gb": round(memory, 1), "python": platform.python_version(),
            "platform": platform.platform(), "packages": versions, "load_at_start": os.getloadavg()}


def _median(runs: list[dict[str, Any]], key: str = "seconds") -> float:
    return statistics.median(r[key] for r in runs)


def run(scale: sc.Scale, latency: float, work: Path, cache: Path, only: set[str]) -> dict[str, Any]:
    """All scenarios at ``scale``; returns the results document."""
    cfg = FarmConfig(feeds=scale.feeds, items=scale.items, hosts=min(20, scale.feeds), latency=latency)
    out: dict[str, Any] = {"date": datetime.now().isoformat(timespec="seconds"), "machine": machine(),
                           "scale": asdict(scale), "farm": asdict(cfg), "scenarios": {}}
    res = out["scenarios"]
    workers = os.cpu_count() or 1
    needs_farm = only & {"cold", "warm", "incremental", "digest"}
    if "digest" in only:
        res["digest"] = sc.digest_day(work, scale.digest_day, max(scale.runs, 3))
        print(f"  digest of a synthetic day: {res['digest']['seconds']['median']:.2f} s for "
              f"{res['digest']['articles']} articles", flush=True)
    if needs_farm:
        t = time.perf_counter()
        with Farm(cfg, cache=cache) as farm, sc.prefect_server(work):
            print(f"farm: {cfg.feeds} feeds x {cfg.items} on {cfg.hosts} hosts, latency {latency * 1000:.0f} ms "
                  f"(ready in {time.perf_counter() - t:.1f} s)", flush=True)
            cold = []
            for r in range(scale.runs):
                folder = work / f"cold-{r}"
                farm.reset_stats()
                one = sc.ingest_once(sc.write_sources(folder, farm), work)
                one["farm_requests"] = farm.stats()
                cold.append(one)
                print(f"  cold ingest run {r + 1}: {one['seconds']:.1f} s, {one['peak_rss_mb']:.0f} MB", flush=True)
            base = work / "cold-0" / "warehouse.duckdb"
            floor = [sc.extraction_floor(farm, workers) for _ in range(scale.runs)]
            print(f"  extraction floor ({workers} processes): {_median(floor):.1f} s", flush=True)
            serial = sc.serial_loop(farm, scale.serial_feeds)
            serial["extrapolated_seconds"] = serial["seconds"] * cfg.feeds / scale.serial_feeds
            print(f"  serial user loop over {scale.serial_feeds} feeds: {serial['seconds']:.1f} s "
                  f"(x{cfg.feeds / scale.serial_feeds:g} = {serial['extrapolated_seconds']:.0f} s)", flush=True)
            small_dir = work / "small"
            small = sc.ingest_once(sc.write_sources(small_dir, farm, feeds=scale.small_feeds), work)
            res["cold"] = {
                "newsmon": cold, "seconds": sc.summary([c["seconds"] for c in cold]),
                "peak_rss_mb": sc.summary([c["peak_rss_mb"] for c in cold]),
                "extraction_floor": floor, "extraction_floor_seconds": sc.summary([f["seconds"] for f in floor]),
                "extraction_workers": workers, "serial_loop": serial,
                "memory_growth": {"articles": [scale.small_feeds * cfg.items, cfg.feeds * cfg.items],
                                  "peak_rss_mb": [small["peak_rss_mb"], statistics.median(
                                      c["peak_rss_mb"] for c in cold)], "small_run": small},
                "ratio_to_extraction_floor": _median(cold) / _median(floor),
                "speedup_over_serial_loop": serial["extrapolated_seconds"] / _median(cold),
            }
            if "warm" in only:
                folder = work / "warm"
                warehouse = sc.copy_warehouse(base, folder)
                sources = sc.write_sources(folder, farm)
                warm = []
                for r in range(scale.runs):
                    sc.reset_due(warehouse)
                    farm.reset_stats()
                    one = sc.ingest_once(sources, work)
                    one["farm_requests"] = farm.stats()
                    warm.append(one)
                    print(f"  warm re-run {r + 1}: {one['seconds']:.2f} s {one['farm_requests']}", flush=True)
                floor_r = [sc.request_floor(warehouse, farm.feed_urls(), 8) for _ in range(scale.runs)]
                print(f"  request floor: {_median(floor_r):.2f} s", flush=True)
                res["warm"] = {
                    "newsmon": warm, "seconds": sc.summary([w["seconds"] for w in warm]),
                    "peak_rss_mb": sc.summary([w["peak_rss_mb"] for w in warm]),
                    "request_floor": floor_r, "request_floor_seconds": sc.summary([f["seconds"] for f in floor_r]),
                    "ratio_to_request_floor": _median(warm) / _median(floor_r),
                    "pages_requested": max(w["farm_requests"].get("page 200", 0) + w["farm_requests"].get(
                        "page 304", 0) for w in warm),
                    "feeds_not_modified": min(w["farm_requests"].get("feed 304", 0) for w in warm),
                }
            if "incremental" in only:
                folder = work / "incremental"
                warehouse = sc.copy_warehouse(base, folder)
                sources = sc.write_sources(folder, farm)
                incr = []
                for r in range(scale.runs):
                    added = farm.advance(0.05)
                    sc.reset_due(warehouse)
                    farm.reset_stats()
                    one = sc.ingest_once(sources, work)
                    one["farm_requests"] = farm.stats()
                    one["new_entries"] = added
                    incr.append(one)
                    print(f"  incremental run {r + 1} (+{added}): {one['seconds']:.2f} s {one['farm_requests']}",
                          flush=True)
                per_page_floor = _median(floor) / (cfg.feeds * cfg.items)
                res["incremental"] = {
                    "newsmon": incr, "seconds": sc.summary([i["seconds"] for i in incr]),
                    "peak_rss_mb": sc.summary([i["peak_rss_mb"] for i in incr]),
                    "new_entries_per_run": incr[0]["new_entries"],
                    "extraction_floor_share_seconds": per_page_floor * incr[0]["new_entries"],
                }
            if "digest" in only:
                res["digest_ingested"] = sc.digest(base, max(scale.runs, 3))
                print(f"  digest of the ingested day: {res['digest_ingested']['seconds']['median']:.2f} s for "
                      f"{res['digest_ingested']['articles']} articles", flush=True)
    if "neardup" in only:
        res["neardup"] = sc.neardup(*scale.neardup)
        print(f"  near-duplicates: {res['neardup']}", flush=True)
    if "analysis" in only:
        res["analysis"] = sc.analysis(scale.analysis)
        print(f"  analysis: {res['analysis']['articles_per_second_per_core']:.0f} articles/s/core", flush=True)
    return out


def table(doc: dict[str, Any]) -> str:
    """The results as a Markdown table (median of N, min-max, peak RSS, ratio, target)."""
    s = doc["scenarios"]
    rows = ["| scenario | newsmon median (min-max) | peak RSS | baseline | ratio | target |",
            "|---|---|---|---|---|---|"]

    def span(x: dict[str, float], unit: str = "s") -> str:
        return f"{x['median']:.2f} {unit} ({x['min']:.2f}-{x['max']:.2f}, n={x['n']})"

    if "cold" in s:
        c = s["cold"]
        g = c["memory_growth"]
        rows.append(f"| 1. cold ingest, {doc['farm']['feeds']} feeds x {doc['farm']['items']} | {span(c['seconds'])} | "
                    f"{c['peak_rss_mb']['median']:.0f} MB | extraction floor ({c['extraction_workers']} processes) "
                    f"{span(c['extraction_floor_seconds'])} | {c['ratio_to_extraction_floor']:.2f} x floor | <= 1.25 x "
                    f"{'met' if c['ratio_to_extraction_floor'] <= 1.25 else 'MISSED'} |")
        rows.append(f"| 1. vs the serial user loop | | {c['serial_loop']['peak_rss_mb']:.0f} MB (loop) | "
                    f"feedparser + fetch_url + extract: {c['serial_loop']['extrapolated_seconds']:.0f} s (extrapolated "
                    f"from {doc['scale']['serial_feeds']} feeds) | {c['speedup_over_serial_loop']:.1f} x faster | "
                    f"about 6 x |")
        rows.append(f"| 1. memory growth | {g['articles'][0]:,} vs {g['articles'][1]:,} articles | "
                    f"{g['peak_rss_mb'][0]:.0f} vs {g['peak_rss_mb'][1]:.0f} MB | | "
                    f"{g['peak_rss_mb'][1] / g['peak_rss_mb'][0]:.2f} x for {g['articles'][1] / g['articles'][0]:.0f} x "
                    f"the articles | flat |")
    if "warm" in s:
        w = s["warm"]
        rows.append(f"| 2. warm re-run (all 304) | {span(w['seconds'])} | {w['peak_rss_mb']['median']:.0f} MB | "
                    f"httpx conditional GETs {span(w['request_floor_seconds'])} | {w['ratio_to_request_floor']:.2f} x "
                    f"floor; {w['pages_requested']} pages fetched | <= 1.5 x, 0 pages "
                    f"{'met' if w['ratio_to_request_floor'] <= 1.5 and w['pages_requested'] == 0 else 'MISSED'} |")
    if "incremental" in s:
        i = s["incremental"]
        rows.append(f"| 3. incremental, +{i['new_entries_per_run']} entries (5%) | {span(i['seconds'])} | "
                    f"{i['peak_rss_mb']['median']:.0f} MB | extraction floor share "
                    f"{i['extraction_floor_share_seconds']:.2f} s | "
                    f"{i['seconds']['median'] / max(i['extraction_floor_share_seconds'], 1e-9):.1f} x | - |")
    if "neardup" in s:
        n = s["neardup"]
        ours, theirs = n["newsmon"], n["datasketch"]
        met = ours["lookup_seconds"] <= 10 and ours["peak_rss_mb"] <= 1024 and ours["lookup_seconds"] <= theirs[
            "lookup_seconds"]
        rows.append(f"| 4. near-dup, {n['lookups']:,} vs {n['stored']:,} | lookups {ours['lookup_seconds']:.2f} s "
                    f"(build {ours['build_seconds']:.1f} s) | {ours['peak_rss_mb']:.0f} MB | datasketch MinHashLSH "
                    f"lookups {theirs['lookup_seconds']:.2f} s (build {theirs['build_seconds']:.1f} s, "
                    f"{theirs['peak_rss_mb']:.0f} MB) | {theirs['lookup_seconds'] / ours['lookup_seconds']:.1f} x "
                    f"faster | <= 10 s, 1 GB, <= datasketch {'met' if met else 'MISSED'} |")
    if "analysis" in s:
        a = s["analysis"]
        rows.append(f"| 5. analysis, {a['articles']} texts of {a['mean_words']:.0f} words | "
                    f"{a['articles_per_second_per_core']:.0f} articles/s/core | {a['peak_rss_mb']:.0f} MB | | | |")
    for key, what in (("digest_ingested", "the ingested day"), ("digest", "a synthetic day")):
        if key in s:
            d = s[key]
            rows.append(f"| 6. digest, {what} of {d['articles']:,} articles | {span(d['seconds'])} | "
                        f"{d['peak_rss_mb']:.0f} MB | | {d['stories_shown']} stories shown | |")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Parse the options, run, write the JSON and the table."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smaller scale that finishes in under 2 minutes")
    parser.add_argument("--runs", type=int, help="runs per scenario (default 3, quick 1)")
    parser.add_argument("--feeds", type=int, help="override the number of feeds")
    parser.add_argument("--items", type=int, help="override the entries per feed")
    parser.add_argument("--digest-day", type=int, help="articles of the synthetic digest day (10,000; quick 2,000)")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added to every request (0.05)")
    parser.add_argument("--only", default="cold,warm,incremental,neardup,analysis,digest",
                        help="comma-separated scenarios to run")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the results")
    args = parser.parse_args(argv)
    scale = sc.QUICK if args.quick else sc.FULL
    for key in ("runs", "feeds", "items", "digest_day"):
        if getattr(args, key):
            scale = replace(scale, **{key: getattr(args, key)})
    if args.feeds:
        scale = replace(scale, small_feeds=max(1, args.feeds // 4), serial_feeds=min(scale.serial_feeds, args.feeds))
    only = set(args.only.split(","))
    started = time.perf_counter()
    cache = Path(tempfile.gettempdir()) / "newsmon-bench-cache"
    with tempfile.TemporaryDirectory(prefix="newsmon-bench-") as tmp:
        doc = run(scale, args.latency, Path(tmp), cache, only)
    doc["wall_seconds"] = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    label = "custom" if (args.runs or args.feeds or args.items or args.digest_day) else "quick" if args.quick else "full"
    stem = f"{datetime.now():%Y-%m-%d-%H%M}-{label}"
    (args.out / f"{stem}.json").write_text(json.dumps(doc, indent=2, default=str) + "\n", encoding="utf-8")
    md = table(doc)
    (args.out / f"{stem}.md").write_text(md, encoding="utf-8")
    print()
    print(md)
    print(f"wrote {args.out / stem}.json and .md in {doc['wall_seconds']:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
