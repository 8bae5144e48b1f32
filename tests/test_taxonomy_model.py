"""Tests of the taxonomy files' schema: validation on load and merging of built-in and user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmon.errors import ConfigError
from newsmon.taxonomy_model import merge, read_file
from newsmon.vocab import BUILTIN_DIR


def test_builtin_files_validate() -> None:
    """Every built-in taxonomy file passes the schema."""
    files = [read_file(p) for p in sorted(BUILTIN_DIR.glob("*.yaml"))]

    assert all(files)
    assert "gaza" in merge(files).conflict_places


def test_merge_extends_lists_and_updates_maps(tmp_path: Path) -> None:
    """Merging adds list entries and replaces map entries of the same key."""
    one = tmp_path / "one.yaml"
    one.write_text("conflict_places: [UA]\nleaders:\n  ISR: [A]\n", encoding="utf-8")
    two = tmp_path / "two.yaml"
    two.write_text("conflict_places: [HT]\nleaders:\n  ISR: [B]\n", encoding="utf-8")
    merged = merge([read_file(one), read_file(two)])

    assert (["UA", "HT"], {"ISR": ["B"]}) == (merged.conflict_places, merged.leaders)


def test_bad_region_code_names_the_line(tmp_path: Path) -> None:
    """A state's region that is no alpha-2 code is an error naming the file and its line."""
    path = tmp_path / "taxonomy.yaml"
    path.write_text("states:\n  XYZ:\n    region: xyz\n", encoding="utf-8")

    with pytest.raises(ConfigError, match=r"taxonomy.yaml:3: states.XYZ.region"):
        read_file(path)


def test_bad_rivalry_or_outside_power_names_the_line(tmp_path: Path) -> None:
    """A rivalry side that is no actor id, or an outside power that is no alpha-2 code, names its line."""
    path = tmp_path / "taxonomy.yaml"
    path.write_text("rivalries:\n  - [GUY, VEN]\n  - [GUY, Venezuela]\noutside_powers: [USA]\n",
                    encoding="utf-8")  # fmt: skip

    with pytest.raises(ConfigError, match=r"taxonomy.yaml:3: rivalries\[1\]\[1\]") as raised:
        read_file(path)
    assert "taxonomy.yaml:4: outside_powers[0]" in str(raised.value)
