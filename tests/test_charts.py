"""The trend chart: a real PNG of the expected width, the same bytes for the same data."""

from __future__ import annotations

import struct

from newsmon.charts import Bar, trend_chart

BARS = [Bar("Lebanon", 8, 2 / 7), Bar("Syria", 2, 0), Bar("Yemen", 1, 6 / 7)]


def _size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_png_of_one_column_width() -> None:
    """The chart is a PNG 640 pixels wide, taller with more regions."""
    one, three = trend_chart(BARS[:1]), trend_chart(BARS)

    assert b"\x89PNG\r\n\x1a\n" == three[:8]
    assert 640 == _size(three)[0]
    assert _size(three)[1] > _size(one)[1]


def test_same_data_same_bytes() -> None:
    """Drawing the same bars twice gives identical bytes (no timestamps or software version inside)."""
    first, second = trend_chart(BARS), trend_chart(BARS)

    assert first == second
    assert b"Software" not in first and b"matplotlib" not in first


def test_different_data_different_bytes() -> None:
    """The bytes depend on the data (the chart is not a constant picture)."""
    assert trend_chart(BARS) != trend_chart([Bar("Lebanon", 1, 5)] + BARS[1:])


def test_no_regions_still_draws() -> None:
    """With nothing to show, the chart says so instead of failing."""
    assert b"\x89PNG" == trend_chart([])[:4]
