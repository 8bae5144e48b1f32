"""How far newsmon's analysis is from a second human-style labelling of the same items.

The issue gives its aims beside the agreement of two independent labellings (0.93 relevance, 0.89
escalation, 0.93 regions, 0.89 actors F1). This script measures that agreement on two of our own
sets and prints newsmon's figures on the same items beside it, so that a gap can be read as the
system's and not as noise in the labels:

- ``dev``: the 302 items of ``../shared/eval/dev.jsonl``, labelled a second time, blind, by
  LABELING.md (``tests/data/analysis_dev_second.jsonl``: ids and labels only; the text is read
  from ``../shared`` at run time).
- ``wire-b``: the 360 items of the three wire sets' b halves (``tests/data/analysis_wire*_b.jsonl``),
  labelled a second time, blind (``tests/data/analysis_wire_b_second.jsonl``). The b halves are
  known only by their figures; so is this file.

The second labellers saw the guideline and the items' titles and summaries only: neither the first
labels nor newsmon. Each figure is the second labelling (or newsmon) scored against the first
labelling exactly as ``newsmon eval analysis`` scores: relevance and escalation F1, de-escalation
F1, and micro F1 of regions and actors over items of first-label level >= 1.

    python bench/label_agreement.py              # both sets
    python bench/label_agreement.py --set dev
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsmon.evaluation import GoldItem, Report, predict, read_gold, score
from newsmon.models import Analysis, Evidence
from newsmon.vocab import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SETS = {
    "dev": ([ROOT.parent / "shared" / "eval" / "dev.jsonl"], DATA / "analysis_dev_second.jsonl"),
    "wire-b": ([DATA / f"analysis_{name}_b.jsonl" for name in ("wire", "wire2", "wire3")],
               DATA / "analysis_wire_b_second.jsonl"),
}  # fmt: skip


def second_labels(path: Path) -> dict[str, Analysis]:
    """The second labelling of ``path`` as analyses (events without sentences)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        labels = row["labels"]
        out[row["id"]] = Analysis(
            level=int(labels["level"]), deescalation=bool(labels["deescalation"]), score=0.0,
            regions=tuple(labels["regions"]), actors=tuple(labels["actors"]),
            events=tuple(Evidence(event=e, sentence="") for e in labels["events"]),
        )  # fmt: skip
    return out


def figures(report: Report) -> str:
    sets = report.sets
    return (f"{report.relevance.f1:.3f}  {report.escalation.f1:.3f}  {report.deescalation.f1:.3f}  "
            f"{sets['regions'].f1:.3f}  {sets['actors'].f1:.3f}  kappa {report.level_kappa:.3f}")  # fmt: skip


def compare(name: str) -> str | None:
    """Rows for set ``name``: the second labelling and newsmon, each against the first labels."""
    gold_files, second_file = SETS[name]
    if not all(p.is_file() for p in gold_files):
        return f"{name}: skipped, {gold_files[0].parent} is absent"
    gold: list[GoldItem] = [item for path in gold_files for item in read_gold(path)]
    second = second_labels(second_file)
    missing = [g.id for g in gold if g.id not in second]
    if missing or len(second) != len(gold):
        raise SystemExit(f"{second_file}: labels do not match the {len(gold)} items of {name} "
                         f"(missing {missing[:5]})")  # fmt: skip
    human = score([(g, second[g.id]) for g in gold], worst=0)
    system = score(predict(gold, load_taxonomy()), worst=0)
    return "\n".join([
        f"{name}: {len(gold)} items, {sum(g.level >= 1 for g in gold)} of first-label level >= 1",
        "                     rel    esc    de-esc reg    act",
        f"  second labelling   {figures(human)}",
        f"  newsmon            {figures(system)}",
    ])  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="default: all")
    args = parser.parse_args(argv)
    for name in args.set or sorted(SETS):
        print(compare(name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
