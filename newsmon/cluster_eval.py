"""Score near-duplicates and stories on labelled items: copy precision/recall and story pairwise P/R/F1.

A gold file is JSONL in arrival order: ``{"id", "title", "text"?, "summary"?, "published"?}`` with the labels
either inline (``"gold": {"duplicate_of": id|null, "story": group}``) or in a separate labels file of
``{"id", "group", "duplicate_of"?}`` lines (an annotation kept apart from the items it labels). An item
without a story label is a story of its own.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsmon.clustering import ClusterResult, cluster_items
from newsmon.errors import InputError
from newsmon.evaluation import PRF


@dataclass(frozen=True)
class Labelled:
    """One item to cluster with its gold original (if a copy) and its gold story."""

    item: dict[str, Any]
    original: str | None
    story: str


@dataclass(frozen=True)
class ClusterScore:
    """Copy detection (pairs copy -> original) and story grouping (pairs of items in one story)."""

    copies: PRF
    stories: PRF
    items: int
    gold_stories: int
    predicted_stories: int


def _lines(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not JSON: {exc.msg}", line=number) from exc
            if not isinstance(value, dict) or value.get("id") in (None, ""):
                raise InputError(f"{path}:{number}: expected an object with an 'id'", line=number)
            yield number, value


def read_labelled(gold: Path, labels: Path | None = None) -> list[Labelled]:
    """Items of a gold file with their labels (inline ``gold`` or from a separate labels file)."""
    external: dict[str, dict[str, Any]] = {}
    if labels is not None:
        external = {str(v["id"]): v for _, v in _lines(labels)}
    out = []
    for _, value in _lines(gold):
        item_id = str(value["id"])
        gold_label = value.get("gold")
        inline: dict[str, Any] = gold_label if isinstance(gold_label, dict) else {}
        label = external.get(item_id, {})
        story = label.get("group") or label.get("story") or inline.get("story") or item_id
        original = label.get("duplicate_of", inline.get("duplicate_of"))
        item: dict[str, Any] = {k: value[k] for k in ("title", "text", "summary", "published", "url") if k in value}
        item["id"] = item_id
        out.append(Labelled(item, str(original) if original else None, str(story)))
    return out


def _pairs(groups: Mapping[str, str]) -> set[tuple[str, str]]:
    by: dict[str, list[str]] = defaultdict(list)
    for item, group in groups.items():
        by[group].append(item)
    return {(a, b) if a < b else (b, a) for members in by.values() for a, b in itertools.combinations(members, 2)}


def _root(original: str | None, gold: Mapping[str, Labelled]) -> str | None:
    seen = set()
    while original and original in gold and gold[original].original and original not in seen:
        seen.add(original)
        original = gold[original].original
    return original


def score_results(labelled: Sequence[Labelled], results: Sequence[ClusterResult]) -> ClusterScore:
    """Compare predicted copies and stories with the gold labels."""
    gold = {g.item["id"]: g for g in labelled}
    tp = fp = fn = 0
    for r in results:
        truth = _root(gold[r.id].original, gold)
        if r.duplicate_of and r.duplicate_of == truth:
            tp += 1
        else:
            fp += bool(r.duplicate_of)
            fn += bool(truth)
    predicted = _pairs({r.id: r.story_id for r in results})
    actual = _pairs({g.item["id"]: g.story for g in labelled})
    inter = len(predicted & actual)
    return ClusterScore(
        copies=PRF(tp, fp, fn),
        stories=PRF(inter, len(predicted) - inter, len(actual) - inter),
        items=len(labelled),
        gold_stories=len({g.story for g in labelled}),
        predicted_stories=len({r.story_id for r in results}),
    )


def score(labelled: Sequence[Labelled]) -> ClusterScore:
    """Cluster the items in their order and score the outcome."""
    return score_results(labelled, cluster_items([g.item for g in labelled]))


def format_score(s: ClusterScore) -> str:
    """The figures as a few lines of text."""
    c, t = s.copies, s.stories
    return "\n".join([
        f"items {s.items}, gold stories {s.gold_stories}, predicted stories {s.predicted_stories}",
        f"near-duplicates  precision {c.precision:.4f}  recall {c.recall:.4f}  (tp {c.tp}, fp {c.fp}, fn {c.fn})",
        f"stories pairwise precision {t.precision:.4f}  recall {t.recall:.4f}  F1 {t.f1:.4f}  "
        f"(tp {t.tp}, fp {t.fp}, fn {t.fn})",
    ])
