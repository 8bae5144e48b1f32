"""Score ``analyze`` on a labelled JSONL file, with the figures of the evaluation README."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsmon.errors import InputError
from newsmon.escalation import analyze
from newsmon.models import Analysis
from newsmon.vocab import Taxonomy

SET_FIELDS = ("regions", "actors", "events")
LEVELS = (0, 1, 2, 3)


@dataclass(frozen=True)
class GoldItem:
    """One labelled item: its text and its gold label."""

    id: str
    title: str
    summary: str
    text: str
    level: int
    deescalation: bool
    regions: frozenset[str]
    actors: frozenset[str]
    events: frozenset[str]


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from counts."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Miss:
    """One item where a field went wrong, with how much."""

    id: str
    title: str
    field: str
    gold: Any
    predicted: Any
    errors: int


@dataclass(frozen=True)
class Report:
    """Every figure of the README, plus the worst misses per field."""

    items: int
    relevance: PRF
    escalation: PRF
    level_accuracy: float
    level_kappa: float
    deescalation: PRF
    sets: dict[str, PRF]
    confusion: dict[tuple[int, int], int]
    misses: dict[str, list[Miss]] = field(default_factory=dict)


def read_gold(path: Path) -> Iterator[GoldItem]:
    """The labelled items of a JSONL file in the format of the shared dev set."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                gold = row["gold"]
                yield GoldItem(
                    id=str(row.get("id", number)), title=row["title"],
                    summary=row.get("summary") or "", text=row.get("text") or "",
                    level=int(gold["level"]), deescalation=bool(gold["deescalation"]),
                    regions=frozenset(gold.get("regions", [])),
                    actors=frozenset(gold.get("actors", [])),
                    events=frozenset(gold.get("events", [])),
                )  # fmt: skip
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{number}: not a labelled item: {exc}", line=number) from exc


def predict(items: Iterable[GoldItem], taxonomy: Taxonomy) -> list[tuple[GoldItem, Analysis]]:
    """Each item with its analysis."""
    return [(i, analyze(i.title, i.summary, i.text, taxonomy=taxonomy)) for i in items]


def _prf(pairs: Iterable[tuple[bool, bool]]) -> PRF:
    tp = fp = fn = 0
    for gold, pred in pairs:
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
    return PRF(tp, fp, fn)


def kappa(confusion: dict[tuple[int, int], int]) -> float:
    """Cohen's kappa of a (gold, predicted) confusion matrix."""
    total = sum(confusion.values())
    if not total:
        return 0.0
    observed = sum(v for (g, p), v in confusion.items() if g == p) / total
    labels = {k for pair in confusion for k in pair}
    expected = sum(
        sum(v for (g, _), v in confusion.items() if g == k)
        * sum(v for (_, p), v in confusion.items() if p == k)
        for k in labels
    ) / total**2
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def score(results: list[tuple[GoldItem, Analysis]], *, worst: int = 10) -> Report:
    """The README's figures for ``results``; set fields only over items of gold level >= 1."""
    confusion: dict[tuple[int, int], int] = {}
    for gold, pred in results:
        confusion[(gold.level, pred.level)] = confusion.get((gold.level, pred.level), 0) + 1
    relevant = [(g, p) for g, p in results if g.level >= 1]
    sets: dict[str, PRF] = {}
    misses: dict[str, list[Miss]] = {}
    for name in SET_FIELDS:
        tp = fp = fn = 0
        field_misses = []
        for g, p in relevant:
            gold_set: frozenset[str] = getattr(g, name)
            pred_set = _predicted(p, name)
            tp += len(gold_set & pred_set)
            fp += len(pred_set - gold_set)
            fn += len(gold_set - pred_set)
            errors = len(gold_set ^ pred_set)
            if errors:
                field_misses.append(Miss(g.id, g.title, name, sorted(gold_set), sorted(pred_set),
                                         errors))  # fmt: skip
        sets[name] = PRF(tp, fp, fn)
        misses[name] = sorted(field_misses, key=lambda m: (-m.errors, m.id))[:worst]
    misses["level"] = sorted(
        (Miss(g.id, g.title, "level", g.level, p.level, abs(g.level - p.level))
         for g, p in results if g.level != p.level),
        key=lambda m: (-m.errors, m.id))[:worst]  # fmt: skip
    misses["deescalation"] = [
        Miss(g.id, g.title, "deescalation", g.deescalation, p.deescalation, 1)
        for g, p in results if g.deescalation != p.deescalation
    ][:worst]
    return Report(
        items=len(results),
        relevance=_prf((g.level >= 1, p.level >= 1) for g, p in results),
        escalation=_prf((g.level >= 2, p.level >= 2) for g, p in results),
        level_accuracy=sum(g.level == p.level for g, p in results) / len(results) if results else 0,
        level_kappa=kappa(confusion),
        deescalation=_prf((g.deescalation, p.deescalation) for g, p in results),
        sets=sets,
        confusion=confusion,
        misses=misses,
    )


def _predicted(analysis: Analysis, name: str) -> frozenset[str]:
    if name == "events":
        return frozenset(e.event for e in analysis.events)
    return frozenset(getattr(analysis, name))


def format_report(report: Report, *, misses: bool = True) -> str:
    """The report as plain text: figures, the confusion matrix, then the worst misses."""
    lines = [f"items: {report.items}"]
    for name, prf in (("relevance (level>=1)", report.relevance),
                      ("escalation (level>=2)", report.escalation),
                      ("deescalation", report.deescalation),
                      *((f"{k} (gold level>=1)", v) for k, v in report.sets.items())):  # fmt: skip
        lines.append(f"{name:24} P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}")
    lines.append(f"{'level':24} exact {report.level_accuracy:.3f}  kappa {report.level_kappa:.3f}")
    lines.append("confusion (rows gold level, columns predicted level):")
    lines.append("      " + "".join(f"{p:>6}" for p in LEVELS))
    for g in LEVELS:
        lines.append(f"{g:>6}" + "".join(f"{report.confusion.get((g, p), 0):>6}" for p in LEVELS))
    if misses:
        for name, worst in report.misses.items():
            if worst:
                lines.append(f"worst misses: {name}")
                lines += [f"  {m.id}  gold {m.gold}  got {m.predicted}  | {m.title[:70]}"
                          for m in worst]  # fmt: skip
    return "\n".join(lines)


def read_sentences(path: Path) -> Iterator[tuple[str, int]]:
    """(sentence, CAMEO quad class 0-4) pairs of a ``sentence<TAB>class`` file."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            sentence, _, label = line.rstrip("\n").rpartition("\t")
            if not label.strip().isdigit():
                raise InputError(f"{path}:{number}: expected sentence<TAB>class", line=number)
            yield sentence, int(label)


def expected_level(quad_class: int) -> str:
    """The level a CAMEO quad class should get: 4 -> "3", 3 -> "2", 0-2 -> "<2"."""
    return {4: "3", 3: "2"}.get(quad_class, "<2")


def score_sentences(pairs: Iterable[tuple[str, int]], taxonomy: Taxonomy) -> dict[tuple[int, int], int]:
    """Confusion of CAMEO class (rows) against predicted level (columns)."""
    confusion: dict[tuple[int, int], int] = {}
    for sentence, quad in pairs:
        level = analyze(sentence, taxonomy=taxonomy).level
        confusion[(quad, level)] = confusion.get((quad, level), 0) + 1
    return confusion


def format_sentences(confusion: dict[tuple[int, int], int]) -> str:
    """The class-by-level matrix and the share of sentences at their expected level."""
    lines = ["confusion (rows CAMEO class 0-4, columns predicted level 0-3):",
             "      " + "".join(f"{p:>6}" for p in LEVELS)]  # fmt: skip
    for c in range(5):
        lines.append(f"{c:>6}" + "".join(f"{confusion.get((c, p), 0):>6}" for p in LEVELS))
    right = sum(v for (c, p), v in confusion.items()
                if expected_level(c) == (str(p) if p >= 2 else "<2"))  # fmt: skip
    total = sum(confusion.values())
    lines.append(f"at expected level (4->3, 3->2, 0-2-><2): {right}/{total} = {right / total:.3f}"
                 if total else "no sentences")  # fmt: skip
    material = _prf((c == 4, p == 3) for (c, p), v in confusion.items() for _ in range(v))
    conflict = _prf((c >= 3, p >= 2) for (c, p), v in confusion.items() for _ in range(v))
    lines.append(f"class 4 as level 3:       P {material.precision:.3f}  R {material.recall:.3f}"
                 f"  F1 {material.f1:.3f}")  # fmt: skip
    lines.append(f"class 3-4 as level >= 2:  P {conflict.precision:.3f}  R {conflict.recall:.3f}"
                 f"  F1 {conflict.f1:.3f}")  # fmt: skip
    return "\n".join(lines)
