"""Story grouping speed: synthetic grouped articles in a ``StoryIndex``, then new ones matched and added in turn.

Run: python bench/stories_speed.py [--stored 5000] [--new 500] [--module path/to/stories.py]

``--module`` loads another copy of ``newsmon/stories.py`` by path (say, the previous commit's, written out
with ``git show``), so two versions are timed on the same items; the printed digest of the story ids
must be the same for both.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

VOCABULARY = 20_000
EVENTS = 1_500  # stories the synthetic articles report
COUNTRY_CODES = ("#ua", "#ru", "#il", "#ps", "#lb", "#ir", "#us", "#cn", "#sd", "#gb")
START = datetime(2026, 1, 1)
SPAN = timedelta(days=10)


def _load(path: str | None) -> ModuleType:
    """The stories module: the package's, or a copy of it at ``path``."""
    if path is None:
        from newsmon import stories

        return stories
    spec = importlib.util.spec_from_file_location("stories_under_test", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _word(rng: random.Random) -> str:
    """A content word, Zipf-like: a few common, most rare."""
    return f"w{min(int(rng.paretovariate(0.8)), VOCABULARY)}"


def _weights(rng: random.Random, event: int) -> dict[str, float]:
    """One article's terms: some of its event's words and names, common words, a country or two."""
    ev = random.Random(event)
    core = [f"e{event}n{i}" for i in range(4)] + [f"e{event}w{i}" for i in range(8)]
    weights: dict[str, float] = {}
    for term in rng.sample(core, rng.randint(2, 9)):
        weights[term] = rng.choice((2.0, 3.0)) if "n" in term[1:] else rng.choice((1.0, 1.5))
    for _ in range(rng.randint(10, 25)):
        weights[_word(rng)] = rng.choice((1.0, 1.0, 1.5, 2.0))
    weights[ev.choice(COUNTRY_CODES)] = 0.0
    if rng.random() < 0.3:
        weights[rng.choice(COUNTRY_CODES)] = 0.0
    if rng.random() < 0.2:  # an event signature, as the analysis adds for strikes and attacks
        weights.update(
            dict.fromkeys(
                ("!assault", f"%{ev.choice(COUNTRY_CODES)[1:]}", f"={ev.randint(2, 40)}"), 0.0
            )
        )
        weights[f"@actor{ev.randint(1, 30)}"] = 2.0
    return weights


def items(module: ModuleType, count: int, seed: int, *, stored: bool) -> list:
    """``count`` synthetic story items in time order, their events spread over ``SPAN`` (stored: grouped by event)."""
    rng = random.Random(seed)
    out = []
    for number in range(count):
        event = rng.randrange(EVENTS)
        time_ = START + SPAN * (event / EVENTS) + timedelta(hours=rng.uniform(0, 36))
        out.append(
            module.StoryItem(
                f"a{seed}-{number}",
                module.StoryTerms(_weights(rng, event)),
                time_,
                f"s{event}" if stored else None,
            )
        )
    out.sort(key=lambda i: i.time)
    return out


def main(argv: list[str] | None = None) -> None:
    """Index the stored items (untimed), then time matching and adding the new ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=5000)
    parser.add_argument("--new", type=int, default=500)
    parser.add_argument("--module", help="path of a stories.py to time instead of the package's")
    args = parser.parse_args(argv)
    module = _load(args.module)
    stored, new = (
        items(module, args.stored, 1, stored=True),
        items(module, args.new, 2, stored=False),
    )
    index = module.StoryIndex()
    for item in stored:
        index.add(item)
    assigned = []
    start = time.perf_counter()
    for item in new:
        found = index.best(item)
        story = found[0] if found else item.id
        assigned.append(story)
        index.add(module.StoryItem(item.id, item.terms, item.time, story))
    elapsed = time.perf_counter() - start
    digest = hashlib.sha1("\n".join(assigned).encode()).hexdigest()[:12]
    joined = sum(a != i.id for a, i in zip(assigned, new, strict=True))
    print(
        f"{args.module or 'newsmon.stories'}: {args.stored} stored, {args.new} new in {elapsed:.2f} s "
        f"({1000 * elapsed / max(args.new, 1):.2f} ms each); {joined} joined a story; digest {digest}"
    )


if __name__ == "__main__":
    main()
