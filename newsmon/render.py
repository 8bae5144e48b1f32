"""Rendering a day's ``DigestData`` as Markdown, HTML (CSS inlined) and plain text, and writing the files.

All three come from the Jinja2 templates under ``newsmon/templates/``. Text from the internet is made inert:
HTML is autoescaped, Markdown is escaped by the ``md`` filter, and only http(s) URLs become links. Rendering
is deterministic: the same data give byte-identical files.
"""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass
from pathlib import Path

import css_inline
import pycountry
import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from newsmon.charts import Bar, trend_chart
from newsmon.digest import LEVEL_WORDS, DigestData
from newsmon.markup import md_escape, safe_url

TAXONOMY = Path(__file__).resolve().parent / "taxonomy"
CHART_CID = "trend-chart@newsmon"


@dataclass(frozen=True)
class DigestFiles:
    """The files of one rendered day and its e-mail subject."""

    markdown: Path
    html: Path
    text: Path
    chart: Path | None
    subject: str


@functools.cache
def _vocabulary_names() -> tuple[dict[str, str], dict[str, str]]:
    """Display names of sub-regions and non-state actors: the first name each has in the taxonomy."""
    places = yaml.safe_load((TAXONOMY / "places.yaml").read_text(encoding="utf-8")) or {}
    actors = yaml.safe_load((TAXONOMY / "actors.yaml").read_text(encoding="utf-8")) or {}
    sub = {k: (v.get("names") or [k])[0] for k, v in (places.get("subregions") or {}).items()}
    act = {k: (v.get("names") or v.get("exact") or [k])[0] for k, v in (actors.get("actors") or {}).items()}
    return sub, act


def _country(code: str) -> str | None:
    found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    if found is None:
        return None
    name = getattr(found, "common_name", None) or found.name
    return str(name).split(", ")[0]


def region_name(code: str | None) -> str:
    """A region's name for readers: a country's common name, a sub-region's first name, else the code."""
    if not code:
        return "No region named"
    if code.isupper():
        return _country(code) or code
    return _vocabulary_names()[0].get(code) or code.replace("-", " ").capitalize()


def actor_name(code: str) -> str:
    """An actor's name for readers: a state's common name, a group's first name, else the id."""
    if code.isupper() and len(code) == 3:
        return _country(code) or code
    return _vocabulary_names()[1].get(code) or code


def day_words(day: object) -> str:
    """27 Nov 2026 (no leading zero)."""
    return f"{day.day} {day:%b %Y}"  # type: ignore[attr-defined]


def subject(data: DigestData) -> str:
    """The e-mail subject: the date, the number of stories and the region that rose most."""
    n = data.stories
    text = f"newsmon digest — {day_words(data.day)}: {n} {'story' if n == 1 else 'stories'}"
    if data.rising:
        text += f", {region_name(data.rising[0].region)} rising"
    return text


def _number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}"


ARROWS = {"rising": "▲ rising", "easing": "▼ easing", "steady": "► steady", "no baseline": "· no baseline"}


@functools.cache
def environment() -> Environment:
    """The Jinja2 environment of the digest templates (HTML autoescaped, Markdown escaped by filter)."""
    env = Environment(
        loader=PackageLoader("newsmon", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_escape, plain=lambda v: " ".join(str(v).split()), safe_url=safe_url, region=region_name, actor=actor_name,
                       num=_number, day=day_words, arrow=lambda a: ARROWS.get(a, a))
    env.globals.update(level_words=LEVEL_WORDS)
    return env


def chart_png(data: DigestData) -> bytes | None:
    """The trend chart of the day, or None when no region has escalation today or in its baseline."""
    if not data.trends:
        return None
    return trend_chart([Bar(region_name(t.region), t.index, t.base_index) for t in data.trends])


def _context(data: DigestData, chart_src: str | None) -> dict[str, object]:
    return {"d": data, "subject": subject(data), "chart_src": chart_src}


def render_markdown(data: DigestData, *, chart_name: str | None = None) -> str:
    """The digest as Markdown; ``chart_name`` is the chart file linked beside it."""
    return environment().get_template("digest.md.j2").render(_context(data, chart_name))


def render_text(data: DigestData) -> str:
    """The digest as plain text that reads well on its own (the e-mail's text part)."""
    return environment().get_template("digest.txt.j2").render(_context(data, None))


def render_html(data: DigestData, *, chart_src: str | None = None) -> str:
    """The digest as one self-contained HTML page with its CSS inlined.

    ``chart_src`` is the image's source: a ``data:`` URI for the file, ``cid:...`` for the e-mail.
    """
    page = environment().get_template("digest.html.j2").render(_context(data, chart_src))
    return css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False).inline(page)


def data_uri(png: bytes) -> str:
    """The PNG as a ``data:`` URI."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def write_digest(data: DigestData, folder: Path) -> DigestFiles:
    """Write ``YYYY-MM-DD.md``, ``.html``, ``.txt`` and (when there is a trend) ``.png`` atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = data.day.isoformat()
    png = chart_png(data)
    chart = folder / f"{stem}.png" if png is not None else None
    if png is not None and chart is not None:
        _write(chart, png)
    md = folder / f"{stem}.md"
    html = folder / f"{stem}.html"
    txt = folder / f"{stem}.txt"
    _write(md, render_markdown(data, chart_name=chart.name if chart else None).encode("utf-8"))
    _write(html, render_html(data, chart_src=data_uri(png) if png else None).encode("utf-8"))
    _write(txt, render_text(data).encode("utf-8"))
    return DigestFiles(markdown=md, html=html, text=txt, chart=chart, subject=subject(data))


def _write(path: Path, content: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(content)
    tmp.replace(path)
