"""Tests of the language gate: the English rules read English texts only."""

from __future__ import annotations

from newsmon.escalation import analyze
from newsmon.language import english
from newsmon.vocab import load_taxonomy

TAXONOMY = load_taxonomy()


def test_german_text_is_not_english() -> None:
    """German function words outnumber English ones: "war" there is a verb."""
    assert not english("Das Wetter war gestern schlecht, und die Straßen sind nicht frei. Es ist kalt.")


def test_english_text_with_a_foreign_name_stays_english() -> None:
    """A German title quoted in an English report decides nothing against the English words."""
    assert english("Der Spiegel reported that the minister, who was in Berlin, has resigned after the vote.")


def test_headline_without_function_words_stays_english() -> None:
    """A bare headline has no function word of any language: it is read."""
    assert english("Israeli airstrikes kill 12 in southern Lebanon")
    assert 3 == analyze("Israeli airstrikes kill 12 in southern Lebanon", taxonomy=TAXONOMY).level


def test_german_text_keeps_its_names_but_no_level() -> None:
    """A German item is not levelled by English cues, and still names its places and actors."""
    result = analyze("Was war los in Kiew?",
                     "Ein Rückblick auf die Woche: Selenskyj ist nach Berlin gereist, und der Winter war "
                     "für die Ukraine nicht leicht. Auch über die Wahl wird gesprochen.",
                     taxonomy=TAXONOMY)  # fmt: skip

    assert (0, ()) == (result.level, result.events)
    assert "UKR" in result.actors and "DE" in result.regions


def test_same_words_in_english_are_levelled() -> None:
    """The gate is no filter on topics: the English item of the same week is about the war."""
    result = analyze("What happened in Kyiv this week?",
                     "A look back at the week: Zelensky travelled to Berlin, and the winter of war has been "
                     "hard for Ukraine.", taxonomy=TAXONOMY)  # fmt: skip

    assert 1 <= result.level
    assert "UA" in result.regions
