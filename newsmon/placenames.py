"""Whether a name that may also be a person, a word or a US town is a place where it stands.

Names of more than one meaning ("Jordan", "Chad", "Israel Adesanya", Lebanon in Pennsylvania) and
towns inside longer names ("George Clooney", "Palm Springs") are checked against their neighbours:
a capitalised word beside them, a US state after a comma, the words of ``unless_near`` close by.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from newsmon.roles import words_before
from newsmon.vocab import Taxonomy, Term, fold

if TYPE_CHECKING:
    from newsmon.tagging import Mention

_NEXT_CAPITAL = re.compile(r"[ \t]+([A-Z][a-z]+)")
_STATE_COMMA = re.compile(r",\s+([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)")


def is_place(text: str, low: str, m: Mention, term: Term, taxonomy: Taxonomy,
             title_case: bool = False) -> bool:  # fmt: skip
    """False where an ambiguous name is a person, a word or a US place here."""
    comma = _STATE_COMMA.match(text, m.end)
    if comma and fold(comma.group(1)) in taxonomy.us_states and term.region != "US":
        return False
    if term.minor and _in_a_name(text, m, taxonomy, title_case):
        return False  # "Arnhem Land", "Vaughan Gething": a lesser city inside a name
    if term.unless_near is None:
        return True
    before_word = words_before(low, m.start, 1)
    if term.after_locative and not (before_word and before_word[0] in taxonomy.locatives):
        return False
    if _any_of(term.unless_near).search(low, max(0, m.start - 150), m.end + 150):
        return False
    following = _NEXT_CAPITAL.match(text, m.end)
    if (
        following
        and not text[m.start : m.end].isupper()
        and not (title_case and _known_word(fold(following.group(1)), taxonomy))
    ):
        return False  # "Israel Adesanya", "Chad Smith"
    before = text[max(0, m.start - 20) : m.start].rpartition("\n")[2].rstrip()
    capital_before = _CAPITAL_LAST.search(before)
    return (
        not capital_before
        or before.endswith(("In", "From", "To"))
        or (title_case and _known_word(fold(capital_before.group(1)), taxonomy))
    )


_CAPITAL_LAST = re.compile(r"\b([A-Z][a-z]+)$")


@functools.lru_cache(maxsize=None)
def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for "any of ``words`` occurs" (one scan, where a loop of ``in`` scans each)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)")


def _in_a_name(text: str, m: Mention, taxonomy: Taxonomy, title_case: bool) -> bool:
    """True where a city's name is part of a longer proper name ("George Clooney", "Palm Springs").

    A capitalised word next to it makes it so, unless that word is a kind of place ("Airport",
    "Northern"), a word the vocabularies know (a demonym, a cue, a state noun), or stands first in
    its sentence.
    """
    if text[m.start : m.end].isupper():
        return False  # a dateline or a shouted headline
    following = _NEXT_CAPITAL.match(text, m.end)
    if following and not _plain_word(following.group(1), taxonomy, title_case):
        return True
    line = text[max(0, m.start - 40) : m.start].rpartition("\n")[2]
    previous = _LAST_WORD.search(line)
    if previous is None or not previous.group(1)[0].isupper():
        return False
    if _plain_word(previous.group(1), taxonomy, True):
        return False
    rest = line[: previous.start()].rstrip()
    return bool(rest) and rest[-1] not in _SENTENCE_OPENERS


def _plain_word(word: str, taxonomy: Taxonomy, title_case: bool) -> bool:
    """True for a capitalised word that is no part of a name beside a city."""
    if word in _PLACE_WORDS:
        return True
    if not title_case:
        return False
    folded = fold(word)
    return _known_word(folded, taxonomy) or folded in taxonomy.state_nouns or (
        taxonomy.automaton.get(folded, None) is not None)


_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z'’-]*)[ \t]+$")
_SENTENCE_OPENERS = frozenset(".!?:;\"'“‘—–-|([")


def _known_word(word: str, taxonomy: Taxonomy) -> bool:
    """A word of the vocabularies' grammar (a cue, a verb after a subject, a locative), no name."""
    if word in _FUNCTION_WORDS or word in taxonomy.reporting or word in taxonomy.subject_words:
        return True
    if word in taxonomy.locatives or word in taxonomy.counterparts:
        return True
    found = taxonomy.automaton.get(word, None)
    return found is not None and any(t.kind == "cue" for t in found[1])


# capitalised words after which a city's name still places the story: kinds of place, and events
# held there ("Sochi Olympics", "Astana Process")
_PLACE_WORDS = frozenset({"Airport", "Province", "Region", "Governorate", "District", "County", "State",
                          "City", "Valley", "Strip", "Street", "Square", "Port", "Harbour", "Harbor",
                          "Bay", "River", "Base", "Oblast", "Prefecture", "Camp", "Crossing", "In",
                          "From", "To", "Near", "Outside", "North", "South", "East", "West",
                          "Northern", "Southern", "Eastern", "Western", "Central", "Greater",
                          "Agreement", "Agreements", "Accord", "Accords", "Declaration", "Summit",
                          "Conference", "Forum", "Olympics", "Games", "Festival", "Talks", "Process",
                          "Format", "Stadium", "Hospital", "Prison", "Refinery", "Plant", "Dam",
                          "Bridge", "Road", "Highway", "Corridor", "Front", "Line"})


_FUNCTION_WORDS = frozenset({"as", "and", "or", "the", "a", "an", "of", "for", "on", "amid", "after",
                             "before", "but", "while", "despite", "since", "says", "vs"})
