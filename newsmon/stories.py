"""Stories: reports of one event from different outlets, grouped by what their titles and leads name.

An article's story terms are the stemmed content words of its title and lead; names (capitalised inside a
sentence), numbers and words rare in general English weigh more, title words a little more, and place names
weigh nothing: two events in one
region must never merge because they share it. The countries an article names are kept apart (weight zero)
as a veto: two articles that both name countries but no country in common are never one story; so are the
towns and cities their titles and leads name after a locative preposition ("in Tyre", "near Bint Jbeil"),
unless the two share a rare name. Two articles
tell one story when they are at most ``WINDOW`` apart, no veto applies, and either their weighted term
overlap reaches ``STORY_MIN`` with at least ``SHARED_MIN`` shared terms, or ``LONG_STORY_MIN`` with at least
``LONG_SHARED_MIN`` (full-text reports in other words), or they share at least ``NAMES_MIN`` rare names
(people, organisations, numbers) with an overlap of at least ``NAMES_STORY_MIN``. Two short items (feed titles
and summaries) within ``EVENT_WINDOW`` also tell one story when their headlines share a rare name and one more
word (``short_story``).
"""

from __future__ import annotations

import itertools
import math
import operator
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsmon.storyterms import (  # noqa: F401  (story_terms and friends stay importable from here)
    ACTOR,
    ANCHOR,
    ANCHOR_ZIPF,
    COUNTRY,
    EVENT,
    HEADLINE,
    KILLED,
    LOCALITY,
    NAME_WEIGHT,
    NAMED,
    PRIMARY,
    SHORT,
    StoryTerms,
    place_words,
    story_terms,
    zipf,
)

# weighted overlap coefficient of the two term sets: 0.3 found more same-event pairs of the real feed
# items (R 0.54) but merged different events (P 0.71); a digest must not merge those (0.4: P 0.95 R 0.35)
STORY_MIN = 0.4
SHARED_MIN = 3  # distinct shared terms, places excluded
NAMES_MIN = 2  # or this many shared rare names ...
NAMES_STORY_MIN = 0.3  # ... with at least this overlap
NAME_RARITY_MIN = 4.0  # a shared name counts when its idf among grouped articles is at least this
# or this many shared terms with at least this overlap: two full-text reports of one event by different
# outlets share many terms at a lower overlap (their leads tell it in other words), while items of a title
# and a summary rarely share 8 (synthetic 0.3/8: F1 0.899 -> 0.946, feeds A 0.614 -> 0.641, no precision lost
# on any set; 0.3 to 0.33 score alike, 0.35 or 10 shared terms lose most of the gain, 0.28 merges other events)
LONG_STORY_MIN = 0.3
LONG_SHARED_MIN = 8
# two short items (title and summary) tell one story when both headlines name one rare name and share one
# more word, at an overlap of at least SHORT_STORY_MIN (feeds A 0.641 -> 0.654 at P 0.944, B 0.575 -> 0.610 at
# P 0.862). A name that is rare in general English but not among grouped articles (idf 3.5: Epstein, Orban)
# merged other events of one topic (A P 0.74); so did any shared word of the summaries ("party", "files")
SHORT_NAME_IDF = 4.0
SHORT_WORD_ZIPF = 5.5  # the headline word at most this frequent in general English (no "say", "world")
SHORT_STORY_MIN = 0.2  # 0.25 lost Shein and Lufthansa; 0.15 and below merged topic items
JOIN_SHARE = 0.25  # share of a story's articles (in the window) a newcomer must match to join it
WINDOW = timedelta(days=3)
PRIOR_DOCS = 50  # idf smoothing: with few articles stored every term weighs about the same
EVENT_WINDOW = timedelta(days=2)


def same_event(a: StoryTerms, b: StoryTerms) -> bool:
    """One material event: a shared event type, primary region, actor and rare name, and no place conflict.

    Reports of one strike or attack often share few title words ("Seven dead after Israeli jets hit house near
    Nabatieh" and "Israeli air strike near Nabatieh kills seven"); what they share is the event. A shared
    casualty count alone is not enough: two strikes in one region often kill as many.
    """
    has = {t[:1] for t in a.weights.keys() & b.weights.keys()}  # every prefix is one character
    return EVENT in has and PRIMARY in has and ACTOR in has and ANCHOR in has and not places_conflict(a, b)


def relatedness(a: StoryTerms, b: StoryTerms, idf: Callable[[str], float] | None = None) -> tuple[float, int]:
    """Weighted overlap coefficient of two term sets (each weight times the term's rarity), and the shared count."""
    rarity = idf or (lambda _t: 1.0)
    return _overlap(a, b, rarity, weighted_total(a, rarity), weighted_total(b, rarity))


def weighted_total(terms: StoryTerms, idf: Callable[[str], float]) -> float:
    """The sum of an article's term weights, each times the term's rarity (the overlap's denominator)."""
    # zero-weight terms add exactly 0.0 to a positive sum, so skipping them leaves the total bit for bit
    keys, weights = terms.positive
    return sum(map(operator.mul, weights, map(idf, keys)))


def _overlap(a: StoryTerms, b: StoryTerms, rarity: Callable[[str], float], total_a: float,
             total_b: float) -> tuple[float, int]:
    """``relatedness`` given the two articles' weighted totals."""
    shared = [t for t in a.weights.keys() & b.weights.keys() if a.weights[t] > 0 < b.weights[t]]
    if not shared:
        return 0.0, 0
    inter = sum(min(a.weights[t], b.weights[t]) * rarity(t) for t in shared)
    smaller = min(total_a, total_b)
    return inter / smaller if smaller else 0.0, len(shared)


def shared_names(a: StoryTerms, b: StoryTerms, idf: Callable[[str], float] | None = None) -> int:
    """How many names (name-weighted in both articles) the two share that are rare among grouped articles."""
    rarity = idf or (lambda _t: NAME_RARITY_MIN)
    return sum(1 for t in a.weights.keys() & b.weights.keys()
               if min(a.weights[t], b.weights[t]) >= NAME_WEIGHT and rarity(t) >= NAME_RARITY_MIN)


def countries_conflict(a: StoryTerms, b: StoryTerms) -> bool:
    """Both articles name countries, and none in common: another event elsewhere."""
    ca, cb = a.countries(), b.countries()
    return bool(ca) and bool(cb) and ca.isdisjoint(cb)


def places_conflict(a: StoryTerms, b: StoryTerms) -> bool:
    """Both articles name towns or cities, none in common, and share no rare name: events in two places."""
    la, lb = a.localities(), b.localities()
    return bool(la) and bool(lb) and la.isdisjoint(lb) and not _shares_rare_name(a, b)


def _shares_rare_name(a: StoryTerms, b: StoryTerms) -> bool:
    """A shared rare name: an event anchor, or a word named in both that is rare in general English.

    Rarity in English rather than among grouped articles: an index of a few articles finds no name rare.
    Actors and counts are no such name: one army kills as many in many towns.
    """
    return any(t.startswith(ANCHOR) or (t.isalpha() and min(a.weights[t], b.weights[t]) >= NAME_WEIGHT
                                        and zipf(t) <= ANCHOR_ZIPF)
               for t in a.weights.keys() & b.weights.keys())


def same_story(a: StoryTerms, b: StoryTerms, idf: Callable[[str], float] | None = None) -> bool:
    """The rule: no country or place conflict, and enough weighted overlap with enough shared terms or rare names."""
    return (not countries_conflict(a, b) and not places_conflict(a, b)
            and _passes(a, b, relatedness(a, b, idf), idf))


def _passes(a: StoryTerms, b: StoryTerms, related: tuple[float, int],
            idf: Callable[[str], float] | None) -> bool:
    """The overlap part of ``same_story``, given the pair's ``relatedness``."""
    score, shared = related
    if (score >= STORY_MIN and shared >= SHARED_MIN) or (score >= LONG_STORY_MIN and shared >= LONG_SHARED_MIN):
        return True
    return score >= NAMES_STORY_MIN and shared_names(a, b, idf) >= NAMES_MIN


def short_story(a: StoryTerms, b: StoryTerms, idf: Callable[[str], float] | None = None,
                score: float | None = None) -> bool:
    """Two short items whose headlines share a rare name (no place) and one more word, at some overlap.

    Feed items of one event name its actor and what happened in a few words ("Lufthansa strike grounds
    hundreds of flights", "Lufthansa pilots, crew to strike on Thursday"): too few for the overlap rules.
    """
    if SHORT not in a.weights or SHORT not in b.weights:
        return False
    if (relatedness(a, b, idf)[0] if score is None else score) < SHORT_STORY_MIN:
        return False
    rarity = idf or (lambda _t: SHORT_NAME_IDF)
    shared = [t for t in a.weights.keys() & b.weights.keys() if t.isalpha() and a.weights[t] > 0 < b.weights[t]]
    return (any(NAMED + t in a.weights and NAMED + t in b.weights and rarity(t) >= SHORT_NAME_IDF for t in shared)
            and any(HEADLINE + t in a.weights and HEADLINE + t in b.weights and zipf(t) <= SHORT_WORD_ZIPF
                    for t in shared))


@dataclass(frozen=True)
class StoryItem:
    """What story grouping needs of an article."""

    id: str
    terms: StoryTerms
    time: datetime | None
    story: str | None = None  # set for articles already grouped


def _bounds(time: datetime | None, span: timedelta) -> tuple[datetime, datetime]:
    """The times at most ``span`` from ``time`` (comparing with these is cheaper than ``abs(a - b) <= span``)."""
    if time is None:
        return datetime.min, datetime.max
    try:
        low = time - span
    except OverflowError:  # past the calendar's start: every time is late enough
        low = datetime.min.replace(tzinfo=time.tzinfo)
    try:
        high = time + span
    except OverflowError:
        high = datetime.max.replace(tzinfo=time.tzinfo)
    return low, high


class _Rarity(dict[str, float]):
    """Each term's idf at one size of the index, computed on its first lookup."""

    def __init__(self, docs: int, postings: dict[str, list[int]]) -> None:
        super().__init__()
        self.docs = docs
        self._postings = postings

    def __missing__(self, term: str) -> float:
        value = self[term] = math.log(self.docs / (len(self._postings.get(term, ())) + 1))
        return value


class StoryIndex:
    """Articles already grouped, searchable by shared terms; new articles join the best-matching story."""

    def __init__(self, *, window: timedelta = WINDOW) -> None:
        self.window = window
        self._items: list[StoryItem] = []
        self._postings: dict[str, list[int]] = {}
        self._members: dict[str, list[datetime | None]] = {}
        self._rarity = _Rarity(PRIOR_DOCS, self._postings)

    def add(self, item: StoryItem) -> None:
        """Add a grouped article (its ``story`` set)."""
        number = len(self._items)
        self._items.append(item)
        if item.story:
            self._members.setdefault(item.story, []).append(item.time)
        for term, weight in item.terms.weights.items():
            if weight > 0:
                self._postings.setdefault(term, []).append(number)

    def idf(self, term: str) -> float:
        """How rare a term is among the grouped articles, smoothed by ``PRIOR_DOCS`` articles without it."""
        return self._rarities()[term]

    def _rarities(self) -> _Rarity:
        """The idf table at the index's current size (a new one once an article was added)."""
        docs = len(self._items) + PRIOR_DOCS
        if self._rarity.docs != docs:
            self._rarity = _Rarity(docs, self._postings)
        return self._rarity

    def best(self, item: StoryItem) -> tuple[str, float] | None:
        """The story most related to the item, if it passes the rule with enough of the story's articles.

        Joining needs a match with at least ``JOIN_SHARE`` of the story's articles in the window, so a story
        does not grow by a chain of articles each like only the last one.
        """
        terms, time = item.terms, item.time
        empty: list[int] = []
        # candidates in the order they are first met, as the story with the best score keeps the first
        counts = Counter(itertools.chain.from_iterable(
            self._postings.get(t, empty) for t, w in terms.weights.items() if w > 0))
        need = min(SHARED_MIN, NAMES_MIN)
        rarity = self._rarities()
        idf = rarity.__getitem__
        own_total = weighted_total(terms, idf)
        own_countries = terms.countries()
        own_places = terms.localities()
        matched: dict[str, list[float]] = {}
        items, (low, high) = self._items, _bounds(time, self.window)
        for number, shared in counts.items():
            if shared < need:
                continue
            other = items[number]
            if not other.story or (time and other.time and not low <= other.time <= high):
                continue
            theirs = other.terms
            if own_countries and own_countries.isdisjoint(theirs.countries()) and theirs.countries():
                continue
            if own_places and own_places.isdisjoint(theirs.localities()) and places_conflict(terms, theirs):
                continue
            related = _overlap(terms, theirs, idf, own_total, weighted_total(theirs, idf))
            if _passes(terms, theirs, related, idf) or (
                    (not (time and other.time) or abs(time - other.time) <= EVENT_WINDOW)
                    and (same_event(terms, theirs) or short_story(terms, theirs, idf, related[0]))):
                matched.setdefault(other.story, []).append(related[0])
        best: tuple[str, float] | None = None
        for story, scores in matched.items():
            if len(scores) < JOIN_SHARE * self._in_window(story, time):
                continue
            if best is None or max(scores) > best[1]:
                best = (story, max(scores))
        return best

    def _in_window(self, story: str, time: datetime | None) -> int:
        members = self._members.get(story, [])
        if time is None:
            return len(members)
        return sum(1 for m in members if m is None or abs(time - m) <= self.window)


def group(items: Sequence[StoryItem], *, duplicates: dict[str, str] | None = None) -> dict[str, str]:
    """Story ids for items in arrival order: a copy takes its original's story, the rest join or found one."""
    index = StoryIndex()
    stories: dict[str, str] = {}
    for item in items:
        original = (duplicates or {}).get(item.id)
        if item.story:
            story = item.story
        elif original and original in stories:
            story = stories[original]
        else:
            found = index.best(item)
            story = found[0] if found else item.id
        stories[item.id] = story
        index.add(StoryItem(item.id, item.terms, item.time, story))
    return stories
