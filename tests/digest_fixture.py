"""A fixed warehouse for digest tests: one day (27 Nov 2026, Europe/Berlin) with every case a digest shows.

Built with plain SQL inserts into a real DuckDB file opened (and migrated) by ``open_warehouse``. The cases:
a story with two originals and a copy (tracking URL, canonical URL), a continuing story (in the digest of the
day before), a de-escalation, a compact level-1 story, a copy of a seed article, an unrelated article, a
hostile title and link, articles on both sides of the day's time-zone edges, a 7-day baseline, a failed and
a stale feed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from newsmon.warehouse import open_warehouse

DAY = date(2026, 11, 27)
TIMEZONE = "Europe/Berlin"
HOSTILE_TITLE = '<script>alert("x")</script> [click me](javascript:alert(1)) **bold** <img src=x onerror=alert(2)>'
HOSTILE_URL = "javascript:alert(document.cookie)"


def _t(day_offset: int, hhmm: str) -> datetime:
    """A naive UTC time ``day_offset`` days from DAY."""
    h, m = (int(x) for x in hhmm.split(":"))
    return datetime(DAY.year, DAY.month, DAY.day, h, m) + timedelta(days=day_offset)


# id, outlet, title, url, canonical, fetched, story, duplicate_of, level, deesc, score, regions, actors, events
ARTICLES: list[tuple] = [  # type: ignore[type-arg]
    ("a-strike", "Levant Ledger", "Air strike on Nabatieh kills seven", "https://levant.example/nabatieh?utm_source=rss",
     "https://levant.example/nabatieh", _t(0, "05:10"), "a-strike", None, 3, False, 3.9, ["LB"], ["ISR", "hezbollah"],
     [("ASSAULT", "air strike", "An air strike on a house in Nabatieh killed seven people and wounded 15.", 7, 15),
      ("ASSAULT", "air strike", "An air strike on a house in Nabatieh killed seven people and wounded 15.", 7, 15),
      ("ASSAULT", None, "Air strike on Nabatieh kills seven", 7, None),
      ("THREATEN", None, "Hezbollah vowed to respond to the strike.", None, None)]),
    ("a-strike-2", "Gulf Meridian", "Seven dead after jets hit house near Nabatieh", "https://gulf.example/jets",
     "https://gulf.example/jets", _t(0, "06:40"), "a-strike", None, 3, False, 3.7, ["LB"], ["ISR"],
     [("ASSAULT", "air strike", "Jets hit a house near Nabatieh, killing seven.", 7, None)]),
    ("a-strike-copy", "Red Sea Courier", "Air strike on Nabatieh kills seven (wire)",
     "https://redsea.example/wire/nabatieh?utm_campaign=x", "https://redsea.example/wire/nabatieh", _t(0, "07:00"),
     "a-strike", "a-strike", 3, False, 3.9, ["LB"], ["ISR"], []),
    ("b-old", "Levant Ledger", "Hezbollah warns of wider war", "https://levant.example/warns",
     "https://levant.example/warns", _t(-1, "09:00"), "b-warn", None, 2, False, 2.5, ["LB"], ["hezbollah"],
     [("THREATEN", None, "Hezbollah warned of a wider war if strikes continue.", None, None)]),
    ("b-warn", "Gulf Meridian", "Hezbollah repeats warning as border fire goes on", "https://gulf.example/warning",
     "https://gulf.example/warning", _t(0, "08:00"), "b-warn", None, 2, False, 2.4, ["LB"], ["hezbollah", "ISR"],
     [("THREATEN", "missile", "Hezbollah said its missiles could reach any target.", None, None)]),
    ("c-talks", "Levant Ledger", "Truce talks resume in Cairo; three hostages released", "https://levant.example/talks",
     "https://levant.example/talks", _t(0, "09:15"), "c-talks", None, 1, True, 1.4, ["PS", "EG"],
     ["hamas", "ISR", "EGY"],
     [("ASSAULT", None, "The talks follow weeks of fighting in Gaza.", None, None),
      ("RETREAT", None, "Three hostages were released to the Red Cross on Thursday.", None, None),
      ("AGREE", None, "Both delegations agreed to extend the pause by a week.", None, None)]),
    ("d-ships", "Red Sea Courier", "Shipping insurers raise Red Sea premiums", "https://redsea.example/premiums",
     "https://redsea.example/premiums", _t(0, "10:00"), "d-ships", None, 1, False, 1.1, ["YE"], ["houthis"], []),
    ("e-seed-copy", "Gulf Meridian", "Khamenei says allies will stand firm", "https://gulf.example/khamenei",
     "https://gulf.example/khamenei", _t(0, "11:00"), "seed-1", "seed-1", 3, False, 3.4, ["IR"], ["IRN"],
     [("THREATEN", None, "Iran's allies will stand firm, Khamenei said.", None, None)]),
    ("f-sport", "Red Sea Courier", "Late strike settles the derby", "https://redsea.example/derby",
     "https://redsea.example/derby", _t(0, "12:00"), "f-sport", None, 0, False, 0.0, [], [], []),
    ("g-hostile", "Evil <b>Outlet</b>", HOSTILE_TITLE, HOSTILE_URL, HOSTILE_URL, _t(0, "13:00"), "g-hostile",
     None, 2, False, 2.2, ["SY"], ["SYR"],
     [("THREATEN", None, "[pwned](javascript:alert(3)) <script>alert(4)</script> forces massed near the line.",
       None, None)]),
    ("h-edge-in", "Levant Ledger", "Overnight shelling of border villages", "https://levant.example/shelling",
     "https://levant.example/shelling", _t(-1, "23:30"), "h-edge-in", None, 3, False, 3.2, ["LB"], ["ISR"],
     [("ASSAULT", "shelling", "Artillery shelled two villages through the night.", None, None)]),
    ("i-edge-out", "Levant Ledger", "Next day: drone strike near Tyre", "https://levant.example/tyre",
     "https://levant.example/tyre", _t(0, "23:30"), "i-edge-out", None, 3, False, 3.3, ["LB"], ["ISR"],
     [("ASSAULT", "drone", "A drone strike near Tyre killed two.", 2, None)]),
    ("j-base-ye", "Red Sea Courier", "Missile hits tanker off Hodeidah", "https://redsea.example/tanker",
     "https://redsea.example/tanker", _t(-2, "10:00"), "j-base-ye", None, 3, False, 3.5, ["YE"], ["houthis"],
     [("ASSAULT", "missile", "A missile hit a tanker off Hodeidah.", None, None)]),
    ("k-base-ye", "Red Sea Courier", "Houthis claim drone launch at warship", "https://redsea.example/warship",
     "https://redsea.example/warship", _t(-4, "10:00"), "k-base-ye", None, 3, False, 3.4, ["YE"], ["houthis"],
     [("ASSAULT", "drone", "The Houthis said they launched drones at a warship.", None, None)]),
]


def build_fixture(path: Path) -> Path:
    """Create the fixture warehouse at ``path`` (a new DuckDB file) and return the path."""
    with open_warehouse(path) as wh, wh.transaction() as con:
        con.execute(
            """INSERT INTO articles (id, canonical_url, url, feed, outlet, title, text, summary, fingerprint,
                   fetched, full_text, is_seed, story_id)
               VALUES ('seed-1', 'seed:000.txt', 'seed:000.txt', 'seed', 'seed corpus',
                       'Khamenei says allies will stand firm', 'body', 'body', 'fp-seed', ?, true, true, 'seed-1')""",
            [_t(-30, "00:00")],
        )
        for (aid, outlet, title, url, canonical, fetched, story, dup, level, deesc, score, regions, actors,
             events) in ARTICLES:
            con.execute(
                """INSERT INTO articles (id, canonical_url, url, feed, outlet, title, text, summary, fingerprint,
                       fetched, full_text, is_seed, duplicate_of, duplicate_kind, story_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, false, ?, ?, ?)""",
                [aid, canonical, url, outlet, outlet, title, f"Text of {title}.", f"Summary of {title}.",
                 f"fp-{aid}", fetched, dup, "exact" if dup else None, story],
            )
            con.execute("INSERT INTO article_analysis VALUES (?, ?, ?, ?, ?)", [aid, level, deesc, score, fetched])
            for rank, region in enumerate(regions):
                con.execute("INSERT INTO article_regions VALUES (?, ?, ?)", [aid, region, rank])
            for rank, actor in enumerate(actors):
                con.execute("INSERT INTO article_actors VALUES (?, ?, ?)", [aid, actor, rank])
            for seq, (event, mode, sentence, killed, wounded) in enumerate(events):
                con.execute("INSERT INTO article_events VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)",
                            [aid, seq, event, sentence, mode, killed, wounded])
        con.execute("INSERT INTO digest_stories VALUES (?, 'b-warn')", [DAY - timedelta(days=1)])
        con.execute(
            """INSERT INTO runs (id, kind, started, finished, feeds_ok, feeds_failed, articles_new)
               VALUES ('run-1', 'ingest', ?, ?, 3, 1, 11), ('run-2', 'digest', ?, ?, 0, 0, 0)""",
            [_t(0, "05:00"), _t(0, "05:02"), _t(0, "06:00"), _t(0, "06:01")],
        )
        for feed in ("Levant Ledger", "Red Sea Courier", "Gulf Meridian", "Harbour Wire", "Quiet Gazette"):
            con.execute("INSERT INTO feeds (name, url) VALUES (?, ?)", [feed, f"https://{len(feed)}.example/feed"])
        events = [("run-0", "Quiet Gazette", _t(-10, "05:00"), 200, "ok", None, 3),
                  ("run-1", "Levant Ledger", _t(0, "05:00"), 200, "ok", None, 4),
                  ("run-1", "Red Sea Courier", _t(0, "05:00"), 200, "ok", None, 2),
                  ("run-1", "Harbour Wire", _t(0, "05:00"), 503, "failed", "HTTP 503 Service Unavailable", 0),
                  ("run-1", "Quiet Gazette", _t(0, "05:00"), 304, "not-modified", None, 0)]
        for run, feed, at, status, outcome, error, new in events:
            con.execute("INSERT INTO feed_events VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 0.1)",
                        [run, feed, at, status, outcome, error, new])
    return path
