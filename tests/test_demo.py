"""The demo server serves its feeds and pages, revalidates, gzips, and writes a sources.yaml."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import httpx
import pytest
import trafilatura
import yaml
from protego import Protego

from newsmon.config import load_sources
from newsmon.demo.server import (
    OUTLETS,
    DemoServer,
    render,
    start_demo_server,
    write_demo_sources,
)
from newsmon.errors import ConfigError

NOW = datetime(2025, 3, 4, 9, 15, 30, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[1]
WORKING = [o for o in OUTLETS if not o.broken]


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    """One demo server for the module, its clock fixed at NOW."""
    with start_demo_server(now=NOW) as server:
        yield server


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    """One HTTP client for the module (building a client per request costs ~50 ms)."""
    with httpx.Client() as client:
        yield client


def _entries(demo: DemoServer, http: httpx.Client) -> list[feedparser.FeedParserDict]:
    entries = []
    for outlet in WORKING:
        entries.extend(feedparser.parse(http.get(demo.url(outlet.feed_path)).content).entries)
    return entries


def test_every_working_feed_is_served_and_parses(demo: DemoServer, http: httpx.Client) -> None:
    """Each working outlet's feed answers 200 with a feed content type and parses cleanly."""
    for outlet in WORKING:
        response = http.get(demo.url(outlet.feed_path))
        parsed = feedparser.parse(response.content)

        assert 200 == response.status_code, outlet.name
        assert re.match(r"application/(rss|atom)\+xml", response.headers["content-type"])
        assert (0, outlet.name) == (parsed.bozo, parsed.feed.title)
        assert len(parsed.entries) >= 3


def test_broken_feed_answers_500(demo: DemoServer, http: httpx.Client) -> None:
    """The outlet marked broken answers 500, so feed health has a failure to show."""
    (broken,) = [o for o in OUTLETS if o.broken]

    assert 500 == http.get(demo.url(broken.feed_path)).status_code


def test_links_and_guids_point_to_the_server_itself(demo: DemoServer, http: httpx.Client) -> None:
    """Every entry's link and id starts with the server's base URL; no placeholder is left."""
    entries = _entries(demo, http)

    assert all(e.link.startswith(demo.base_url + "/") for e in entries)
    assert all(e.id.startswith(demo.base_url + "/") for e in entries)
    leftovers = [p for p, r in demo.site.items() if re.search(rb"\{(base|date|when)", r.body)]
    assert [] == leftovers


def test_every_linked_page_exists_but_the_deliberate_404(
    demo: DemoServer, http: httpx.Client
) -> None:
    """Every entry's page answers 200 except exactly one, whose feed summary is the fallback."""
    missing = []
    for entry in _entries(demo, http):
        if http.get(entry.link).status_code == 404:
            missing.append(entry)

    assert ["/levant-ledger/live-border-villages-overnight-shelling.html"] == [
        e.link.removeprefix(demo.base_url) for e in missing
    ]
    assert len(missing[0].summary.split()) >= 30


def test_feed_dates_are_relative_to_the_server_clock(demo: DemoServer, http: httpx.Client) -> None:
    """Entries are dated relative to the server's start, most of them within the last 12 hours."""
    published = [datetime(*e.published_parsed[:6], tzinfo=UTC) for e in _entries(demo, http)]

    ages = sorted((NOW - moment).total_seconds() / 3600 for moment in published)
    assert 0 < ages[0] <= 2
    assert sum(age <= 12 for age in ages) >= 12
    assert ages[-1] <= 48


def test_render_writes_rfc822_and_rfc3339() -> None:
    """{date:-3h} becomes RFC 822 in RSS and RFC 3339 elsewhere; {base} the base URL."""
    text = "{base}/a.html {date:-3h} {date:+30m} {when:-1d}"

    rss = render(text, base_url="http://127.0.0.1:9", now=NOW, rfc822=True)
    other = render(text, base_url="http://127.0.0.1:9", now=NOW)

    assert (
        "http://127.0.0.1:9/a.html Tue, 04 Mar 2025 06:15:30 +0000"
        " Tue, 04 Mar 2025 09:45:30 +0000 3 March 2025, 09:15 UTC"
    ) == rss
    assert (
        "http://127.0.0.1:9/a.html 2025-03-04T06:15:30+00:00"
        " 2025-03-04T09:45:30+00:00 3 March 2025, 09:15 UTC"
    ) == other


def test_etag_revalidation_answers_304(demo: DemoServer, http: httpx.Client) -> None:
    """Sending back a feed's ETag answers 304 with no body; a different tag gets the feed."""
    url = demo.url(WORKING[0].feed_path)
    first = http.get(url, headers={"Accept-Encoding": "identity"})

    again = http.get(url, headers={"If-None-Match": first.headers["etag"]})
    changed = http.get(url, headers={"If-None-Match": '"something-else"'})

    assert (304, b"") == (again.status_code, again.content)
    assert first.headers["etag"] == again.headers["etag"]
    assert 200 == changed.status_code


def test_last_modified_revalidation_answers_304(demo: DemoServer, http: httpx.Client) -> None:
    """If-Modified-Since equal to Last-Modified answers 304; an older date gets the page."""
    url = demo.url("/red-sea-courier/bulk-carrier-missiles-hodeidah.html")
    first = http.get(url)
    modified = first.headers["last-modified"]

    again = http.get(url, headers={"If-Modified-Since": modified})
    older = http.get(url, headers={"If-Modified-Since": "Mon, 03 Mar 2025 09:15:30 GMT"})

    assert NOW == parsedate_to_datetime(modified)
    assert (304, 200) == (again.status_code, older.status_code)


def test_gzip_when_asked_and_its_weak_etag_revalidates(
    demo: DemoServer, http: httpx.Client
) -> None:
    """A client accepting gzip gets the same bytes compressed; its weak ETag revalidates."""
    url = demo.url("/gulf-meridian/irgc-warns-us-bases-within-range.html")
    plain = http.get(url, headers={"Accept-Encoding": "identity"})

    with http.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as zipped:
        raw = b"".join(zipped.iter_raw())
        encoding, etag = zipped.headers["content-encoding"], zipped.headers["etag"]
    again = http.get(url, headers={"If-None-Match": etag, "Accept-Encoding": "gzip"})

    assert ("gzip", plain.content) == (encoding, gzip.decompress(raw))
    assert etag == "W/" + plain.headers["etag"]
    assert 304 == again.status_code


def test_unknown_path_is_404(demo: DemoServer, http: httpx.Client) -> None:
    """A path the demo does not have answers 404 as HTML."""
    response = http.get(demo.url("/levant-ledger/no-such-story.html"))

    assert (404, "text/html; charset=utf-8") == (
        response.status_code,
        response.headers["content-type"],
    )


def test_robots_txt_allows_the_articles(demo: DemoServer, http: httpx.Client) -> None:
    """robots.txt is served and lets any agent fetch feeds and article pages."""
    robots = Protego.parse(http.get(demo.url("/robots.txt")).text)

    assert robots.can_fetch(demo.url("/levant-ledger/nabatieh-strike-kills-seven.html"), "newsmon")
    assert robots.can_fetch(demo.url("/feeds/levant-ledger.xml"), "newsmon")
    assert not robots.can_fetch(demo.url("/private/x"), "newsmon")


def test_wire_story_is_syndicated_three_times(demo: DemoServer, http: httpx.Client) -> None:
    """Three outlets carry the same wire dateline under three different headlines."""
    titles = {
        entry.title
        for entry in _entries(demo, http)
        if b"BEIRUT (Wire) -" in http.get(entry.link).content
    }

    assert 3 == len(titles)


def test_seed_copy_page_holds_the_seed_article() -> None:
    """The seed copy page carries every paragraph of the seed article it copies."""
    seed = REPO / "warehouse" / "seed" / "000_caad2a367951e871.txt"
    if not seed.exists():
        pytest.skip("seed corpus not present")
    page = (REPO / "newsmon/demo/pages/gulf-meridian/khamenei-allies-stand-firm.html").read_text(
        encoding="utf-8"
    )
    paragraphs = [line for line in seed.read_text(encoding="utf-8").splitlines() if len(line) > 200]

    assert len(paragraphs) >= 5
    assert all(p.replace('"', "&quot;") in page or p in page for p in paragraphs)


def test_written_sources_yaml_parses_with_the_demo_feeds(tmp_path: Path) -> None:
    """write_demo_sources writes YAML whose feeds are the demo outlets at the given base URL."""
    path = write_demo_sources("http://127.0.0.1:8123", tmp_path / "demo")

    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    assert tmp_path / "demo" / "sources.yaml" == path
    assert {"timezone", "warehouse", "digests", "allow_private_hosts", "contact_url"} == set(
        data["settings"]
    )
    assert ["127.0.0.1"] == data["settings"]["allow_private_hosts"]
    assert [o.name for o in OUTLETS] == [f["name"] for f in data["feeds"]]
    assert all(f["url"].startswith("http://127.0.0.1:8123/feeds/") for f in data["feeds"])
    assert ["LB"] == data["feeds"][0]["regions"]


def test_written_sources_yaml_passes_config_validation(tmp_path: Path) -> None:
    """The written sources.yaml loads through newsmon.config with the loopback host allowed."""
    path = write_demo_sources("http://127.0.0.1:8123", tmp_path)

    sources = load_sources(path, environ={})

    assert [o.name for o in OUTLETS] == [feed.name for feed in sources.feeds]
    assert ("127.0.0.1",) == sources.settings.allow_private_hosts
    assert tmp_path / "digests" == sources.settings.digests


def test_pages_hold_article_length_text_without_chrome(
    demo: DemoServer, http: httpx.Client
) -> None:
    """Each page's extracted text is 250-600 words of prose; no share button or footer leaks in."""
    pages = [path for path in demo.site if path.endswith(".html")]
    counts = {}
    for path in pages:
        text = trafilatura.extract(http.get(demo.url(path)).text) or ""
        counts[path] = len(text.split())
        assert "Share on Facebook" not in text and "Sign up" not in text, path

    assert 16 == len(pages)
    assert {} == {path: n for path, n in counts.items() if not 250 <= n <= 620}


def test_sources_yaml_points_at_a_live_server(
    demo: DemoServer, http: httpx.Client, tmp_path: Path
) -> None:
    """Every feed URL written for a running server answers, 200 or the deliberate 500."""
    data = yaml.safe_load(write_demo_sources(demo.base_url, tmp_path).read_text(encoding="utf-8"))

    statuses = [http.get(f["url"]).status_code for f in data["feeds"]]

    assert [500 if o.broken else 200 for o in OUTLETS] == statuses


def test_sources_yaml_replaces_its_own_but_not_a_users(tmp_path: Path) -> None:
    """A sources.yaml from an earlier demo is replaced; a user's own file is refused, untouched."""
    write_demo_sources("http://127.0.0.1:1", tmp_path)
    rewritten = write_demo_sources("http://127.0.0.1:2", tmp_path).read_text(encoding="utf-8")
    users = tmp_path / "mine"
    users.mkdir()
    (users / "sources.yaml").write_text("feeds: []\n", encoding="utf-8")

    with pytest.raises(ConfigError, match="not written by newsmon demo"):
        write_demo_sources("http://127.0.0.1:3", users)

    assert "http://127.0.0.1:2/" in rewritten and "http://127.0.0.1:1/" not in rewritten
    assert "feeds: []\n" == (users / "sources.yaml").read_text(encoding="utf-8")


def test_stop_releases_the_port() -> None:
    """After stop() the port refuses connections."""
    server = start_demo_server()
    url = server.url("/robots.txt")
    assert 200 == httpx.get(url).status_code

    server.stop()

    with pytest.raises(httpx.ConnectError):
        httpx.get(url, timeout=2)
