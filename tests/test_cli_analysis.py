"""Tests of ``newsmon analyze`` and ``newsmon eval analysis`` through the real click commands."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsmon.cli import main


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_analyze_files(tmp_path: Path) -> None:
    """Each input line gives one output line with level, tags and evidence; unknown keys ignored."""
    src = tmp_path / "items.jsonl"
    src.write_text(json.dumps({"id": "a", "title": "Israeli airstrikes kill 20 in Beirut",
                               "extra": 1}) + "\n", encoding="utf-8")  # fmt: skip
    out = tmp_path / "out.jsonl"

    code, _, _ = _run("analyze", "--in", str(src), "--out", str(out))
    row = json.loads(out.read_text(encoding="utf-8"))

    assert 0 == code
    assert ("a", 3, ["LB"], ["ISR"], ["ASSAULT"]) == (
        row["id"], row["level"], row["regions"], row["actors"], row["events"])
    assert {"event": "ASSAULT", "sentence": "Israeli airstrikes kill 20 in Beirut",
            "mode": "air strike", "source": "ISR", "killed": 20} == row["evidence"][0]  # fmt: skip


def test_malformed_line_is_named_and_rest_runs() -> None:
    """A malformed line is reported with its number, the others are analysed, exit status 1."""
    stdin = '{"id": 1, "title": "Quiet day"}\nnot json\n{"id": 3}\n{"id": 4, "title": "Calm"}\n'

    code, out, err = _run("analyze", stdin=stdin)

    assert 1 == code
    assert [1, 4] == [json.loads(line)["id"] for line in out.splitlines()]
    assert "line 2" in err and "line 3" in err


def test_user_taxonomy_end_to_end(tmp_path: Path) -> None:
    """A new armed group in the user's taxonomy.yaml is tagged and makes the item relevant."""
    taxonomy = tmp_path / "taxonomy.yaml"
    taxonomy.write_text("actors:\n  zeta-front:\n    names: [Zeta Front]\n    armed: true\n",
                        encoding="utf-8")  # fmt: skip
    stdin = json.dumps({"id": 1, "title": "Zeta Front fighters attack a border post"}) + "\n"

    code, out, _ = _run("analyze", "--taxonomy", str(taxonomy), stdin=stdin)
    row = json.loads(out)

    assert (0, ["zeta-front"], 3) == (code, row["actors"], row["level"])


def test_bad_taxonomy_is_one_line_error(tmp_path: Path) -> None:
    """An invalid taxonomy.yaml is one error line naming the file and exit status 1."""
    taxonomy = tmp_path / "taxonomy.yaml"
    taxonomy.write_text("leaders: [oops]\n", encoding="utf-8")

    code, _, err = _run("analyze", "--taxonomy", str(taxonomy), stdin="")

    assert 1 == code
    assert err.startswith(f"newsmon: {taxonomy}:1: leaders")


def test_eval_analysis_prints_figures(tmp_path: Path) -> None:
    """eval analysis prints the README's figures and the worst misses."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "x", "title": "Israeli airstrikes kill 20 in Beirut",
                                "gold": {"level": 3, "deescalation": False, "regions": ["SY"],
                                         "actors": ["ISR"], "events": ["ASSAULT"]}}) + "\n",
                    encoding="utf-8")  # fmt: skip

    code, out, _ = _run("eval", "analysis", "--gold", str(gold))

    assert 0 == code
    assert "relevance (level>=1)" in out and "kappa" in out
    assert "worst misses: regions" in out


def test_help_ends_with_example() -> None:
    """Every analysis command's help has an Example."""
    for args in (["analyze"], ["eval"], ["eval", "analysis"]):
        code, out, _ = _run(*args, "--help")
        assert (0, True) == (code, "Example:" in out)
