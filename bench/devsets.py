"""Labelled development sets for near-duplicates and stories, built at run time (nothing is stored).

Sources: the extraction benchmark's gold article bodies (``../shared/data/extraction-benchmark``) and the
seed corpus shipped in ``warehouse/seed``. Each article yields syndicated variants (another headline, a
wire dateline, outlet boilerplate, a trimmed ending, an extended ending, a correction; each alone and all
combined), which are its near-duplicates; a second "report" made of the other half of its sentences under
another headline, which is the same story but not a copy; and the other articles are negatives, the most
similar first (hard negatives), except benchmark articles that report one event (``SAME_EVENT``).
"""

from __future__ import annotations

import gzip
import html
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BENCH = SHARED / "data" / "extraction-benchmark"
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass(frozen=True)
class Item:
    """One labelled item: its text, the original it copies (gold) and its story (gold)."""

    id: str
    title: str
    text: str
    original: str | None
    story: str
    kind: str


def sources(limit: int | None = None) -> list[tuple[str, str, str]]:
    """(id, title, body) of the benchmark's articles and the seed corpus; empty when the data is absent."""
    out = []
    if (BENCH / "ground-truth.json").exists():
        truth = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
        for key, value in sorted(truth.items()):
            body = value.get("articleBody") or ""
            if len(body.split()) < 80:
                continue
            page = BENCH / "html" / f"{key}.html.gz"
            title = ""
            if page.exists():
                m = _TITLE.search(gzip.decompress(page.read_bytes()).decode("utf-8", "replace"))
                title = html.unescape(" ".join(m.group(1).split())) if m else ""
            out.append((key[:12], title or " ".join(body.split()[:10]), body))
    for f in sorted((ROOT / "warehouse" / "seed").glob("*.txt")):
        title, _, body = f.read_text(encoding="utf-8").partition("\n")
        out.append((f.stem, title.strip(), body.strip()))
    return out[:limit] if limit else out


def _headline(title: str, rng: random.Random) -> str:
    words = title.split()
    rng.shuffle(words)
    return rng.choice(["UPDATE 2-", "", "WRAPUP-", "Analysis: "]) + " ".join(words[: max(3, len(words) - 2)])


def _dateline(body: str, rng: random.Random) -> str:
    return rng.choice(["LONDON (Reuters) - ", "PARIS (AFP) - ", "NEW YORK, Oct 4 (Reuters) - ",
                       "BEIRUT (AP) — ", "WASHINGTON — "]) + body


def _boilerplate(body: str, rng: random.Random) -> str:
    head = rng.choice(["Advertisement", "Image credits: staff photographer", "Share this article"])
    tail = rng.choice(["Reporting by Jane Smith; Editing by Mark Heinrich",
                       "Read more: the week in world news\nSubscribe to our newsletter",
                       "© 2024 The Daily Outlet. All rights reserved.\nFollow us on social media"])
    return f"{head}\n{body}\n{tail}"


def _trim(body: str, rng: random.Random) -> str:
    sents = _SENT.split(body)
    keep = max(3, int(len(sents) * rng.uniform(0.55, 0.85)))
    return " ".join(sents[:keep])


def _extend(body: str, rng: random.Random, filler: str = "") -> str:
    return body + "\n" + " ".join(_SENT.split(filler)[:4])


def _correct(body: str, rng: random.Random) -> str:
    sents = _SENT.split(body)
    for _ in range(2):
        i = rng.randrange(len(sents))
        sents[i] = re.sub(r"\b(\d+)\b", lambda m: str(int(m.group(1)) + 1), sents[i], count=1)
        words = sents[i].split()
        if len(words) > 4:
            words[rng.randrange(len(words))] = rng.choice(["reportedly", "officials", "also", "later"])
            sents[i] = " ".join(words)
    return " ".join(sents) + "\nCorrection: an earlier version of this article misstated a figure."


TRANSFORMS: dict[str, Callable[..., str]] = {
    "dateline": _dateline, "boilerplate": _boilerplate, "trim": _trim, "extend": _extend, "correct": _correct,
}


# benchmark articles that are different outlets' reports of one event (found by shared rare title and lead
# words, then read): one story each, so grouping them is no false merge. Same company, author or series
# but another event stays apart (Ascom with GE vs with Draeger, two Jang Noksu posts, a game's snap counts).
SAME_EVENT = {
    "06e5123e4ef7": "wework-nyag", "1ace8c85aaee": "wework-nyag",
    "14cc2a0ca59c": "europa-vapor", "686bb170effe": "europa-vapor", "f344ca5fb36e": "europa-vapor",
    "156770d676ce": "meth-campaign", "3f65af7b6b98": "meth-campaign", "776a1c046798": "meth-campaign",
    "c13b9c0e04fb": "meth-campaign",
    "35b158918c67": "doobie-tour", "9cb8224b660f": "doobie-tour", "ac1bfdd4c510": "doobie-tour",
    "432362af0be4": "china-plague", "8b1945303082": "china-plague", "ba4dfe2d3e81": "china-plague",
    "ea25dd7edff4": "china-plague",
    "6ebac05f637e": "omar-threat", "7a457a4f7173": "omar-threat",
    "7bb1ca903543": "duvet-lung", "a078b3656adc": "duvet-lung", "bd673bd79881": "duvet-lung",
    "b37be3535e1f": "hibernation", "e1c7023ee214": "hibernation",
    "c50845a7158a": "nasa-landers", "d1c57d7821e5": "nasa-landers",
    "c7e39ac49fa1": "assange-sweden", "dc7ccccc1f34": "assange-sweden",
    "2c46804d9db4": "fort-worth-rescue", "51d066b0602c": "fort-worth-rescue",
    "5fa5679de56c": "macbook-16", "65bf3048b500": "macbook-16",
    "51374560f400": "home-depot-q3", "f8ff621a0b9b": "home-depot-q3",
    "680c2848e94a": "stadia-launch", "8267acacb9e4": "stadia-launch", "e100c9612ad8": "stadia-launch",
    "aade2ec8d1e7": "stadia-launch",
    "70cb2d5bca75": "swift-big-machine", "eb62ac8425e5": "swift-big-machine",
    "08f793762792": "garrett-rudolph-fight", "7ab16ade3238": "garrett-rudolph-fight",
}


def build(seed: int = 7, limit: int | None = None) -> list[Item]:
    """The labelled items in arrival order: originals, then their variants and second reports, shuffled."""
    rng = random.Random(seed)
    src = sources(limit)
    story = {aid: SAME_EVENT.get(aid, aid) for aid, _, _ in src}
    originals = [Item(i, t, b, None, story[i], "original") for i, t, b in src]
    later: list[Item] = []
    for n, (aid, title, body) in enumerate(src):
        filler = src[(n + 1) % len(src)][2]
        for name, fn in TRANSFORMS.items():
            text = fn(body, rng, filler) if name == "extend" else fn(body, rng)
            later.append(Item(f"{aid}~{name}", title, text, aid, story[aid], name))
        later.append(Item(f"{aid}~headline", _headline(title, rng), body, aid, story[aid], "headline"))
        text = body
        for name in ("correct", "trim", "boilerplate", "dateline"):
            text = TRANSFORMS[name](text, rng)
        later.append(Item(f"{aid}~combined", _headline(title, rng), text, aid, story[aid], "combined"))
        sents = _SENT.split(body)
        if len(sents) >= 8:  # another outlet's report: the same facts in other words (word order shuffled
            # within each sentence, so no shingle survives but the names and numbers do), another headline
            picked = [s.split() for s in sents[1::2][:8]]
            for words in picked:
                rng.shuffle(words)
            other = " ".join(" ".join(w) + "." for w in picked)
            later.append(Item(f"{aid}~report", _headline(title, rng), other, None, story[aid], "report"))
    rng.shuffle(later)
    return originals + later


DEMO = ROOT / "newsmon" / "demo" / "pages"
_PLACEHOLDER = re.compile(r"\{(?:base|date:[^}]*|when:[^}]*)\}")
# the demo's story structure, from newsmon/demo/README.md: groups of pages about one event, and copies
DEMO_STORIES = {
    "nabatieh": ["levant-ledger/nabatieh-strike-kills-seven", "gulf-meridian/israeli-jets-hit-house-near-nabatieh"],
    "tyre-wire": ["levant-ledger/tyre-drone-strike-wire", "northgate-chronicle/israel-strikes-car-south-lebanon",
                  "red-sea-courier/wire-two-killed-coastal-road"],
    "red-sea-ship": ["red-sea-courier/bulk-carrier-missiles-hodeidah", "northgate-chronicle/merchant-ship-hit-off-yemen"],
    "khamenei": ["seed/000_caad2a367951e871", "gulf-meridian/khamenei-allies-stand-firm"],
}
DEMO_COPIES = {
    "northgate-chronicle/israel-strikes-car-south-lebanon": "levant-ledger/tyre-drone-strike-wire",
    "red-sea-courier/wire-two-killed-coastal-road": "levant-ledger/tyre-drone-strike-wire",
    "gulf-meridian/khamenei-allies-stand-firm": "seed/000_caad2a367951e871",
}


def demo_items() -> list[Item]:
    """The demo's pages (extracted as the pipeline would) and the seed article one of them copies."""
    from newsmon.errors import ExtractError
    from newsmon.extract import extract

    seed = ROOT / "warehouse" / "seed" / "000_caad2a367951e871.txt"
    if not DEMO.exists() or not seed.exists():
        return []
    story_of = {page: story for story, pages in DEMO_STORIES.items() for page in pages}
    title, _, body = seed.read_text(encoding="utf-8").partition("\n")
    out = [Item("seed/000_caad2a367951e871", title.strip(), body.strip(), None, "khamenei", "seed")]
    for outlet in ("levant-ledger", "gulf-meridian", "northgate-chronicle", "red-sea-courier"):
        for page in sorted((DEMO / outlet).glob("*.html")):
            key = f"{outlet}/{page.stem}"
            html_text = _PLACEHOLDER.sub("", page.read_text(encoding="utf-8"))
            try:
                got = extract(html_text, url=f"http://127.0.0.1/{key}.html")
            except ExtractError:
                continue
            kind = "copy" if key in DEMO_COPIES else "report"
            out.append(Item(key, got.title or "", got.text, DEMO_COPIES.get(key), story_of.get(key, key), kind))
    return out


def feed_items() -> list[Item]:
    """The shared dev set's 302 feed items (title and summary) with the same-event labels in tests/data."""
    import json as _json

    path = SHARED / "eval" / "dev.jsonl"
    labels_path = ROOT / "tests" / "data" / "dev_story_groups.jsonl"
    if not path.exists():
        return []
    labels = {v["id"]: v for v in map(_json.loads, labels_path.read_text(encoding="utf-8").splitlines())}
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        v = _json.loads(line)
        label = labels.get(v["id"], {})
        out.append(Item(v["id"], v.get("title") or "", v.get("summary") or "", label.get("duplicate_of"),
                        label.get("group", v["id"]), "feed"))
    return out


# news feeds of ../shared/data/feeds/various (file name prefixes) whose items are not in the dev set
VARIOUS_NEWS = ("4179e7a1", "5357198d", "5da3b20f", "660a52f7", "72fea1eb", "960551ec", "d87c1681", "e8fa5b64",
                "a44f7593")


def various_items() -> list[Item]:
    """Items of 9 news feeds of the same capture (9-19 Feb 2026), with tests/data/various_story_groups.jsonl.

    The labels name multi-article same-event groups; every other item is a story of its own. An item's id is
    the first 12 hex digits of the SHA-1 of its link; a link repeated in a feed is kept once.
    """
    import hashlib
    import json as _json
    from datetime import datetime

    import feedparser

    folder = SHARED / "data" / "feeds" / "various"
    labels_path = ROOT / "tests" / "data" / "various_story_groups.jsonl"
    if not folder.exists():
        return []
    labels = {v["id"]: v for v in map(_json.loads, labels_path.read_text(encoding="utf-8").splitlines())}
    rows = []
    for prefix in VARIOUS_NEWS:
        for path in sorted(folder.glob(f"{prefix}*.xml")):
            for entry in feedparser.parse(str(path)).entries:
                when = entry.get("published_parsed") or entry.get("updated_parsed")
                if not when or not datetime(2026, 2, 9) <= datetime(*when[:6]) <= datetime(2026, 2, 19):
                    continue
                summary = html.unescape(re.sub(r"<[^>]+>", " ", entry.get("summary", "")))
                key = entry.get("link") or entry.get("title") or ""
                rows.append((datetime(*when[:6]), hashlib.sha1(key.encode()).hexdigest()[:12],
                             html.unescape(entry.get("title", "")).strip(), " ".join(summary.split()[:80])))
    out, seen = [], set()
    for _, item_id, title, summary in sorted(rows):
        if item_id in seen:
            continue
        seen.add(item_id)
        label = labels.get(item_id, {})
        out.append(Item(item_id, title, summary, None, label.get("group", item_id), "feed"))
    return out
