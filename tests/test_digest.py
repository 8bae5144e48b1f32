"""Selecting a day's digest from a fixed warehouse: stories, copies, seeds, time zones, trends, feed health."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmon.digest import DigestData, collect
from newsmon.markup import link_url, md_escape, safe_url
from newsmon.warehouse import open_warehouse
from tests.digest_fixture import DAY, TIMEZONE, build_fixture


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> DigestData:
    """The fixture day's digest data."""
    path = build_fixture(tmp_path_factory.mktemp("wh") / "w.duckdb")
    with open_warehouse(path) as wh:
        return collect(wh.con, DAY, timezone=TIMEZONE)


def _all(data: DigestData) -> dict[str, object]:
    return {s.story_id: s for _, ss in data.sections for s in ss} | {s.story_id: s for s in data.deescalation}


def test_sections_ordered_by_highest_level(data: DigestData) -> None:
    """Regions come in order of their highest escalation, stories within by level then score."""
    order = [(code, [s.story_id for s in stories]) for code, stories in data.sections]

    assert [("LB", ["a-strike", "h-edge-in", "b-warn"]), ("SY", ["g-hostile"]), ("YE", ["d-ships"])] == order


def test_day_follows_the_configured_time_zone(data: DigestData) -> None:
    """23:30 UTC the evening before is 00:30 in Berlin (in); 23:30 UTC on the day is the next day (out)."""
    ids = _all(data)

    assert "h-edge-in" in ids and "i-edge-out" not in ids


def test_seed_copies_and_unrelated_articles_are_not_stories(data: DigestData) -> None:
    """A copy of a seed article is counted as a seed match, not shown; level 0 never shows."""
    ids = _all(data)

    assert "seed-1" not in ids and "f-sport" not in ids
    assert (1, 1) == (data.seed_matches, data.copies)


def test_copies_fold_into_their_original_with_canonical_links(data: DigestData) -> None:
    """Two originals and one copy make one story; links are canonical URLs without tracking parameters."""
    story = _all(data)["a-strike"]

    assert ["Levant Ledger", "Gulf Meridian"] == [r.outlet for r in story.reports]
    assert [("Red Sea Courier", "https://redsea.example/wire/nabatieh")] == [(r.outlet, r.url) for r in story.copies]
    assert "https://levant.example/nabatieh" == story.url


def test_evidence_sentences_do_not_repeat(data: DigestData) -> None:
    """The same sentence twice and the headline itself are shown once and not at all."""
    story = _all(data)["a-strike"]

    assert ["An air strike on a house in Nabatieh killed seven people and wounded 15.",
            "Hezbollah vowed to respond to the strike."] == [w.sentence for w in story.why]
    assert (7, 15) == (story.why[0].killed, story.why[0].wounded)


def test_continuing_means_shown_in_an_earlier_digest(data: DigestData) -> None:
    """The story in yesterday's digest is continuing and keeps its first-seen time; others are new."""
    stories = _all(data)

    assert stories["b-warn"].continuing and not stories["a-strike"].continuing
    assert "2026-11-26 10:00" == stories["b-warn"].first_seen.strftime("%Y-%m-%d %H:%M")


def test_deescalation_has_its_own_section_with_steps_down_first(data: DigestData) -> None:
    """A de-escalation story is listed in that section, explained by its release and agreement."""
    talks = data.deescalation[0]

    assert ["c-talks"] == [s.story_id for s in data.deescalation]
    assert ["RETREAT", "AGREE"] == [w.event for w in talks.why]


def test_trend_against_the_baseline(data: DigestData) -> None:
    """Lebanon rose (index 8 against 2/7); Yemen's one small story today is steady against its two."""
    trends = {t.region: t for t in data.trends}

    assert ("rising", 3, 8) == (trends["LB"].arrow, trends["LB"].stories, trends["LB"].index)
    assert ("steady", 2 / 7) == (trends["YE"].arrow, trends["YE"].base_stories)
    assert "LB" == data.rising[0].region


def test_feed_health_of_the_day(data: DigestData) -> None:
    """The feed whose fetch failed and the feed with nothing new for ten days are named with the reason."""
    health = [(f.name, f.status) for f in data.feed_health]

    assert [("Harbour Wire", "failed"), ("Quiet Gazette", "stale")] == health


def test_min_level_setting_drops_compact_stories(tmp_path: Path) -> None:
    """With digest_min_level 2, level-1 coverage is left out but de-escalation stays."""
    path = build_fixture(tmp_path / "w.duckdb")
    with open_warehouse(path) as wh:
        data = collect(wh.con, DAY, timezone=TIMEZONE, min_level=2)

    assert "YE" not in [code for code, _ in data.sections] and data.deescalation


def test_only_http_links() -> None:
    """javascript:, data: and URLs with quotes or brackets give no link; the canonical URL wins over the raw."""
    assert None is safe_url("javascript:alert(1)")
    assert None is safe_url("data:text/html,<script>")
    assert None is safe_url('https://x.example/"onmouseover=')
    assert "https://a.example/x" == link_url("https://a.example/x", "https://a.example/x?utm_source=rss")
    assert "https://a.example/y" == link_url("seed:1.txt", "https://a.example/y")


def test_markdown_escape_is_inert() -> None:
    """Link syntax, emphasis, HTML and list markers lose their meaning."""
    assert r"\[a\]\(javascript:x\) \*\*b\*\* \<i\>" == md_escape("[a](javascript:x) **b** <i>")
    assert r"1\. not a list" == md_escape("1. not a list")


def test_escalation_with_a_step_down_stays_in_its_region(tmp_path: Path) -> None:
    """A strike followed by an announced truce (level 3 and de-escalation) is listed under its region."""
    path = build_fixture(tmp_path / "w.duckdb")
    with open_warehouse(path) as wh:
        wh.con.execute("UPDATE article_analysis SET deescalation = true WHERE article_id = 'a-strike'")
        data = collect(wh.con, DAY, timezone=TIMEZONE)
    strike = next(s for _, ss in data.sections for s in ss if s.story_id == "a-strike")

    assert "a-strike" not in [s.story_id for s in data.deescalation]
    assert "material escalation, then de-escalation" == strike.level_words
