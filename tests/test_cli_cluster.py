"""Tests of ``newsmon cluster``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsmon.cli import main

BODY = ("The central bank kept its main interest rate unchanged on Thursday and said inflation was falling more "
        "slowly than expected, with services prices still rising at a pace that worried policymakers.")


def test_cluster_marks_copies_and_reports_bad_lines(tmp_path: Path) -> None:
    """Copies point at the first item; a malformed line is named by number and the rest still runs."""
    lines = [
        json.dumps({"id": "1", "title": "Rates on hold", "text": BODY}),
        "{not json",
        json.dumps({"id": "2", "title": "Bank holds rates", "text": "LONDON (Reuters) - " + BODY}),
        json.dumps({"id": "3", "title": "Storm hits coast", "summary": "A storm hit the coast on Friday night."}),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"

    result = CliRunner().invoke(main, ["cluster", "--in", str(src), "--out", str(out)])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    assert 1 == result.exit_code
    assert "line 2" in result.output
    assert [("1", None, "1"), ("2", "1", "1"), ("3", None, "3")] == [
        (r["id"], r["duplicate_of"], r["story"]) for r in rows
    ]


def test_cluster_reads_stdin_and_writes_stdout() -> None:
    """Without --in and --out it is a filter."""
    result = CliRunner().invoke(main, ["cluster"], input=json.dumps({"id": "x", "title": "Hello", "text": BODY}))

    assert 0 == result.exit_code
    assert {"id": "x", "duplicate_of": None, "story": "x", "similarity": None} == json.loads(result.output)


def test_cluster_help_has_example() -> None:
    """The help ends with an example."""
    result = CliRunner().invoke(main, ["cluster", "--help"])

    assert "Example:" in result.output
