"""Profile one ingest scenario (cold, warm or incremental) on the feed farm, in this process.

    py-spy record --subprocesses -r 50 -f raw -o cold.txt -- python -m bench.profile cold
    python -m bench.profile warm --pyinstrument            # the flow process only, as text

The farm, the Prefect server and the warm-up runs (a cold ingest before warm and incremental) are set up
first; then the scenario's ``ingest`` flow runs here, between the lines "profiled: start" and "profiled: end"
(with their times, to cut a py-spy record to the ingest).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench import scenarios as sc
from bench.farm import Farm, FarmConfig


def main(argv: list[str] | None = None) -> None:
    """Set up the farm and warehouse for the scenario, then run its ingest flow (profiled) here."""
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("scenario", choices=("cold", "warm", "incremental"))
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--pyinstrument", action="store_true", help="print a pyinstrument profile of the flow")
    args = parser.parse_args(argv)
    cfg = FarmConfig(feeds=args.feeds, items=args.items, hosts=min(20, args.feeds), latency=args.latency)
    cache = Path(tempfile.gettempdir()) / "newsmon-bench-cache"
    with tempfile.TemporaryDirectory(prefix="newsmon-profile-") as tmp, Farm(cfg, cache=cache) as farm, \
            sc.prefect_server(Path(tmp)):
        work = Path(tmp)
        sources = sc.write_sources(work / "wh", farm)
        if args.scenario != "cold":
            sc.ingest_once(sources, work)  # the cold run, in a child, not profiled
            if args.scenario == "incremental":
                print(f"added {farm.advance(0.05)} entries", flush=True)
            sc.reset_due(work / "wh" / "warehouse.duckdb")
        sc._prefect_env(work)
        from prefect import flow

        from flows.ingest import ingest

        flow(lambda: None, name="bench-warm-up")()
        profiler = None
        if args.pyinstrument:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.002, async_mode="disabled")
            profiler.start()
        farm.reset_stats()
        start = time.time()
        print(f"profiled: start {start:.3f}", flush=True)
        counts = ingest(str(sources))
        end = time.time()
        print(f"profiled: end {end:.3f} ({end - start:.2f} s) {farm.stats()} new {counts['articles_new']}",
              flush=True)
        if profiler is not None:
            profiler.stop()
            print(profiler.output_text(show_all=False, timeline=False))


if __name__ == "__main__":
    sys.exit(main())
