"""Tests of the command line as a whole: help everywhere, one-line errors."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsmon.cli import main


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append(((*prefix, name), command))
        if isinstance(command, click.Group):
            found += commands(command, (*prefix, name))
    return found


@pytest.mark.parametrize("path", [p for p, _ in commands(main)], ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    """`newsmon ... --help` works and ends with an Example block."""
    result = CliRunner().invoke(main, [*path, "--help"])

    assert 0 == result.exit_code, result.output
    assert "Example:" in result.output
    assert "newsmon " + path[0] in result.output.split("Example:", 1)[1]


def test_sources_list_reads_the_shipped_file() -> None:
    """The shipped sources.yaml lists its feeds."""
    result = CliRunner().invoke(main, ["sources", "list", "--sources",
                                       str(Path(__file__).resolve().parents[1] / "sources.yaml")])

    assert 0 == result.exit_code
    assert "Al Jazeera" in result.output and "15 feeds" in result.output


def test_expected_error_is_one_line_and_exit_1(tmp_path: Path) -> None:
    """A bad sources file gives `newsmon: file:line: ...` and status 1, no traceback."""
    bad = tmp_path / "sources.yaml"
    bad.write_text("feeds:\n  - name: A\n    url: not-a-url\n")
    result = CliRunner().invoke(main, ["sources", "list", "--sources", str(bad)])

    assert 1 == result.exit_code
    assert result.output.startswith(f"newsmon: {bad}:3: feeds[0].url")
    assert "Traceback" not in result.output
