"""Regions and actors of a text, from one Aho-Corasick pass over it (identifiers of LABELING.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsmon.phrases import phrases
from newsmon.placenames import is_place
from newsmon.roles import (
    BORDER,
    PAIR_RECIPROCAL,
    aside,
    group_roles,
    located,
    military,
    names_force,
    words_after,
    words_before,
)
from newsmon.roles import role as role_of
from newsmon.vocab import CAPITAL_CHECK, Taxonomy, Term, fold

MAX_REGIONS = 5
MAX_ACTORS = 8
FALLBACK_REGIONS = 2  # an item that places nothing is about its two main states
# a wire dateline ("BEIRUT, Feb 17 (Reuters) -", "WASHINGTON/GENEVA (AP) -"): where the reporter
# files from, not where anything happens
_DATELINE = re.compile(
    r"\b[A-Z][A-Z.'-]+(?:[ /][A-Z][A-Z.'-]+)*(?:,\s+[A-Z][a-z]+)?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s+\((?:Reuters|AFP|AP|Xinhua|Yonhap|dpa|UPI|IANS|PTI|Anadolu|Bernama|Kyodo|WAFA)\)")


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ is twice as slow, and a text has hundreds
class Mention:
    """A matched name or cue: its span in the text and the meanings that survived the checks (read-only)."""

    start: int
    end: int
    terms: tuple[Term, ...]


@dataclass(slots=True)  # not frozen, as Mention
class ActorMention:
    """An actor at a place in the text (for the source and target of events)."""

    start: int
    end: int
    actor: str


@dataclass(frozen=True)
class Tags:
    """The regions and actors of a text, most relevant first, and where each actor stands."""

    regions: tuple[str, ...]
    actors: tuple[str, ...]
    actor_mentions: tuple[ActorMention, ...]
    armed_at: tuple[int, ...]  # where an organised armed group or a state's forces is named


def scan(text: str, taxonomy: Taxonomy) -> tuple[str, list[Mention]]:
    """The folded text and its mentions: leftmost-longest, on word boundaries, case rules applied."""
    low = fold(text)
    n = len(low)
    found: list[tuple[int, int, tuple[Term, ...]]] = []
    for last, (length, terms, checks) in taxonomy.automaton.iter(low):
        end = last + 1
        start = end - length
        if (start and low[start - 1].isalnum()) or (end < n and low[end].isalnum()):
            continue
        if checks == CAPITAL_CHECK:
            if not text[start].isupper():
                continue
        elif checks:
            terms = tuple(t for t in terms if _spelled(text, start, end, t))
            if not terms:
                continue
        found.append((start, end, terms))
    found.extend(phrases(low))
    found.sort(key=lambda m: (m[0], -m[1]))
    mentions: list[Mention] = []
    reach = 0
    for start, end, terms in found:
        if start >= reach:
            mentions.append(Mention(start, end, terms))
            reach = end
    return low, mentions


def _owned_by_another(low: str, prev: Mention, m: Mention, term: Term, states: dict[str, str]) -> bool:
    """True where a state's institution or force at ``m`` is qualified by another state right before
    it: a demonym ("the German Foreign Office") or a possessive ("Pakistan's Foreign Office")."""
    if term.ident not in states or low[prev.end : m.start] not in (" ", "'s ", "\u2019s "):
        return False
    owner = prev.terms[0]
    return owner.kind in {"demonym", "country"} and owner.ident in states and owner.ident != term.ident


def _shared_body(m: Mention, mentions: list[Mention], taxonomy: Taxonomy) -> Term | None:
    """The state whose institution a shared name ("the Foreign Office": Britain's, or Pakistan's in
    Pakistan's press) stands for: the first whose state the text names otherwise, else the first."""
    bodies = [t for t in m.terms if t.kind == "body"]
    if len(bodies) < 2:
        return bodies[0] if bodies else None
    named: set[str] = set()
    for other in mentions:
        if other is not m:
            for t in other.terms:
                if t.kind in {"country", "demonym", "leader", "body"}:
                    named.add(t.ident)
                elif t.kind == "place" and t.region:
                    named.add(taxonomy.alpha3.get(t.region, ""))
    return next((t for t in bodies if t.ident in named), bodies[0])


def _spelled(text: str, start: int, end: int, term: Term) -> bool:
    if term.exact:
        return text[start:end] == term.exact
    return not term.proper or text[start].isupper()


def tag(text: str, low: str, mentions: list[Mention], taxonomy: Taxonomy, *,
        title_end: int = 0) -> Tags:  # fmt: skip
    """The regions and actors of ``text`` given its mentions from :func:`scan`.

    ``title_end`` marks the headline: in a Title Case headline every word is capitalised, so
    capitals say nothing about names there.
    """
    regions: dict[str, list[int]] = {}
    minor_only: dict[str, list[int]] = {}  # regions given only by mid-sized cities
    actors: dict[str, list[int]] = {}
    placed: list[ActorMention] = []
    weak_regions: dict[str, list[int]] = {}
    loose: dict[str, list[int]] = {}  # countries named bare: places only where nothing else is
    # places only where nothing else is: a country named for its border ("near the Senegal border"),
    # a place where something was once made or signed ("commitments made in Doha")
    edges: dict[str, list[int]] = {}
    armed_at: list[int] = []
    made_end = -1  # the end of a place where something was made or signed
    by_alpha2 = taxonomy.alpha3
    caps_end = title_end if title_end and is_title_case(text[:title_end]) else 0
    datelines = [d.span() for d in _DATELINE.finditer(text, 0, title_end + 400)]  # leads only
    roles = group_roles(low, mentions, taxonomy)
    # a headline's label names where the story is: "Sudan: UN warns of famine", "Ethiopia and Eritrea:"
    colon = text.find(": ", 0, min(title_end, 40))
    label_end = colon if colon > 0 and len(text[:colon].split()) <= 4 and taxonomy.reporting.isdisjoint(
        low[:colon].split()) else 0  # not a speaker: "Israel warns Hezbollah: 'We will...'"

    def add(store: dict[str, list[int]], key: str, pos: int) -> None:
        if key:
            store.setdefault(key, []).append(pos)

    for index, m in enumerate(mentions):
        for term in m.terms:
            kind = term.kind
            if kind in {"actor", "leader", "body"}:
                if kind == "leader" and _former(low, m.start):
                    break  # "former President Assad" no longer stands for his state
                if kind != "leader" and index and _owned_by_another(low, mentions[index - 1], m, term,
                                                                    taxonomy.alpha2):
                    break  # "the German Foreign Office", "Pakistan's Foreign Office": not Britain's
                if kind == "body" and len(m.terms) > 1 and term is not _shared_body(m, mentions, taxonomy):
                    continue  # a name two states give their institutions: the one the text names
                add(actors, term.ident, m.start)
                placed.append(ActorMention(m.start, m.end, term.ident))
                if term.armed:
                    armed_at.append(m.start)
                if kind == "body" and term.region and _VENUE.search(low, max(0, m.start - 12), m.start):
                    add(regions, term.region, m.start)  # "signed at the White House", "in the Kremlin"
            elif kind == "demonym":
                after = words_after(low, m.end, 2)
                # "Russian and Ukrainian delegations", "Thai, Cambodian officials": both act
                joins = after[:1] in (["and"], ["or"]) or low.startswith(",", m.end)
                if joins and index + 1 < len(mentions):
                    nxt = mentions[index + 1]
                    between = low[m.end : nxt.start].strip(" ,andor")
                    if nxt.terms[0].kind == "demonym" and not between:
                        after = words_after(low, nxt.end, 2)
                if after[:1] and after[0] in _STATE_MODIFIERS:
                    after = after[1:]  # "the Ethiopian central government"
                joined = low.startswith("-", m.end) and after[:1] and after[0] in _JOINED_ACTS
                if PAIR_RECIPROCAL.match(low, m.end):
                    add(regions, term.region, m.start)  # "Thai and Cambodian troops exchange fire"
                if after[:1] and after[0] in _TERRITORY or after[1:2] and after[1] in _TARGETS and (
                        after[0] in _ARMED_ADJECTIVES):
                    add(regions, term.region, m.start)  # "the Lebanese capital", "Cambodian military targets"
                if term.ident in _PEOPLE_ONLY:  # "Palestinian officials said": no state acts
                    add(weak_regions, term.region, m.start)
                elif (after and after[0] in taxonomy.state_nouns or after[-1:] == ["forces"] or joined
                        or after in _BORDER_FORCES):  # "Iranian border guards"
                    add(actors, term.ident, m.start)
                    placed.append(ActorMention(m.start, m.end, term.ident))
                    if any(names_force(after, i, taxonomy) for i in range(len(after))):
                        armed_at.append(m.start)
                elif after[:1] and after[0] in BORDER:
                    add(edges, term.region, m.start)  # "near the Venezuelan border"
                elif low.endswith("-backed", m.start, m.end):
                    pass  # "the Iran-backed Iraqi militia": its sponsor, no place of the story
                else:
                    add(weak_regions, term.region, m.start)
            elif kind in {"country", "place"}:
                if not is_place(text, low, m, term, taxonomy, m.start < caps_end):
                    continue
                if low.startswith("-backed", m.end):
                    break  # "Rwanda-backed M23": a sponsor, as "Iran-backed": no place, no party
                if datelines and any(a <= m.start < b for a, b in datelines):
                    break
                if term.minor and m.start < caps_end and not _recurs(low, m, caps_end):
                    continue  # a capitalised word of a Title Case headline, not a town
                role = "place" if m.end <= label_end else (
                    roles.get(index) or role_of(low, m, term, taxonomy))
                if role != "place" and kind == "place" and not term.capital:
                    role = "place"  # only a capital stands for its state: "Geneva talks" are held there
                if role != "place" and military(low, m, taxonomy):
                    armed_at.append(m.start)
                a3 = term.ident if kind == "country" else by_alpha2.get(term.region, "")
                bare = role == "place" and kind == "country" and low.startswith("'s", m.end)
                if role == "border":
                    add(edges, term.region, m.start)
                    continue
                if role == "sides":
                    add(regions, term.region, m.start)  # two sides fighting: on both sides' soil
                elif role == "both" or bare:
                    if term.region not in taxonomy.outside_powers or _home_affairs(low, m.end):
                        add(loose, term.region, m.start)  # "Iran says", "Israel's plan": maybe a place
                elif role != "actor":
                    described = _made_in(low, m.start) or (
                        made_end >= 0 and _JOINED.fullmatch(low, made_end, m.start) is not None)
                    made_end = m.end if described else -1  # "signed in Washington and Doha"
                    elsewhere = described or aside(low, m.start)  # "if the war in Gaza restarts"
                    add(edges if elsewhere else minor_only if term.minor else regions, term.region,
                        m.start)  # fmt: skip
                if role != "place" and a3 and (kind == "country" or role == "actor"
                                      or (role == "scene" and term.capital)):  # "Tehran's nuclear sites"
                    add(actors, a3, m.start)
                    placed.append(ActorMention(m.start, m.end, a3))
            elif kind == "subregion":
                store = edges if aside(low, m.start) else regions
                add(store, term.ident, m.start)
                add(store, term.region, m.start)
            else:
                continue
            break  # the first meaning that applies wins
    was_placed = bool(regions)
    if not regions:  # a country named bare is a place only where nothing else places the story
        for code, positions in loose.items():
            regions.setdefault(code, []).extend(positions)
    established = set(regions) | set(weak_regions) | {taxonomy.alpha2.get(a, "") for a in actors}
    for code, positions in minor_only.items():
        # a town's name that other countries share yields to the countries the text is about, but
        # not to a country named bare where it is where something happens ("strikes in Paktika")
        if code in established or not regions or (
                not was_placed and any(located(low, at, taxonomy) for at in positions)):
            regions.setdefault(code, []).extend(positions)
    if not regions:
        regions = edges or weak_regions
    if not regions:  # nothing is placed at all: the item is about the states that act in it
        states = [a for a in _ranked(actors, MAX_ACTORS) if a in taxonomy.alpha2
                  and taxonomy.alpha2[a] not in taxonomy.outside_powers][:FALLBACK_REGIONS]
        regions = {taxonomy.alpha2[a]: actors[a] for a in states}
    if ("IRN" in actors or "IR" in regions) and "gulf" in low:
        for gulf in _THE_GULF.finditer(low):  # "US bases across the Gulf" in an item about Iran
            add(regions, "persian-gulf", gulf.start(1))
    for group, home in taxonomy.homes.items():
        if group in actors and home not in regions:
            regions[home] = [len(low)]  # ranked after every place the text names
    return Tags(
        regions=_ranked(regions, MAX_REGIONS),
        actors=_ranked(actors, MAX_ACTORS),
        actor_mentions=tuple(placed),
        armed_at=tuple(armed_at),
    )


# "the Gulf" as a place, not the Gulf of Mexico or the Gulf states: the Persian Gulf where Iran is named
_THE_GULF = re.compile(r"\b(?:in|across|around|near|to|off|over) (the gulf)\b"
                       r"(?! of| coast| states| countries| cooperation| arab| region)")
# words between a demonym and the state noun it qualifies
# a state's land, named by its adjective, is a place: "the Ukrainian capital", "Russian soil",
# "Estonian airspace", "Cambodian military targets"
_TERRITORY = frozenset({"capital", "territory", "territories", "soil", "airspace", "waters",
                        "coastline", "countryside", "mainland", "heartland", "hinterland", "cities",
                        "towns", "villages"})  # not "coast guard"
_TARGETS = frozenset({"targets", "positions", "bases", "base", "posts", "outposts", "installations"})
_BORDER_FORCES = [["border", w] for w in ("guards", "guard", "police", "troops", "forces", "patrols")]
_ARMED_ADJECTIVES = frozenset({"military", "army", "naval", "border", "air", "defence", "defense"})
_VENUE = re.compile(r"\b(?:at|outside) the $")  # a seat of government as a venue; "back in the White House" is in office
_STATE_MODIFIERS = frozenset({"central", "federal", "interim", "transitional", "caretaker",
                              "provisional", "national", "ruling", "new", "tactical", "strategic"})
# a demonym joined to these acts: "Turkish-mediated talks" (not "Kenyan-led force": who leads
# a foreign force is rarely a party)
_JOINED_ACTS = frozenset({"mediated", "brokered", "hosted"})
# the demonyms of states whose government is an actor of LABELING.md's table, not a state: the
# adjective names the people far more often ("Palestinian officials said", "Palestinian state");
# the labellers gave the Palestinian Authority in 6 of the 15 read items it was predicted for
_PEOPLE_ONLY = frozenset({"palestinian-authority"})


def _home_affairs(low: str, end: int) -> bool:
    """True where a possessive names a state's affairs at home ("Beijing's five-year plan", "China's
    economy"): an outside power is then a place, if nothing else is."""
    possessive = low.startswith(("'s ", "\u2019s "), end)
    return possessive and not _HOME_AFFAIRS.isdisjoint(words_after(low, end + 3, 3))


_HOME_AFFAIRS = frozenset({"plan", "economy", "budget", "parliament", "congress", "legislature",
                           "growth", "exports", "property", "population", "census", "elections",
                           "election", "courts"})


def is_title_case(title: str) -> bool:
    """True for a headline whose longer words are nearly all capitalised ("Iran Warns Of...")."""
    words = [w for w in title.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _former(low: str, start: int) -> bool:
    """True where "former", "ex-" or "late" comes before a name, maybe with a title between."""
    if low[max(0, start - 3) : start] == "ex-":
        return True
    before = words_before(low, start, 3)
    while before and before[-1] in _TITLES:
        before.pop()  # "former Prime Minister Netanyahu"
    return bool(before) and (before[-1] in _PAST_TITLE or before[-1].startswith("ex-"))


def _made_in(low: str, start: int) -> bool:
    """True for a place after a participle and "in" or "at" ("agreements signed in Washington",
    "drones not made in China"), where a statement was made ("told reporters in Ankara", "speaking
    at a briefing in Moscow") or a mood felt ("raising concerns in Washington"): it describes a
    thing, a speaker or a government by where, nothing happens there."""
    before = words_before(low, start, 2)
    return len(before) == 2 and before[1] in ("in", "at") and before[0] in _MADE


_JOINED = re.compile(r",? (?:and|or) |, ")
# what was made or signed there, who spoke there ("told reporters in Ankara"), what was felt there
# ("concerns in Washington")
_MADE = frozenset({"made", "signed", "reached", "agreed", "brokered", "struck", "sealed",
                   "reporters", "journalists", "speaking", "conference", "briefing",
                   "concern", "concerns", "alarm", "unease", "frustration", "worries", "anger"})


def _recurs(low: str, m: Mention, after: int) -> bool:
    return low.find(low[m.start : m.end], after) >= 0


def _ranked(store: dict[str, list[int]], limit: int) -> tuple[str, ...]:
    order = sorted(store, key=lambda k: (-len(store[k]), store[k][0]))
    return tuple(order[:limit])


_PAST_TITLE = frozenset({"former", "ex", "late"})
_TITLES = frozenset({"president", "prime", "minister", "foreign", "defence", "defense", "leader",
                     "chief", "king", "premier", "secretary", "general", "commander", "envoy"})
