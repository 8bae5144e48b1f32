"""Tests of newsmon.clustering against a real DuckDB warehouse file."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmon import clustering
from newsmon.identity import fingerprint

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2024, 10, 5, 12)
SEED = (ROOT / "warehouse" / "seed" / "000_caad2a367951e871.txt").read_text(encoding="utf-8")
SEED_TITLE, _, SEED_BODY = SEED.partition("\n")
STRIKE_A = ("Israeli strike kills Hezbollah commander Ibrahim Aqil in Beirut suburb",
            "An Israeli air strike on Beirut's southern suburbs killed senior Hezbollah commander Ibrahim Aqil "
            "and several other members of the group's Radwan force, the Israeli military said on Friday. The "
            "strike hit a residential building during rush hour, and the health ministry said 14 people died.")
STRIKE_B = ("Hezbollah confirms death of Ibrahim Aqil after Beirut strike",
            "Hezbollah said on Friday that Ibrahim Aqil, head of its elite Radwan force, was among those killed "
            "when Israeli jets hit a building in the Dahiyeh district of Beirut during a meeting of commanders. "
            "Residents pulled survivors from the rubble as ambulances crowded the narrow streets.")
FLOOD = ("Floods in Lebanon's north leave farmers counting losses",
         "Heavy rain flooded farmland around Akkar in northern Lebanon this week, destroying olive harvests and "
         "washing away roads, the agriculture ministry said, asking for emergency funds from donors as "
         "farmers waited for compensation that officials said could take months to arrive.")


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    for name in ("0001_core.sql", "0003_neardup.sql"):
        con.execute((ROOT / "warehouse" / "migrations" / name).read_text(encoding="utf-8"))
    return con


def _insert(con: duckdb.DuckDBPyConnection, aid: str, title: str, text: str, fetched: datetime, *,
            seed: bool = False, duplicate_of: str | None = None, outlet: str = "outlet") -> None:
    con.execute(
        """INSERT INTO articles (id, canonical_url, url, feed, outlet, title, text, summary, fingerprint,
               fetched, full_text, is_seed, duplicate_of, duplicate_kind)
           VALUES (?, ?, ?, 'f', ?, ?, ?, ?, ?, ?, true, ?, ?, ?)""",
        [aid, f"https://x/{aid}", f"https://x/{aid}", outlet, title, text, text[:200], fingerprint(text),
         fetched, seed, duplicate_of, "exact" if duplicate_of else None],
    )


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = _open(tmp_path / "w.duckdb")
    _insert(con, "seed0", SEED_TITLE, SEED_BODY, NOW - timedelta(days=400), seed=True, outlet="seed corpus")
    clustering.index_seed(con, ["seed0"], now=NOW)
    return con


def _batch(con: duckdb.DuckDBPyConnection) -> list[clustering.ClusterResult]:
    _insert(con, "copy1", "Iran's leader: allies will not retreat", "TEHRAN (Reuters) - " + SEED_BODY[:2600],
            NOW, outlet="wire")
    _insert(con, "a", *STRIKE_A, NOW, outlet="one")
    _insert(con, "b", *STRIKE_B, NOW + timedelta(minutes=5), outlet="two")
    _insert(con, "c", *FLOOD, NOW + timedelta(minutes=6), outlet="three")
    _insert(con, "a2", "Strike kills commander", "BEIRUT (AP) — " + STRIKE_A[1], NOW + timedelta(minutes=7))
    _insert(con, "a3", *STRIKE_A, NOW + timedelta(minutes=8), duplicate_of="a")
    return clustering.cluster_articles(con, ["copy1", "a", "b", "c", "a2", "a3"], now=NOW)


def test_seed_copy_is_recognised(con: duckdb.DuckDBPyConnection) -> None:
    """A trimmed wire copy of a seed article is recorded as its near-duplicate, of the seed."""
    _batch(con)

    assert [("copy1", "seed0", True)] == con.execute(
        "SELECT copy_id, original_id, of_seed FROM copies WHERE kind = 'near' AND original_id = 'seed0'"
    ).fetchall()


def test_variants_collapse_and_reports_share_a_story(con: duckdb.DuckDBPyConnection) -> None:
    """A variant is a copy of the first; another outlet's report joins the story without being a copy."""
    results = {r.id: r for r in _batch(con)}

    assert ("a", "a") == (results["a2"].duplicate_of, results["a2"].story_id)
    assert (None, "a") == (results["b"].duplicate_of, results["b"].story_id)
    assert ("a", "a") == (results["a3"].duplicate_of, results["a3"].story_id)


def test_other_event_in_same_region_is_another_story(con: duckdb.DuckDBPyConnection) -> None:
    """A flood in Lebanon does not join the Beirut strike's story."""
    results = {r.id: r for r in _batch(con)}

    assert (None, "c") == (results["c"].duplicate_of, results["c"].story_id)


def test_story_overview_counts_outlets(con: duckdb.DuckDBPyConnection) -> None:
    """The view gives the story's size, outlets and its representative."""
    _batch(con)

    row = con.execute("SELECT size, outlets, representative FROM story_overview WHERE story_id = 'a'").fetchone()

    assert (4, ["one", "outlet", "two"], "a") == row


def test_ids_are_stable_across_restart_and_rerun(tmp_path: Path) -> None:
    """Reopening the file and re-running gives the same results; a new article joins yesterday's story."""
    path = tmp_path / "w.duckdb"
    con = _open(path)
    first = _batch(con)
    con.close()
    con = duckdb.connect(str(path))

    again = clustering.cluster_articles(con, [r.id for r in first], now=NOW)
    _insert(con, "late", STRIKE_B[0] + " as funeral held", STRIKE_B[1], NOW + timedelta(days=1))
    late = clustering.cluster_articles(con, ["late"], now=NOW + timedelta(days=1))

    assert first == again
    assert "a" == late[0].story_id


def test_new_database_rerun_assigns_same_ids(tmp_path: Path) -> None:
    """The same articles in the same order give the same ids in a fresh warehouse."""
    a = _batch(_open(tmp_path / "a.duckdb"))
    b = _batch(_open(tmp_path / "b.duckdb"))

    assert a == b


WORDS = st.lists(st.sampled_from("alpha beta gamma delta omega sigma river stone cloud ember".split()),
                 min_size=12, max_size=40)


@settings(max_examples=20, deadline=None)
@given(WORDS, st.integers(min_value=2, max_value=4))
def test_order_of_arrival_decides_the_original(words: list[str], n: int) -> None:
    """Identical items: the first to arrive is the original, every later one its copy."""
    text = " ".join(words)
    items = [{"id": f"i{k}", "title": "t", "text": text} for k in range(n)]

    results = clustering.cluster_items(items)

    assert [None] + ["i0"] * (n - 1) == [r.duplicate_of for r in results]
    assert {"i0"} == {r.story_id for r in results}


def test_cached_index_gives_what_a_rebuild_gives(tmp_path: Path) -> None:
    """Batches clustered with the index kept between calls equal batches clustered with a rebuild each time."""
    outcomes = []
    for name, cache in (("kept", clustering.IndexCache()), ("rebuilt", None)):
        con = _open(tmp_path / f"{name}.duckdb")
        got = []
        for n, (aid, (title, text)) in enumerate([("a", STRIKE_A), ("b", STRIKE_B), ("c", FLOOD)]):
            _insert(con, aid, title, text, NOW + timedelta(minutes=n))
            _insert(con, aid + "2", "Wire: " + title, "BEIRUT (AP) — " + text, NOW + timedelta(minutes=n, seconds=1))
            fresh = clustering.IndexCache() if cache is None else cache
            got += clustering.cluster_articles(con, [aid, aid + "2"], now=NOW, cache=fresh)
        outcomes.append(got)

    assert outcomes[0] == outcomes[1]
    assert [(None, "a"), ("a", "a"), (None, "a"), ("b", "a"), (None, "c"), ("c", "c")] == [
        (r.duplicate_of, r.story_id) for r in outcomes[0]
    ]


def test_cache_is_not_trusted_after_a_rollback(tmp_path: Path) -> None:
    """A batch rolled back leaves nothing behind: the next call rebuilds and finds no trace of it."""
    con = _open(tmp_path / "w.duckdb")
    cache = clustering.IndexCache()
    _insert(con, "a", *STRIKE_A, NOW)
    clustering.cluster_articles(con, ["a"], now=NOW, cache=cache)
    con.execute("BEGIN")
    _insert(con, "gone", *FLOOD, NOW)
    clustering.cluster_articles(con, ["gone"], now=NOW, cache=cache)
    con.execute("ROLLBACK")

    _insert(con, "c", "Farmers count losses", FLOOD[1], NOW + timedelta(minutes=1))
    result = clustering.cluster_articles(con, ["c"], now=NOW, cache=cache)

    assert [(None, "c")] == [(r.duplicate_of, r.story_id) for r in result]


LEBANON = [
    ("strike1", "Israeli strike on car near Bint Jbeil kills two Hezbollah members",
     "An Israeli drone struck a car on the road outside Bint Jbeil on Monday, killing two men the Lebanese army "
     "named as Hezbollah members, and wounding a passer-by, the health ministry in southern Lebanon said.", 0),
    ("strike2", "Israeli jets hit house in Marjayoun district, killing a family of four",
     "Israeli warplanes bombed a two-storey house in Khiam in the Marjayoun district of southern Lebanon on "
     "Thursday, killing a mother, a father and their two children, rescuers from the civil defence said.", 3),
    ("gaza-strike", "Strike on Gaza school shelter kills 18, civil defence says",
     "An Israeli air strike hit a school sheltering displaced families in the Nuseirat camp in central Gaza "
     "overnight, killing 18 people including six children, Gaza's civil defence agency said on Tuesday.", 4),
    ("gaza-aid", "Aid convoy of 40 trucks reaches northern Gaza through Zikim crossing",
     "A convoy of 40 trucks carrying flour, medicine and fuel reached northern Gaza through the Zikim "
     "crossing on Tuesday, the United Nations food agency said, the first delivery there in three weeks.", 4),
]


def test_different_events_in_one_region_do_not_merge(tmp_path: Path) -> None:
    """Two strikes in southern Lebanon (other towns, other days) and a strike vs an aid convoy in Gaza stay apart."""
    con = _open(tmp_path / "w.duckdb")
    for aid, title, text, day in LEBANON:
        _insert(con, aid, title, text, NOW + timedelta(days=day))

    results = clustering.cluster_articles(con, [row[0] for row in LEBANON], now=NOW)

    assert [(row[0], None, row[0]) for row in LEBANON] == [(r.id, r.duplicate_of, r.story_id) for r in results]


def test_stored_event_signature_groups_reports_of_one_strike(tmp_path: Path) -> None:
    """Reports sharing few words join one story through the events, regions and actors the analysis stored."""
    con = _open(tmp_path / "w.duckdb")
    con.execute((ROOT / "warehouse" / "migrations" / "0002_analysis.sql").read_text(encoding="utf-8"))
    rows = [("jets", "Seven dead after Israeli jets hit house near Nabatieh",
             "Warplanes struck a building housing displaced families in Kfar Rumman overnight, officials said.", 7),
            ("town", "Israeli Air Strike In Nabatieh Town Kills 7, Ministry Says",
             "The raid on a village in the south also wounded 15 people, according to the ministry.", 7),
            ("tyre", "Two men dead as drone hits car near Tyre",
             "A drone struck a vehicle on the coastal road at Tyre early today, the state news agency reported.", 2)]
    for n, (aid, title, text, killed) in enumerate(rows):
        _insert(con, aid, title, text, NOW + timedelta(hours=n))
        con.execute("INSERT INTO article_events VALUES (?, 0, 'ASSAULT', ?, 'air strike', 'ISR', 'LBN', ?, NULL)",
                    [aid, title, killed])
        con.executemany("INSERT INTO article_regions VALUES (?, ?, ?)", [[aid, "LB", 0], [aid, "IL", 1]])
        con.executemany("INSERT INTO article_actors VALUES (?, ?, ?)", [[aid, "ISR", 0], [aid, "LBN", 1]])

    results = clustering.cluster_articles(con, [row[0] for row in rows], now=NOW, cache=clustering.IndexCache())

    assert ["jets", "jets", "tyre"] == [r.story_id for r in results]
