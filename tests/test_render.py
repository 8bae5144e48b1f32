"""Rendering the fixture day: golden Markdown, HTML and text; byte-identical re-renders; hostile text inert."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsmon.digest import DigestData, collect
from newsmon.render import (
    render_html,
    render_markdown,
    render_text,
    subject,
    write_digest,
)
from newsmon.warehouse import open_warehouse
from tests.digest_fixture import DAY, TIMEZONE, build_fixture

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("NEWSMON_UPDATE_GOLDEN") == "1"  # regenerate after a deliberate template change


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> DigestData:
    """The fixture day's digest data."""
    path = build_fixture(tmp_path_factory.mktemp("wh") / "w.duckdb")
    with open_warehouse(path) as wh:
        return collect(wh.con, DAY, timezone=TIMEZONE)


def _golden(name: str, actual: str) -> str:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "render"), [
    ("digest.md", lambda d: render_markdown(d, chart_name="2026-11-27.png")),
    ("digest.html", lambda d: render_html(d, chart_src="cid:trend-chart@newsmon")),
    ("digest.txt", render_text),
])
def test_golden(data: DigestData, name: str, render: object) -> None:
    """Each format of the fixture day matches its reviewed golden file."""
    actual = render(data)  # type: ignore[operator]

    assert _golden(name, actual) == actual


def test_subject_names_the_date_count_and_rising_region(data: DigestData) -> None:
    """The subject has the day, the number of stories and the region that rose most."""
    assert "newsmon digest — 27 Nov 2026: 5 stories, Lebanon rising" == subject(data)


def test_files_are_byte_identical_when_rendered_again(tmp_path: Path) -> None:
    """The same warehouse and day give the same four files, byte for byte."""
    path = build_fixture(tmp_path / "w.duckdb")
    outputs = []
    for folder in ("one", "two"):
        with open_warehouse(path) as wh:
            files = write_digest(collect(wh.con, DAY, timezone=TIMEZONE), tmp_path / folder)
        outputs.append({p.name: p.read_bytes() for p in (files.markdown, files.html, files.text, files.chart) if p})

    assert {"2026-11-27.md", "2026-11-27.html", "2026-11-27.txt", "2026-11-27.png"} == set(outputs[0])
    assert outputs[0] == outputs[1]


class _Scan(HTMLParser):
    """Collects tags, attributes and link targets of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]
        self.hrefs += [v or "" for k, v in attrs if k in ("href", "src")]


def test_hostile_text_is_inert_in_html(data: DigestData) -> None:
    """Script tags, event handlers and javascript: URLs from the feed never become markup or links."""
    scan = _Scan()
    scan.feed(render_html(data, chart_src="cid:trend-chart@newsmon"))

    assert "script" not in scan.tags
    assert not [a for a in scan.attrs if a.startswith("on")]
    assert all(h.startswith(("https://", "cid:")) for h in scan.hrefs)
    assert 1 == scan.tags.count("img")  # the chart only: the hostile <img> stayed text


def test_hostile_text_is_inert_in_markdown(data: DigestData) -> None:
    """No link, image or raw tag comes from a hostile title; only http(s) targets appear in links."""
    md = render_markdown(data, chart_name="2026-11-27.png")
    targets = re.findall(r"\]\(<?([^)>]*)>?\)", md)

    assert "<script>" not in md and "javascript:" not in " ".join(targets)
    assert all(t.startswith("https://") or t == "2026-11-27.png" for t in targets)
