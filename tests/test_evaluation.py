"""Tests of the evaluation figures, and a floor under the dev-set figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from newsmon.errors import InputError
from newsmon.evaluation import PRF, kappa, predict, read_gold, score
from newsmon.vocab import load_taxonomy

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"
EXTRA = Path(__file__).resolve().parent / "data" / "analysis_extra.jsonl"
CHECK = Path(__file__).resolve().parent / "data" / "analysis_check.jsonl"
WIRE = Path(__file__).parent / "data" / "analysis_wire_a.jsonl"
ROOT = Path(__file__).resolve().parents[1]
PROBES = Path(__file__).parent / "data" / "analysis_probes.txt"


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _row(i: int, title: str, level: int, regions: list[str], actors: list[str]) -> dict:
    return {"id": str(i), "title": title, "summary": "",
            "gold": {"level": level, "deescalation": False, "regions": regions,
                     "actors": actors, "events": ["ASSAULT"] if level == 3 else []}}  # fmt: skip


def test_prf_from_counts() -> None:
    """Precision, recall and F1 follow from the counts; empty counts are perfect."""
    prf = PRF(tp=3, fp=1, fn=2)

    assert (0.75, 0.6) == (prf.precision, prf.recall)
    assert pytest.approx(2 * 0.75 * 0.6 / 1.35) == prf.f1
    assert 1.0 == PRF(0, 0, 0).precision


def test_kappa_known_values() -> None:
    """Kappa is 1 for perfect agreement and 0 for agreement at chance."""
    assert 1.0 == kappa({(0, 0): 5, (1, 1): 5})
    assert 0.0 == pytest.approx(kappa({(0, 0): 1, (0, 1): 1, (1, 0): 1, (1, 1): 1}))


def test_score_of_a_small_file(tmp_path: Path) -> None:
    """A labelled file is scored field by field; set fields count only relevant items."""
    path = _write(tmp_path / "gold.jsonl", [
        _row(1, "Israeli airstrikes kill 20 in Beirut", 3, ["LB"], ["ISR"]),
        _row(2, "Bakery wins prize for its bread", 0, ["FR"], []),
    ])  # fmt: skip
    report = score(predict(read_gold(path), load_taxonomy()))

    assert 2 == report.items
    assert (1, 0, 0) == (report.relevance.tp, report.relevance.fp, report.relevance.fn)
    assert (1, 0, 0) == (report.sets["regions"].tp, report.sets["regions"].fp,
                         report.sets["regions"].fn)  # fmt: skip
    assert 1.0 == report.level_accuracy


def test_bad_gold_line_names_its_line(tmp_path: Path) -> None:
    """A gold line without a label is an error naming its line."""
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(_row(1, "x", 0, [], [])) + "\n{\"id\": 2}\n", encoding="utf-8")

    with pytest.raises(InputError, match=r"gold.jsonl:2"):
        list(read_gold(path))


@pytest.mark.skipif(not DEV.is_file(), reason="shared dev set absent")
def test_dev_figures_stay_above_floor() -> None:
    """The dev-set figures stay above floors set a little under the measured ones."""
    report = score(predict(read_gold(DEV), load_taxonomy()))
    measured = {
        "relevance": report.relevance.f1, "escalation": report.escalation.f1,
        "regions": report.sets["regions"].f1, "actors": report.sets["actors"].f1,
        "events": report.sets["events"].f1, "kappa": report.level_kappa,
    }  # fmt: skip
    floors = {"relevance": 0.90, "escalation": 0.85, "regions": 0.79, "actors": 0.845,
              "events": 0.64, "kappa": 0.86}  # fmt: skip

    assert {} == {k: round(v, 3) for k, v in measured.items() if v < floors[k]}


def test_extra_check_set_stays_above_floor() -> None:
    """Headlines written in other outlets' styles (tests/data) stay above floors under their figures."""
    report = score(predict(read_gold(EXTRA), load_taxonomy()))
    measured = {
        "relevance": report.relevance.f1, "escalation": report.escalation.f1,
        "regions": report.sets["regions"].f1, "actors": report.sets["actors"].f1,
    }  # fmt: skip
    floors = {"relevance": 0.97, "escalation": 0.91, "regions": 0.82, "actors": 0.95}

    assert {} == {k: round(v, 3) for k, v in measured.items() if v < floors[k]}


def test_check_set_stays_above_floor() -> None:
    """The check set, labelled before tuning and never tuned on, stays above floors under its figures."""
    report = score(predict(read_gold(CHECK), load_taxonomy()))
    measured = {
        "relevance": report.relevance.f1, "escalation": report.escalation.f1,
        "regions": report.sets["regions"].f1, "actors": report.sets["actors"].f1,
    }  # fmt: skip
    floors = {"relevance": 0.95, "escalation": 0.77, "regions": 0.80, "actors": 0.87}

    assert {} == {k: round(v, 3) for k, v in measured.items() if v < floors[k]}


@pytest.mark.parametrize(("name", "floors"), [
    ("wire_a", {"relevance": 0.89, "escalation": 0.94, "regions": 0.83, "actors": 0.86}),
    ("wire_b", {"relevance": 0.87, "escalation": 0.78, "regions": 0.82, "actors": 0.82}),
    ("wire2_a", {"relevance": 0.94, "escalation": 0.81, "regions": 0.81, "actors": 0.90}),
    ("wire2_b", {"relevance": 0.80, "escalation": 0.70, "regions": 0.73, "actors": 0.86}),
    ("wire3_a", {"relevance": 0.90, "escalation": 0.79, "regions": 0.81, "actors": 0.85}),
    ("wire3_b", {"relevance": 0.83, "escalation": 0.82, "regions": 0.82, "actors": 0.86}),
    ("wire4_a", {"relevance": 0.91, "escalation": 0.82, "regions": 0.82, "actors": 0.84}),
    ("wire4_b", {"relevance": 0.95, "escalation": 0.90, "regions": 0.84, "actors": 0.84}),
    ("wire5_a", {"relevance": 0.84, "escalation": 0.86, "regions": 0.79, "actors": 0.89}),
    ("wire5_b", {"relevance": 0.81, "escalation": 0.70, "regions": 0.85, "actors": 0.89}),
    ("wire6_a", {"relevance": 0.92, "escalation": 0.77, "regions": 0.75, "actors": 0.88}),
    ("wire6_b", {"relevance": 0.87, "escalation": 0.81, "regions": 0.82, "actors": 0.92}),
    ("wire7_a", {"relevance": 0.85, "escalation": 0.70, "regions": 0.82, "actors": 0.88}),
    ("wire7_b", {"relevance": 0.86, "escalation": 0.85, "regions": 0.84, "actors": 0.86}),
    ("wire8_a", {"relevance": 0.87, "escalation": 0.77, "regions": 0.88, "actors": 0.88}),
    ("wire8_b", {"relevance": 0.86, "escalation": 0.78, "regions": 0.85, "actors": 0.88}),
    ("wire9_a", {"relevance": 0.83, "escalation": 0.81, "regions": 0.85, "actors": 0.88}),
    ("wire9_b", {"relevance": 0.96, "escalation": 0.96, "regions": 0.88, "actors": 0.92}),
    ("wire10_a", {"relevance": 0.84, "escalation": 0.87, "regions": 0.81, "actors": 0.92}),
    ("wire10_b", {"relevance": 0.88, "escalation": 0.64, "regions": 0.80, "actors": 0.84}),
    ("wire11_a", {"relevance": 0.91, "escalation": 0.75, "regions": 0.82, "actors": 0.86}),
    ("wire11_b", {"relevance": 0.88, "escalation": 0.87, "regions": 0.81, "actors": 0.87}),
    ("wire12_a", {"relevance": 0.81, "escalation": 0.84, "regions": 0.87, "actors": 0.84}),
    ("wire12_b", {"relevance": 0.94, "escalation": 0.90, "regions": 0.84, "actors": 0.87}),
    ("probes_places", {"relevance": 0.97, "escalation": 0.90, "regions": 0.90, "actors": 0.93}),
    ("probes_regions", {"relevance": 0.97, "escalation": 0.88, "regions": 0.88, "actors": 0.92}),
])  # fmt: skip
def test_wire_sets_stay_above_floor(name: str, floors: dict[str, float]) -> None:
    """Teasers written in the styles of eight outlets each and labelled blind
    (tests/data/analysis_wire*_*.jsonl: 240 of Reuters, Al Jazeera ..., 240 of AP, BBC ..., 240 of
    CNN, Al Arabiya ... on 16-19 February 2026, 240 of Anadolu, Xinhua ... on 20-23 February 2026,
    240 of The Times of Israel, Dawn ... on 23-26 February 2026, 240 of The Guardian, France 24 ... on
    25-28 February 2026, 240 of The Jerusalem Post, Al-Monitor ... on 2-5 March 2026, 240 of
    Ynetnews, L'Orient Today ... on 6-9 March 2026, 240 of Kurdistan24, Ahram Online ... on 10-13
    March 2026, 240 of Iran International, Politico Europe ... on 14-17 March 2026, 240 of The New Arab,
    RTÉ News ... on 18-21 March 2026, 240 of Daily Sabah, Japan Today ... on 22-25 March 2026).

    The a halves of the first three, of wire5 and of wire7 to wire12 were read for misses; their b
    halves and both halves of wire4 and wire6 are check sets, known only by their figures.
    """
    report = score(predict(read_gold(WIRE.with_name(f"analysis_{name}.jsonl")), load_taxonomy()))
    measured = {
        "relevance": report.relevance.f1, "escalation": report.escalation.f1,
        "regions": report.sets["regions"].f1, "actors": report.sets["actors"].f1,
    }  # fmt: skip

    assert {} == {k: round(v, 3) for k, v in measured.items() if v < floors[k]}


def test_sentences_confusion(tmp_path: Path) -> None:
    """A sentence file is scored as CAMEO class against predicted level."""
    from newsmon.evaluation import read_sentences, score_sentences

    path = tmp_path / "s.tsv"
    path.write_text("Israeli airstrikes killed 20 in Beirut.\t4\nThe bakery opened.\t0\n",
                    encoding="utf-8")  # fmt: skip

    assert {(4, 3): 1, (0, 0): 1} == score_sentences(read_sentences(path), load_taxonomy())


@pytest.mark.skipif(not DEV.is_file(), reason="shared feeds absent")
@pytest.mark.parametrize(("name", "floors"), [
    ("heldout", {"relevance": 0.90, "regions": 0.74, "actors": 0.84}),
    ("third", {"relevance": 0.70, "regions": 0.62, "actors": 0.86}),
    ("cameo-a", {"relevance": 0.80, "regions": 0.79, "actors": 0.88}),
])  # fmt: skip
def test_other_outlets_stay_above_floor(name: str, floors: dict[str, float], tmp_path: Path) -> None:
    """Items of outlets the rules were not first tuned on (bench/analysis_heldout.py) stay above floors."""
    from bench.analysis_heldout import labelled

    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in labelled(name)), encoding="utf-8")
    report = score(predict(read_gold(path), load_taxonomy()))
    measured = {"relevance": report.relevance.f1, "regions": report.sets["regions"].f1,
                "actors": report.sets["actors"].f1}  # fmt: skip

    assert {} == {k: round(v, 3) for k, v in measured.items() if v < floors[k]}


@pytest.mark.parametrize(("name", "sets"), [
    ("dev", None),
    ("wire_b", ("wire_b", "wire2_b", "wire3_b")),
])  # fmt: skip
def test_second_labellings_cover_their_sets_in_the_guideline_identifiers(
    name: str, sets: tuple[str, ...] | None
) -> None:
    """bench/label_agreement.py scores a second, blind labelling against the first: each file
    labels every item of its set once, with LABELING.md's codes and identifiers only."""
    from bench.label_agreement import second_labels

    second = second_labels(WIRE.with_name(f"analysis_{name}_second.jsonl"))
    if sets is None:
        if not DEV.is_file():
            pytest.skip("shared dev set absent")
        ids = [item.id for item in read_gold(DEV)]
    else:
        ids = [item.id for s in sets for item in read_gold(WIRE.with_name(f"analysis_{s}.jsonl"))]
    taxonomy = load_taxonomy()
    alpha2, alpha3 = set(taxonomy.alpha2.values()), set(taxonomy.alpha2)
    table = yaml.safe_load((ROOT / "newsmon" / "taxonomy" / "actors.yaml").read_text())["actors"]
    subregions = {"gaza", "west-bank", "golan", "red-sea", "strait-of-hormuz", "persian-gulf",
                  "black-sea"}  # fmt: skip
    unknown = sorted(
        {r for a in second.values() for r in a.regions if r not in alpha2 | subregions}
        | {x for a in second.values() for x in a.actors
           if x not in alpha3 and x not in table}
    )  # fmt: skip

    assert (sorted(ids), []) == (sorted(second), unknown)


def _probe_misses(path: Path) -> tuple[int, list[str]]:
    """The probe lines of ``path`` and those whose relevance or escalation the analysis gets wrong."""
    from newsmon.escalation import analyze

    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split(" ", 1) for line in lines if line.strip() and not line.startswith("#")]
    taxonomy = load_taxonomy()
    wrong = []
    for level, text in rows:
        title, _, summary = text.partition(" || ")
        got = analyze(title, summary, taxonomy=taxonomy).level
        if (got >= 1, got >= 2) != (int(level) >= 1, int(level) >= 2):
            wrong.append(f"{level}->{got} {title}")
    return len(rows), wrong


def test_probe_headlines_keep_their_levels() -> None:
    """438 headlines of common conflict forms and false-alarm traps (tests/data/analysis_probes.txt,
    each with the level its writer gave by LABELING.md): nine in ten or more keep their relevance and
    escalation. 31 were wrong when the file was written."""
    count, wrong = _probe_misses(PROBES)

    assert count == 438 and len(wrong) <= 0.1 * count, wrong


def test_relevance_probes_keep_their_levels() -> None:
    """210 headlines of level-1 forms that name no term of war ("deminers", "convoy reaches",
    "families of the missing") and level-0 traps (tests/data/analysis_probes_relevance.txt, written
    from LABELING.md alone). 54 were wrong when the file was written, 36 at the end of the session
    that wrote it; the floor allows 39 (a margin of three)."""
    count, wrong = _probe_misses(PROBES.with_name("analysis_probes_relevance.txt"))

    assert count == 210 and len(wrong) <= 39, wrong


def test_boundary_probes_keep_their_levels() -> None:
    """180 headlines with teasers on the boundary of levels 0 and 1: an army's parade, flood relief or
    audit against a war's refugees, trials and talks (tests/data/analysis_probes_boundary.txt, written
    from LABELING.md alone). 32 were wrong when it was written, 21 at the end of the session that
    wrote it; the floor allows 24."""
    count, wrong = _probe_misses(PROBES.with_name("analysis_probes_boundary.txt"))

    assert count == 180 and len(wrong) <= 24, wrong
