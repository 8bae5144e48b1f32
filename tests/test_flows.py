"""End-to-end tests of the flows under Prefect's test harness, against feeds served on 127.0.0.1."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsmon.config import SHIPPED_SEED, load_sources
from newsmon.warehouse import open_warehouse
from tests.feedserver import FeedServer

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p>By Staff</p>{body}</article>
<footer>Copyright Example Outlet. All rights reserved.</footer></body></html>"""

STRIKE = "".join(
    f"<p>{s}</p>" for s in [
        "Israeli air strikes on the southern Lebanese town of Nabatieh killed seven people on Tuesday, "
        "the Lebanese health ministry said, in the deadliest raid on the area in weeks.",
        "The Israeli military said its jets had struck Hezbollah weapons depots and a command post, and "
        "that the group had fired rockets at northern Israel earlier in the day.",
        "Residents described several loud explosions before dawn and rescue teams searched the rubble of "
        "two buildings for survivors through the morning, witnesses told reporters at the scene.",
        "Hezbollah said it would respond to the attack, while United Nations peacekeepers urged both sides "
        "to show restraint and to respect the arrangements that have kept the border mostly quiet.",
    ]
)


def rss(server: FeedServer, items: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f"<item><title>{t}</title><link>{server.url(p)}</link><description>{d}</description>"
        f"<guid>{server.url(p)}</guid></item>"
        for t, p, d in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{body}</channel></rss>'


@pytest.fixture
def site(feed_server: FeedServer, tmp_path: Path) -> tuple[FeedServer, Path]:
    """Two outlets: a strike story carried by both, a copy of it elsewhere, a broken page, a seed copy."""
    seed_title, _, seed_body = sorted(SHIPPED_SEED.glob("*.txt"))[1].read_text(encoding="utf-8").partition("\n")
    seed_html = "".join(f"<p>{p}</p>" for p in seed_body.strip().split("\n") if p.strip())
    s = feed_server
    s.add("/a/strike.html", PAGE.format(title="Israeli strikes kill seven in Nabatieh", body=STRIKE))
    s.add("/b/copy.html", PAGE.format(title="Seven killed in south Lebanon raid", body=STRIKE))
    s.add("/a/seed.html", PAGE.format(title=seed_title, body=seed_html))
    s.add("/a/gone.html", "not here", status=404)
    s.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    s.add("/a/feed.xml", rss(s, [
        ("Israeli strikes kill seven in Nabatieh", "/a/strike.html", "Seven killed in Lebanon."),
        ("Iran warns over Gaza ceasefire", "/a/seed.html", "Iran threatens the US."),
        ("Houthis fire missile at ship in Red Sea", "/a/gone.html",
         "Houthi rebels fired a missile at a cargo ship in the Red Sea, the UK agency said."),
    ]), content_type="application/rss+xml", etag='"feed-a-1"')
    s.add("/b/feed.xml", rss(s, [
        ("Israeli strikes kill seven in Nabatieh", "/a/strike.html?utm_source=b", "Same link."),
        ("Seven killed in south Lebanon raid", "/b/copy.html", "The same text elsewhere."),
    ]), content_type="application/rss+xml", last_modified="Tue, 17 Feb 2026 11:00:00 GMT")
    (tmp_path / "sources.yaml").write_text(f"""\
settings:
  timezone: Europe/Berlin
  allow_private_hosts: ["127.0.0.1"]
  fetch: {{interval_minutes: 10, backoff: 0.01}}
feeds:
  - name: Outlet A
    url: {s.url('/a/feed.xml')}
  - name: Outlet B
    url: {s.url('/b/feed.xml')}
""")
    return s, tmp_path / "sources.yaml"


def test_daily_flow_stores_once_and_writes_a_digest(prefect_harness: None, site: tuple[FeedServer, Path]) -> None:
    """One run: copies and the seed copy are recorded as copies, the 404 falls back, a digest is written."""
    from flows.daily import daily

    server, sources_path = site
    result = daily(sources_path=str(sources_path))
    settings = load_sources(sources_path).settings
    with open_warehouse(settings.warehouse) as wh:
        rows = wh.con.execute(
            """SELECT a.canonical_url, a.full_text, a.extract_error IS NOT NULL, a.duplicate_of IS NOT NULL,
                      o.is_seed FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of
               WHERE NOT a.is_seed ORDER BY a.url"""
        ).fetchall()
        carriers = wh.con.execute("SELECT count(*) FROM article_feeds").fetchone()[0]

    by_path = {r[0].removeprefix(server.base_url): r[1:] for r in rows}
    assert 4 == len(rows)
    # the strike story and its copy under another URL: whichever arrived first is the original
    pair = sorted([by_path["/a/strike.html"], by_path["/b/copy.html"]], key=lambda r: r[2])
    assert [(True, False, False, None), (True, False, True, False)] == pair
    assert (False, True, False, None) == by_path["/a/gone.html"]  # kept with the feed summary
    assert (True, True) == by_path["/a/seed.html"][2:]  # a copy of a seed article
    assert 5 == carriers  # the strike URL is carried by both feeds
    assert 1 == len([r for r in server.requests if r.path.startswith("/a/strike.html")])  # fetched once
    digest = Path(result["digest"]["path"])
    assert digest.name == f"{date.today():%Y-%m-%d}.md" or digest.exists()
    assert "Nabatieh" in digest.read_text(encoding="utf-8")


def test_second_run_revalidates_and_fetches_no_page(prefect_harness: None, site: tuple[FeedServer, Path]) -> None:
    """A second run sends the validators back verbatim, gets 304s, and fetches no article page again."""
    from flows.ingest import ingest

    server, sources_path = site
    ingest(sources_path=str(sources_path))
    settings = load_sources(sources_path).settings
    with open_warehouse(settings.warehouse) as wh:  # pretend the interval has passed
        wh.con.execute("UPDATE feeds SET next_due = NULL, last_fetched = NULL")
        before = wh.con.execute("SELECT count(*) FROM articles").fetchone()[0]
    pages = {p: server.hits(p) for p in ("/a/strike.html", "/b/copy.html", "/a/seed.html", "/a/gone.html")}

    second = ingest(sources_path=str(sources_path))

    with open_warehouse(settings.warehouse) as wh:
        after = wh.con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert '"feed-a-1"' == server.requests_for("/a/feed.xml")[-1].headers["If-None-Match"]
    assert "Tue, 17 Feb 2026 11:00:00 GMT" == server.requests_for("/b/feed.xml")[-1].headers["If-Modified-Since"]
    assert pages == {p: server.hits(p) for p in pages}
    assert (before, 0, 2) == (after, second["articles_new"], second["feeds_ok"])


def test_feed_not_due_is_not_polled(prefect_harness: None, site: tuple[FeedServer, Path]) -> None:
    """Within its interval a feed is skipped, however often the flow runs."""
    from flows.ingest import ingest

    server, sources_path = site
    ingest(sources_path=str(sources_path))
    second = ingest(sources_path=str(sources_path))

    assert 1 == server.hits("/a/feed.xml")
    assert 2 == second["feeds_skipped"]


def test_failing_feed_is_reported_and_the_run_goes_on(prefect_harness: None, site: tuple[FeedServer, Path]) -> None:
    """A feed answering 500 is recorded with its error; the other feed's articles are stored."""
    from flows.ingest import ingest

    server, sources_path = site
    server.add("/b/feed.xml", "boom", status=500)
    result = ingest(sources_path=str(sources_path))
    settings = load_sources(sources_path).settings
    with open_warehouse(settings.warehouse) as wh:
        state = wh.con.execute(
            "SELECT last_status, last_error, consecutive_failures FROM feeds WHERE name = 'Outlet B'"
        ).fetchone()

    assert (1, 1) == (result["feeds_ok"], result["feeds_failed"])
    assert (500, "HTTP 500", 1) == state
    assert result["articles_new"] >= 2


def test_a_feed_whose_batch_fails_is_recorded_and_the_run_goes_on(
    prefect_harness: None, site: tuple[FeedServer, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash while processing one feed's entries fails that feed only; its validators are not kept."""
    import flows.ingest as ingest_module
    from newsmon.workers import extract_and_analyze

    def crash_for_b(feed, pages, now, taxonomy_path):  # type: ignore[no-untyped-def]
        if feed.name == "Outlet B":
            raise RuntimeError("injected fault")
        return extract_and_analyze(feed, pages, now, taxonomy_path)

    server, sources_path = site
    text = sources_path.read_text().replace("fetch: {", "fetch: {workers: 1, ")
    sources_path.write_text(text)  # in-process extraction, so the injected fault reaches it
    monkeypatch.setattr(ingest_module, "extract_and_analyze", crash_for_b)
    result = ingest_module.ingest(sources_path=str(sources_path))
    with open_warehouse(load_sources(sources_path).settings.warehouse) as wh:
        state = wh.con.execute(
            "SELECT last_error, last_modified, consecutive_failures FROM feeds WHERE name = 'Outlet B'"
        ).fetchone()
        from_a = wh.con.execute("SELECT count(*) FROM articles WHERE feed = 'Outlet A'").fetchone()[0]

    assert (1, 1) == (result["feeds_ok"], result["feeds_failed"])
    assert "injected fault" in state[0] and state[1] is None and 1 == state[2]
    assert from_a >= 2


def test_entries_over_the_page_budget_are_taken_next_run(prefect_harness: None, site: tuple[FeedServer, Path]) -> None:
    """A run capped by max_pages_per_run leaves the rest for the next run instead of losing it to a 304."""
    from flows.ingest import ingest

    server, sources_path = site
    sources_path.write_text(sources_path.read_text().replace("fetch: {", "fetch: {max_pages_per_run: 1, "))
    settings = load_sources(sources_path).settings
    counts = []
    for _ in range(4):
        ingest(sources_path=str(sources_path))
        with open_warehouse(settings.warehouse) as wh:
            counts.append(wh.con.execute("SELECT count(*) FROM articles WHERE NOT is_seed").fetchone()[0])
            wh.con.execute("UPDATE feeds SET next_due = NULL, last_fetched = NULL")  # the interval has passed

    assert 1 == counts[0]
    assert 4 == counts[-1]  # every entry of both feeds, one page a run
