"""Scale: N stored sketches, M lookups (sketching included), newsmon's index vs datasketch's MinHashLSH.

Each side runs in its own child process so its peak memory (max RSS) is its own. The stored corpus is
synthetic: a few thousand real sketched texts (which the lookups copy) plus random signatures, which is what
a million unrelated articles look like to the index. Run: python bench/neardup_scale.py [--quick]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from newsmon import neardup  # noqa: E402

VOCAB = [f"w{i}" for i in range(50_000)]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(VOCAB, k=rng.randint(120, 400))) for _ in range(n)]


def _data(stored: int, lookups: int) -> tuple[list[str], list[str]]:
    planted = _texts(min(2000, lookups // 5), 1)
    copies = [" ".join(t.split()[: int(len(t.split()) * 0.8)]) for t in planted]  # trimmed copies
    return planted, copies + _texts(lookups - len(copies), 2)


def _random_sigs(n: int) -> np.ndarray:
    return np.random.default_rng(3).integers(0, 2**32, size=(n, neardup.NUM_PERM), dtype=np.uint32)


def run_newsmon(stored: int, lookups: int, out: mp.Queue) -> None:
    planted, queries = _data(stored, lookups)
    t0 = time.perf_counter()
    index = neardup.NearDupIndex()
    sk = [neardup.sketch("", t) for t in planted]
    sigs = _random_sigs(stored)  # one array, as the warehouse rebuild stacks its rows, planted first
    sigs[: len(planted)] = np.stack([s.signature for s in sk])
    sizes = np.full(stored, 300)
    sizes[: len(planted)] = [s.size for s in sk]
    index.add(sigs, sizes)
    del sigs, sizes
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    qs = [neardup.sketch("", t) for t in queries]
    sketching = time.perf_counter() - t0
    t0 = time.perf_counter()
    matches = index.query(np.stack([s.signature for s in qs]), [s.size for s in qs])
    query = time.perf_counter() - t0
    found = len({m.query for m in matches})
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put(("newsmon", build, sketching + query, found, rss, sketching, query))


def run_datasketch(stored: int, lookups: int, out: mp.Queue) -> None:
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    planted, queries = _data(stored, lookups)
    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=neardup.NUM_PERM)
    for i, t in enumerate(planted):
        m = MinHash(num_perm=neardup.NUM_PERM)
        m.update_batch([w.encode() for w in t.split()])
        lsh.insert(f"p{i}", LeanMinHash(m))
    scheme = MinHash(num_perm=neardup.NUM_PERM).scheme
    sigs = _random_sigs(stored - len(planted))
    with lsh.insertion_session() as session:
        for i, row in enumerate(sigs):
            session.insert(f"r{i}", LeanMinHash(seed=1, hashvalues=row.astype(np.uint64), scheme=scheme))
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = 0
    for t in queries:
        m = MinHash(num_perm=neardup.NUM_PERM)
        m.update_batch([w.encode() for w in t.split()])
        found += bool(lsh.query(m))
    lookup = time.perf_counter() - t0
    out.put(("datasketch", build, lookup, found, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, None, None))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100,000 stored, 1,000 lookups")
    parser.add_argument("--skip-datasketch", action="store_true")
    args = parser.parse_args()
    stored, lookups = (100_000, 1_000) if args.quick else (1_000_000, 10_000)
    print(f"{stored:,} stored, {lookups:,} lookups ({min(2000, lookups // 5):,} are trimmed copies)")
    ctx = mp.get_context("spawn")
    for fn in [run_newsmon] + ([] if args.skip_datasketch else [run_datasketch]):
        q: mp.Queue = ctx.Queue()
        p = ctx.Process(target=fn, args=(stored, lookups, q))
        p.start()
        p.join()
        if p.exitcode != 0:
            print(f"{fn.__name__} failed (exit {p.exitcode})")
            continue
        name, build, lookup, found, rss, sketching, query = q.get()
        split = f" (sketching {sketching:.2f} s, index {query:.2f} s)" if sketching is not None else ""
        print(f"{name:10s} build {build:7.1f} s  lookups {lookup:6.2f} s{split}  with a match {found:6,}  "
              f"peak RSS {rss:7.0f} MB")


if __name__ == "__main__":
    main()
