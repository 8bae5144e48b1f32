"""The HTML digest rendered by headless Chromium: a real page of sensible size (skipped without chromium)."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from matplotlib.image import imread

from newsmon.digest import collect
from newsmon.render import write_digest
from newsmon.warehouse import open_warehouse
from tests.digest_fixture import DAY, TIMEZONE, build_fixture

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def _screenshot(html: Path, png: Path, profile: Path, width: int) -> bytes:
    args = [str(CHROMIUM), "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", f"--screenshot={png}", f"--window-size={width},2400",
            "--hide-scrollbars", html.resolve().as_uri()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    subprocess.run(args, check=True, capture_output=True, timeout=90)
    return png.read_bytes()


def _pixels(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])  # type: ignore[return-value]


@pytest.mark.parametrize("width", [640, 375])
def test_html_renders_to_a_real_page(tmp_path: Path, width: int) -> None:
    """At desktop and phone widths the digest renders to a PNG of that width, mostly not blank."""
    with open_warehouse(build_fixture(tmp_path / "w.duckdb")) as wh:
        files = write_digest(collect(wh.con, DAY, timezone=TIMEZONE), tmp_path / "digests")

    png = _screenshot(files.html, tmp_path / "shot.png", tmp_path / "profile", width)

    assert b"\x89PNG\r\n\x1a\n" == png[:8]
    assert (width, 2400) == _pixels(png)
    ink = (imread(io.BytesIO(png), format="png")[:1600, :, :3].min(axis=2) < 0.6).mean()
    assert ink > 0.02  # text and a chart on the page, not a blank or an error page
