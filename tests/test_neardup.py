"""Tests of newsmon.neardup: normalisation, sketches, the near-duplicate rule and the LSH index."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmon import neardup

BODY = (
    "Iran's supreme leader said on Friday that the country's allies in the region would not back down after "
    "a week of Israeli strikes in Lebanon that killed hundreds of people and displaced tens of thousands. "
    "Speaking at Friday prayers in Tehran for the first time in nearly five years, he defended the missile "
    "attack on Israel as legal and legitimate and said the resistance would win. Israel has vowed to respond "
    "to the attack, and the United States has said it is discussing options with its ally. Hezbollah fighters "
    "clashed with Israeli troops in southern Lebanon for a third day, and the Israeli military ordered "
    "residents of more than twenty villages to leave their homes before further strikes on the area."
)
OTHER = (
    "The central bank kept its main interest rate unchanged on Thursday and said inflation was falling more "
    "slowly than expected, with services prices still rising at a pace that worried policymakers. Markets had "
    "expected the decision, though two members of the committee voted for a cut, and the currency weakened "
    "slightly after the announcement. The bank's governor said the path of rates would depend on wage growth "
    "and energy prices over the winter, and declined to say when the first reduction might come."
)


def _sim(a: neardup.Sketch, b: neardup.Sketch) -> tuple[float, float]:
    jac, cont = neardup.estimate(a.signature, b.signature, np.float64(a.size), np.float64(b.size))
    return float(jac), float(cont)


def _dup(a: neardup.Sketch, b: neardup.Sketch) -> bool:
    jac, cont = _sim(a, b)
    return bool(neardup.is_near_duplicate(np.array(jac), np.array(cont), np.array(min(a.size, b.size))))


def test_dateline_and_agency_are_stripped() -> None:
    """A wire dateline at the start goes, ordinary text stays."""
    assert "Iran said" == neardup.strip_boilerplate("BEIRUT, Oct 4 (Reuters) - Iran said")
    assert "Hamas said" == neardup.strip_boilerplate("GAZA CITY (AFP) - Hamas said")
    assert "The US said - yes" == neardup.strip_boilerplate("The US said - yes")


def test_acronym_before_a_dash_is_not_a_dateline() -> None:
    """An all-caps place before a dash is a dateline; an acronym opening the sentence is text."""
    assert "Hamas said" == neardup.strip_boilerplate("GAZA CITY - Hamas said")
    assert "Residents fled" == neardup.strip_boilerplate("KHAN YOUNIS, Gaza Strip - Residents fled")
    assert "NATO – Allies agreed on Friday" == neardup.strip_boilerplate("NATO – Allies agreed on Friday")


def test_boilerplate_lines_are_dropped() -> None:
    """Trailing bylines and 'Related' lines are not part of the text."""
    text = "Body line.\nReporting by Jane Doe; Editing by John Roe\nRelated Post\nRead more: x"

    assert "Body line." == neardup.strip_boilerplate(text)


def test_syndicated_copy_is_a_near_duplicate() -> None:
    """Another headline, a dateline, a trimmed ending and a byline still make a near-duplicate."""
    original = neardup.sketch("Khamenei says allies will stand firm", BODY)
    copy = neardup.sketch(
        "Iran's leader vows allies won't retreat",
        "TEHRAN (AFP) - " + BODY[: int(len(BODY) * 0.7)] + "\nReporting by A; Editing by B",
    )

    assert _dup(original, copy)


def test_different_article_is_not_a_near_duplicate() -> None:
    """Two unrelated texts are far apart."""
    assert not _dup(neardup.sketch("Leader defiant", BODY), neardup.sketch("Rates on hold", OTHER))


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1, max_size=400), st.text(max_size=60))
def test_an_article_is_a_near_duplicate_of_itself(body: str, title: str) -> None:
    """Any text with at least one word is a near-duplicate of itself, with similarity 1."""
    s = neardup.sketch(title, body)
    if s.size == 0:
        return
    index = neardup.NearDupIndex()
    index.add(s.signature[None, :], [s.size])

    matches = index.query(s.signature[None, :], [s.size])

    assert [(0, 0, 1.0)] == [(m.query, m.stored, m.similarity) for m in matches]


def test_batch_minhash_equals_single() -> None:
    """Signatures computed in batch equal those computed one at a time."""
    sets = [neardup.item_shingles(f"t{i}", " ".join(f"w{j}" for j in range(i))) for i in range(30)]

    batch = neardup.minhash_many(sets, budget=50)

    assert all((neardup.minhash(s) == batch[i]).all() for i, s in enumerate(sets))


def test_index_finds_items_in_main_part_and_tail() -> None:
    """Items added in many batches (merged and not yet merged) are all found."""
    rng = np.random.default_rng(1)
    sigs = rng.integers(0, 2**32, size=(3000, neardup.NUM_PERM), dtype=np.uint32)
    index = neardup.NearDupIndex()
    for start in range(0, 3000, 500):
        index.add(sigs[start : start + 500], [100] * 500)

    matches = index.query(sigs[[0, 1499, 2999]], [100] * 3)

    assert [(0, 0), (1, 1499), (2, 2999)] == [(m.query, m.stored) for m in matches]
