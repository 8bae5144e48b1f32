"""The digest's trend chart: each region's escalation today against its 7-day baseline, as PNG bytes.

Drawn with matplotlib's Agg canvas directly (no pyplot, so no global figure state), with the bundled DejaVu
font and no PNG metadata, so the same data give the same bytes on every run.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

MAX_REGIONS = 12
TODAY_COLOUR = "#c0392b"
BASELINE_COLOUR = "#7f8c8d"


@dataclass(frozen=True)
class Bar:
    """One region's pair of bars: its escalation index today and its 7-day mean."""

    label: str
    today: float
    baseline: float


def trend_chart(bars: Sequence[Bar], *, title: str = "Escalation by region: today and 7-day mean") -> bytes:
    """A 640-pixel-wide PNG of horizontal bar pairs, one pair per region (at most 12), top to bottom."""
    bars = list(bars)[:MAX_REGIONS]
    rc: dict[str, Any] = {
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "svg.hashsalt": "newsmon",
        "path.simplify": True,
        "axes.unicode_minus": False,
    }
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]
        height = 1.2 + 0.42 * max(len(bars), 1)
        fig = Figure(figsize=(6.4, height), dpi=100, facecolor="white")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        positions = list(range(len(bars)))[::-1]
        ax.barh([p + 0.2 for p in positions], [b.today for b in bars], height=0.38, color=TODAY_COLOUR,
                label="today")
        ax.barh([p - 0.2 for p in positions], [b.baseline for b in bars], height=0.38, color=BASELINE_COLOUR,
                label="7-day mean")
        ax.set_yticks(positions, [_short(b.label) for b in bars])
        ax.set_xlabel("escalation index (sum of story levels)")
        ax.set_title(title, fontsize=10, loc="left")
        if not bars:
            ax.text(0.5, 0.5, "no escalation-related stories", ha="center", va="center", transform=ax.transAxes)
        ax.set_xlim(0, max([1.0] + [b.today for b in bars] + [b.baseline for b in bars]) * 1.1)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="lower right", frameon=False)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None}, facecolor="white")
    return buffer.getvalue()


def _short(label: str, limit: int = 22) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
