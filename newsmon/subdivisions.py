"""First-level subdivisions (provinces, states, regions of ISO 3166-2) as places of their country.

pycountry gives every country's top-level subdivisions, often in a local spelling ("Tamil Nādu",
"Nangarhār"): a name is taken with its accents and without them, and without the kind of place it
ends in ("Kachin State" is also "Kachin"). A name is left out where it could mean something else:

- a name two countries share, or that is a country, a capital or already a name of the vocabularies
  (those meanings win: "Georgia" stays the country, "Washington" the US government);
- a name made only of directions and kinds of place (``subdivision_words`` of subdivisions.yaml:
  "Centre", "Far North", "Northern Region");
- a name each of whose words is as common in English as an ordinary word (wordfreq: "Plateau",
  "Unity", "Long Island", "Blue Nile"); such a name counts where the text gives its kind of place
  ("Unity State", listed in subdivisions.yaml);
- a name of ``not_subdivisions`` (people, companies, wider areas) or of ``not_places``.

Subdivisions of a municipal kind (municipalities, parishes, communes) are no provinces and are not
read. Each name must start with a capital letter and yields, like a mid-sized city, to the
countries the text establishes: "a chef from Kerala" in an item about London places only London.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pycountry

from newsmon.storyterms import zipf  # English word frequencies, read once per process
from newsmon.taxonomy_model import TaxonomyFile

# a word at least this frequent in general English (Zipf scale, wordfreq) is an ordinary word:
# "plateau" 3.6, "chin" 4.0, "unity" 4.2; the names of conflict provinces stay below ("Kerala" 3.5)
WORD_ZIPF = 3.6
# kinds of subdivision that are towns or parishes, not provinces (districts are the top level only of
# small states: the Bahamas' "Long Island", Seychelles' "English River")
_LOCAL_KINDS = frozenset({"municipality", "local council", "parish", "commune", "quarter", "island council",
                          "administrative atoll", "urban municipality", "city with county rights", "town",
                          "town council", "ward", "borough", "district"})  # fmt: skip
_KIND_SUFFIX = re.compile(r"\s+(?:region|province|state|governorate|prefecture|department|oblast|county|sheng"
                          r"|zizhiqu|sar)$", re.IGNORECASE)  # fmt: skip
_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]")


def plain(name: str) -> str:
    """``name`` without its accents ("Ségou" -> "Segou")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1)
def _top_level() -> tuple[tuple[str, str, str], ...]:
    """(code, alpha-2, name) of every first-level subdivision of a regional kind."""
    return tuple((s.code, s.country_code, s.name) for s in pycountry.subdivisions
                 if s.parent_code is None and s.type.lower() not in _LOCAL_KINDS)  # fmt: skip


def _spellings(name: str) -> set[str]:
    """The spellings of an ISO name that news may use: without brackets, accents or kind of place."""
    name = _BRACKETS.sub("", name).strip()
    if "," in name or "'" in name or "’" in name:
        return set()  # "Komi, Respublika", "Dar'ā": a local form that no English text uses
    out = set()
    for form in (name, plain(name)):
        if any(unicodedata.category(c) not in ("Ll", "Lu", "Zs", "Pd") for c in form):
            continue  # "Şanʻā’": a transliteration's marks
        out.add(form)
        short = _KIND_SUFFIX.sub("", form)
        if short != form:
            out.add(short)
    return out


def _common(name: str, generic: frozenset[str]) -> bool:
    """True for a name made of directions and kinds of place, or of ordinary English words."""
    words = name.lower().replace("-", " ").split()
    return all(w in generic for w in words) or all(zipf(w) >= WORD_ZIPF for w in words)


def subdivisions(f: TaxonomyFile, known: Mapping[str, Iterable[Any]], capitals: set[str],
                 fold: Callable[[str], str], towns: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Name -> alpha-2 of the subdivisions to add.

    ``known`` maps the folded names already known (countries, cities, every name of the YAML files)
    to their terms, ``fold`` folds a name as they are, ``towns`` are (name, alpha-2) of towns of
    which a subdivision's name must not also name in another country ("Yuma", "San Marcos").
    """
    generic = frozenset(w.lower() for w in f.subdivision_words)
    excluded = {fold(n) for n in [*f.not_subdivisions, *f.not_places, *f.ambiguous]} | capitals
    countries: dict[str, set[str]] = defaultdict(set)  # folded name -> the countries using it
    for town, a2 in towns:
        countries[fold(town)].add(a2)
    named: dict[str, str] = {}
    for _, a2, iso in _top_level():
        for form in _spellings(iso):
            named.setdefault(form, a2)
            countries[fold(form)].add(a2)
    out = {name: a2 for name, a2 in named.items()
           if countries[fold(name)] == {a2} and excluded.isdisjoint({fold(name), fold(plain(name))})
           and len(name) >= 4 and not _common(name, generic)}  # fmt: skip
    for code, names in f.subdivisions.items():
        for name in names:
            out[name] = code[:2]  # an ISO 3166-2 code starts with its country's alpha-2
    return {name: a2 for name, a2 in out.items()
            if known.keys().isdisjoint({fold(name), fold(plain(name))}) and not _inner(fold(name), a2, known)}


def _inner(key: str, a2: str, known: Mapping[str, Iterable[Any]]) -> bool:
    """True where a shorter name inside ``key`` already places its country ("West Darfur" holds
    "Darfur"): the subdivision adds nothing, and as a lesser place it would hide that name."""
    words = key.replace("-", " ").split()
    return any(t.kind in _PLACES and t.region == a2
               for n in range(1, len(words)) for i in range(len(words) - n + 1)
               for t in known.get(" ".join(words[i : i + n]), ()))  # fmt: skip


_PLACES = frozenset({"country", "place", "subregion"})
