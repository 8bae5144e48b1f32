"""Throughput of ``newsmon.escalation.analyze`` on full texts of about 800 words, on one core.

The articles are built from the seed corpus's sentences (shuffled with a fixed seed, ~800 words
each; a fixed paragraph stands in when ../shared is absent). Two baselines are measured in the
same run on the same texts: a bare tokenisation pass (``\\w+``), the floor of any text work, and a
tagger with one compiled regex per alias of the same vocabulary, the approach the one-pass
Aho-Corasick automaton replaces. Ratios are printed against both.

    python bench/analysis.py            # 300 articles (the target is >= 300 articles per second)
    python bench/analysis.py --quick    # 60 articles, regex baseline on 5
    python bench/analysis.py --compiled # the same, with the analysis modules compiled by mypyc
                                        # (NEWSMON_COMPILE=1 pip install . ships them so)
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if "--compiled" in sys.argv:  # build a compiled copy of the package first, and import it from there
    import tempfile

    from bench.compiled import build, unavailable

    if reason := unavailable():
        sys.exit(f"--compiled: {reason}")
    print("compiling the analysis modules with mypyc (about a minute) ...", flush=True)
    sys.path.insert(0, str(build(Path(tempfile.mkdtemp(prefix="newsmon-mypyc-")))))

import newsmon.escalation
from newsmon.escalation import analyze
from newsmon.vocab import load_taxonomy

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed-corpus"
FALLBACK = (
    "Israeli strikes killed 20 people in southern Lebanon on Tuesday, the health ministry said. "
    "Hezbollah fired rockets at northern Israel in response. Iran's foreign minister warned that "
    "the United States would be hit hard if it attacked. Talks in Geneva were expected to resume "
    "next week, officials said, while aid deliveries to Gaza remained stalled. "
)


def sentences() -> list[str]:
    """Sentences of the seed corpus, or of a fixed paragraph when it is absent."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEED.glob("*.txt")))
    text = text if text.strip() else FALLBACK * 3
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def articles(count: int, words: int = 800) -> list[tuple[str, str]]:
    """``count`` (title, text) pairs of about ``words`` words, shuffled from the seed sentences."""
    pool = sentences()
    rnd = random.Random(42)
    out = []
    for _ in range(count):
        rnd.shuffle(pool)
        body: list[str] = []
        total = 0
        for s in itertools_cycle(pool):
            body.append(s)
            total += len(s.split())
            if total >= words:
                break
        out.append((body[0], " ".join(body[1:])))
    return out


def news_articles(count: int, words: int = 800) -> list[tuple[str, str]]:
    """``count`` (title, text) pairs of about ``words`` words from real web articles of every topic.

    The extraction benchmark's gold bodies (../shared), each run on into the next article until the
    length is reached: the mix a world-news feed brings, beside the war-dense seed sentences.
    """
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from devsets import sources

    bodies = [(title, body) for _, title, body in sources() if len(body.split()) >= 150]
    out = []
    for i in range(min(count, len(bodies))):
        title, text = bodies[i]
        j = i + 1
        while len(text.split()) < words:
            text += "\n" + bodies[j % len(bodies)][1]
            j += 1
        out.append((title, " ".join(text.split(" ")[:words])))
    return out


def itertools_cycle(pool: list[str]):  # type: ignore[no-untyped-def]
    """Cycle through ``pool`` forever."""
    while True:
        yield from pool


def rate(func: Callable[[str, str], object], docs: list[tuple[str, str]]) -> float:
    """Articles per second of ``func`` over ``docs``."""
    start = time.perf_counter()
    for title, text in docs:
        func(title, text)
    return len(docs) / (time.perf_counter() - start)


def rates(funcs: dict[str, Callable[[str, str], object]], docs: list[tuple[str, str]],
          repeats: int) -> dict[str, tuple[float, float]]:  # fmt: skip
    """Best and median articles per second of each function, the runs interleaved.

    The machine is shared: a neighbour's burst slows whatever runs then. Interleaving gives every
    function the same weather, and the best of several runs (as timeit reports) is the closest to
    the code's own cost.
    """
    runs: dict[str, list[float]] = {name: [] for name in funcs}
    for _ in range(repeats):
        for name, func in funcs.items():
            runs[name].append(rate(func, docs))
    return {name: (max(r), statistics.median(r)) for name, r in runs.items()}


def regex_tagger() -> Callable[[str, str], object]:
    """A baseline tagger: one case-insensitive compiled regex per alias of the same vocabulary."""
    keys = [k for k, _ in load_taxonomy().automaton.items()]
    patterns = [re.compile(r"\b" + re.escape(k) + r"\b", re.IGNORECASE) for k in keys]

    def tag(title: str, text: str) -> object:
        full = f"{title}\n{text}"
        return [p.pattern for p in patterns if p.search(full)]

    return tag


def main() -> None:
    """Measure and print articles per second and the ratios to the baselines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer articles, a quick look")
    parser.add_argument("--repeats", type=int, default=5, help="interleaved runs; the best counts")
    parser.add_argument("--compiled", action="store_true", help="compile the analysis with mypyc first")
    args = parser.parse_args()
    count, regex_count = (60, 5) if args.quick else (300, 20)
    taxonomy = load_taxonomy()  # built once, as the ingest flow does
    docs = articles(count)
    words = sum(len(t.split()) + len(x.split()) for t, x in docs) / len(docs)
    analyze(*docs[0], taxonomy=taxonomy)  # warm up

    news = news_articles(count)
    if news:
        real = rates({"analyze": lambda t, x: analyze(t, text=x, taxonomy=taxonomy)}, news, args.repeats)
        print(f"mixed news ({len(news)} extraction-benchmark articles run on to about 800 words): "
              f"{real['analyze'][0]:.1f} articles/s ({real['analyze'][1]:.1f})")
    measured = rates({
        "analyze": lambda t, x: analyze(t, text=x, taxonomy=taxonomy),
        "tokens": lambda t, x: re.findall(r"\w+", f"{t}\n{x}"),
    }, docs, args.repeats)  # fmt: skip
    (ours, ours_median), (tokens, tokens_median) = measured["analyze"], measured["tokens"]
    regex = rate(regex_tagger(), docs[:regex_count])
    compiled = not newsmon.escalation.__file__.endswith(".py")
    print(f"analysis modules: {'compiled with mypyc' if compiled else 'pure Python'}")
    print(f"articles: {len(docs)}, mean words: {words:.0f}, patterns: {taxonomy.size}, "
          f"best of {args.repeats} interleaved runs (median in brackets)")
    print(f"newsmon analyze           {ours:10.1f} articles/s  ({ours_median:.1f})")
    print(f"tokenisation pass (\\w+)   {tokens:10.1f} articles/s  ({tokens_median:.1f})   "
          f"analyze is {ours / tokens:.3f}x")
    print(f"regex per alias tagger    {regex:10.1f} articles/s   analyze is {ours / regex:.1f}x")
    print(f"target >= 300 articles/s: {'met' if ours >= 300 else 'NOT met'}")


if __name__ == "__main__":
    main()
