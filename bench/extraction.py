"""Measure trafilatura settings against the article-extraction benchmark's gold article bodies.

Token precision, recall and F1 per page (whitespace tokens, multisets), averaged over the pages,
plus pages per second, for trafilatura's defaults, several candidate settings, and
``newsmon.extract.extract`` itself (the chosen settings, with decoding and checks around them).
An empty or failed extraction scores 0 on all three. The column ``F1-4g`` is the upstream
``evaluate.py`` metric (4-gram shingles of ``\\w+`` tokens, F1 of the averaged precision and
recall), for comparison with published figures.

    python bench/extraction.py                 # every setting, every page (a few minutes)
    python bench/extraction.py --limit 40      # the first 40 pages only
    python bench/extraction.py -s defaults -s newsmon --repeat 3
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura.settings import use_config

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsmon.errors import ExtractError
from newsmon.extract import extract

BENCHMARK = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction-benchmark"

# One extra knob trafilatura only takes through its config: the size under which it retries
# with its fallback extractors (readability, jusText).
_LOW_FALLBACK = use_config()
_LOW_FALLBACK.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1000")

# name -> keyword arguments of trafilatura.bare_extraction (metadata always on: newsmon needs it).
CANDIDATES: dict[str, dict[str, Any]] = {
    "defaults": {},
    "favor_precision": {"favor_precision": True},
    "favor_recall": {"favor_recall": True},
    "no_comments": {"include_comments": False},
    "no_tables": {"include_tables": False},
    "fast": {"fast": True},
    "deduplicate": {"deduplicate": True},
    "no_comments+precision": {"include_comments": False, "favor_precision": True},
    "no_comments+recall": {"include_comments": False, "favor_recall": True},
    "no_comments+fast": {"include_comments": False, "fast": True},
    "precision+fast": {"favor_precision": True, "fast": True},
    "precision+no_tables": {"favor_precision": True, "include_tables": False},
    "no_comments+precision+fast": {
        "include_comments": False,
        "favor_precision": True,
        "fast": True,
    },
    "no_comments+fallback<1000": {"include_comments": False, "config": _LOW_FALLBACK},
}


@dataclass(frozen=True)
class Page:
    """One benchmark page: its id, raw HTML bytes, URL and gold article body."""

    id: str
    html: bytes
    url: str
    gold: str


@dataclass(frozen=True)
class Score:
    """The averaged metrics and speed of one setting."""

    name: str
    precision: float
    recall: float
    f1: float
    f1_shingles: float
    failures: int
    pages_per_second: float
    page_f1: tuple[float, ...]


def load_pages(root: Path, limit: int | None = None) -> list[Page]:
    """Read the gzipped pages and their gold bodies, in file-name order."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((root / "html").glob("*.html.gz"))[:limit]:
        key = path.name.removesuffix(".html.gz")
        item = truth[key]
        pages.append(
            Page(key, gzip.decompress(path.read_bytes()), item["url"], item["articleBody"])
        )
    return pages


def token_prf(gold: str, predicted: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the multisets of whitespace tokens."""
    gold_tokens, predicted_tokens = Counter(gold.split()), Counter(predicted.split())
    overlap = sum((gold_tokens & predicted_tokens).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(predicted_tokens.values())
    recall = overlap / sum(gold_tokens.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


_WORD = re.compile(r"\w+")


def shingle_pr(gold: str, predicted: str, n: int = 4) -> tuple[float | None, float | None]:
    """Upstream evaluate.py: precision and recall of 4-gram shingles (None where undefined)."""

    def shingles(text: str) -> Counter[tuple[str, ...]]:
        tokens = _WORD.findall(text)
        return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))

    true, pred = shingles(gold), shingles(predicted)
    pred.pop((), None)
    true.pop((), None)
    tp = sum((true & pred).values())
    fp, fn = sum((pred - true).values()), sum((true - pred).values())
    if fp == fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def run(
    name: str, extractor: Callable[[Page], str], pages: Sequence[Page], repeat: int = 1
) -> Score:
    """Extract every page with one setting and average its scores (speed: best of `repeat`)."""
    prfs, shingle_ps, shingle_rs, failures = [], [], [], 0
    elapsed = (
        min(_timed(extractor, pages) for _ in range(repeat - 1)) if repeat > 1 else float("inf")
    )
    start = time.perf_counter()
    predictions = [extractor(page) for page in pages]
    elapsed = min(elapsed, time.perf_counter() - start)
    for page, predicted in zip(pages, predictions, strict=True):
        failures += not predicted
        prfs.append(token_prf(page.gold, predicted))
        sp, sr = shingle_pr(page.gold, predicted)
        shingle_ps.extend([sp] if sp is not None else [])
        shingle_rs.extend([sr] if sr is not None else [])
    mean_p, mean_r = statistics.mean(shingle_ps), statistics.mean(shingle_rs)
    return Score(
        name=name,
        precision=statistics.mean(p for p, _, _ in prfs),
        recall=statistics.mean(r for _, r, _ in prfs),
        f1=statistics.mean(f for _, _, f in prfs),
        f1_shingles=2 * mean_p * mean_r / (mean_p + mean_r) if mean_p + mean_r else 0.0,
        failures=failures,
        pages_per_second=len(pages) / elapsed if elapsed else float("inf"),
        page_f1=tuple(f for _, _, f in prfs),
    )


def paired_delta(score: Score, baseline: Score, resamples: int = 1000) -> tuple[float, float]:
    """Mean per-page F1 difference to the baseline and its 95% paired-bootstrap half-width."""
    diffs = [a - b for a, b in zip(score.page_f1, baseline.page_f1, strict=True)]
    rng = random.Random(0)
    means = [statistics.mean(rng.choices(diffs, k=len(diffs))) for _ in range(resamples)]
    return statistics.mean(diffs), 1.96 * statistics.stdev(means)


def _timed(extractor: Callable[[Page], str], pages: Sequence[Page]) -> float:
    """Seconds one pass over the pages takes."""
    start = time.perf_counter()
    for page in pages:
        extractor(page)
    return time.perf_counter() - start


def trafilatura_extractor(options: dict[str, Any]) -> Callable[[Page], str]:
    """Plain trafilatura.bare_extraction on the raw bytes with the given options."""

    def extractor(page: Page) -> str:
        document = trafilatura.bare_extraction(
            page.html, url=page.url, with_metadata=True, **options
        )
        return (document.text or "") if document is not None else ""  # type: ignore[union-attr]

    return extractor


def newsmon_extractor(page: Page) -> str:
    """newsmon.extract.extract: the chosen settings plus decoding and usability checks."""
    try:
        return extract(page.html, url=page.url).text
    except ExtractError:
        return ""


def render(scores: Sequence[Score], pages: int) -> str:
    """A plain-text table, one row per setting; dF1 is paired against the first row."""
    lines = [
        f"{pages} pages; token P/R/F1 averaged over pages; F1-4g = upstream shingle metric;",
        f"dF1 = mean per-page F1 minus {scores[0].name!r}'s, 95% paired-bootstrap interval",
        f"{'setting':<28} {'P':>6} {'R':>6} {'F1':>6} {'F1-4g':>6} {'dF1':>15} {'empty':>5} "
        f"{'pages/s':>8}",
    ]
    for s in scores:
        delta, half = paired_delta(s, scores[0])
        lines.append(
            f"{s.name:<28} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.f1_shingles:6.3f} "
            f"{delta:+7.3f} ±{half:6.3f} {s.failures:5d} {s.pages_per_second:8.1f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments, run the chosen settings and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--repeat", type=int, default=1, help="time N passes, keep the fastest")
    parser.add_argument(
        "-s",
        "--setting",
        action="append",
        choices=[*CANDIDATES, "newsmon"],
        help="run only these settings (repeatable); default: all, then newsmon",
    )
    args = parser.parse_args(argv)
    if not BENCHMARK.is_dir():
        print(f"benchmark data not found at ../shared/data/{BENCHMARK.name}; nothing to measure")
        return 0
    pages = load_pages(BENCHMARK, args.limit)
    names = args.setting or [*CANDIDATES, "newsmon"]
    scores = []
    for name in names:
        extractor = (
            newsmon_extractor if name == "newsmon" else trafilatura_extractor(CANDIDATES[name])
        )
        scores.append(run(name, extractor, pages, args.repeat))
        print(
            render([scores[0], scores[-1]], len(pages)).splitlines()[-1],
            file=sys.stderr,
            flush=True,
        )
    print(render(scores, len(pages)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
