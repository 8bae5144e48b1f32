"""The role of a named country or place in its sentence: where something happens, who acts, or both.

"Washington said" and "talks between Ukraine and Russia" name actors; "in Tyre" and "the border
between Thailand and Cambodia" name places; "Iran's" is the state or its territory. The rules read the
few words around the name: a locative before it, a verb or a state noun after it, a possessive, a
threat.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsmon.vocab import MATERIAL_EVENTS, Taxonomy, Term

if TYPE_CHECKING:
    from newsmon.tagging import Mention

_WORD = re.compile(r"[a-z][a-z'-]*")
_JOINER = re.compile(r"(?:\s*(?:,|and|or|&)\s+(?:the\s+)?|\s*,\s*|-)$")
_MODIFIERS = frozenset({"nuclear", "peace", "trade", "ceasefire", "security", "border", "prisoner",
                        "military", "diplomatic", "economic", "direct", "indirect"})  # fmt: skip
_ADVERBS = frozenset({"still", "also", "now", "again", "already", "reportedly", "formally", "jointly",
                      "both", "later", "then", "previously", "repeatedly", "publicly", "quickly"})  # fmt: skip
_COMPOUND = re.compile(r"-[a-z]")  # "U.S.-mediated", "Saudi-led": the country acts
# Nouns before "between" whose countries are where it happens, not only who acts
_THEATRES = frozenset({"war", "wars", "fighting", "fight", "clashes", "clash", "conflict", "border",
                       "borders", "frontier", "battle", "battles", "skirmishes", "hostilities",
                       "front", "standoff", "violence"})
_THEATRE_AFTER = [[w] for w in ("war", "wars", "conflict", "fighting", "clashes", "hostilities",
                                 "skirmishes", "border")]
# what two sides do to each other, each on the other's soil: "exchange fire", "swap prisoners", "clash"
_RECIPROCAL = re.compile(r"\s+(?:(?:exchang|trad|swapp?)(?:e|es|ed|ing|s)?\s+"
                         r"(?:(?:hundreds|dozens|thousands|scores) of |(?:more than |over |nearly |some )?\d+ )?"
                         r"(?:(?:heavy|artillery|cross-border|"
                         r"deadly|more|intense|sporadic|rocket|mortar) )*(?:fire|gunfire|shots|blows|strikes|attacks|prisoners|captives|bodies|"
                         r"pows)\b|clash(?:es|ed|ing)?\b)")
# two peoples' forces doing so: "Thai and Cambodian troops exchange fire"
PAIR_RECIPROCAL = re.compile(r"(?:\s+(?:and|or)\s+[a-z]+)?\s+(?:troops|soldiers|forces|guards|navies|armies)"
                             + _RECIPROCAL.pattern)
_ADDRESSING = frozenset({"THREATEN", "ACCUSE", "REQUEST", "CONSULT", "SANCTION", "REJECT"})
# Words before "to" after which a country receives something rather than being gone to.
_NOT_MOTION = frozenset({
    "respond", "responds", "responded", "response", "reply", "replied", "talk", "talked", "speak",
    "spoke", "said", "say", "says", "appeal", "appealed", "letter", "message", "threat", "threats",
    "envoy", "envoys", "ambassador", "ambassadors", "warning", "ultimatum", "offer", "offered",
    "proposal", "ties", "relations", "sold", "sell", "sells", "give", "gave", "loss", "lost",
    "belongs", "close", "closer", "allegiance", "loyal", "hostile", "opposed", "according", "due",
    "next", "similar", "compared", "belonging", "turn", "turned", "turns", "pledge", "pledged",
})  # fmt: skip
# Words before "from" after which a country gives or says something rather than being where it happens.
_SOURCES = frozenset({
    "pressure", "pressures", "criticism", "support", "backing", "demands", "demand", "calls", "call",
    "warnings", "warning", "threats", "condemnation", "funding", "aid", "help", "assistance",
    "message", "messages", "request", "requests", "approval", "objections", "opposition", "push",
    "signal", "signals", "guarantees", "commitments", "assurances", "response", "reaction",
})  # fmt: skip
_CROSSING = frozenset({"crossed", "crossing", "crosses", "cross", "flew", "flown", "flying", "strayed",
                       "drifted", "came", "coming"})  # "drones that crossed from Belarus"
_FIRED = frozenset({"drones", "drone", "missiles", "missile", "rockets", "strikes", "attacks", "fire",
                    "shelling", "artillery", "bombs", "airstrikes", "raids", "jets", "warplanes"})
_ROUTES = frozenset({"road", "roads", "route", "routes", "highway", "corridor", "railway", "pipeline"})
_FUTURE = frozenset({"to", "will", "would", "set", "plans", "agrees", "offers"})
_LEAVING = ("withdr", "pull", "evacu", "retreat", "expel", "redeploy")  # troops leaving a place
_HOST_VERBS = frozenset({"host", "hosts", "hosted", "hosting", "welcomes", "welcomed"})
_DIRECTED = frozenset({"ASSAULT", "THREATEN", "ACCUSE", "SANCTION", "MOBILIZE", "CONSULT", "AGREE"})


def words_before(low: str, start: int, count: int = 2) -> list[str]:
    """The last ``count`` words before ``start`` (folded)."""
    state = _SEEN
    if state[0] is not low:
        state = _remember(low)
    words = state[1].get(start)
    if words is None:
        words = state[1][start] = _FIND_WORDS(low, start - 40 if start > 40 else 0, start)
    return words[-count:]


def words_after(low: str, end: int, count: int = 2) -> list[str]:
    """The first ``count`` words after ``end`` (folded)."""
    state = _SEEN
    if state[0] is not low:
        state = _remember(low)
    words = state[2].get(end)
    if words is None:
        words = state[2][end] = _FIND_WORDS(low, end, end + 40)
    return words[:count]


_FIND_WORDS = _WORD.findall
# The words within 40 characters before and after each position asked, for the last text: the rules
# ask some 300 times per war article, half of them again for the same name (its role, its force,
# its group). One tuple, replaced whole, so that a thread with another text never reads these.
_SEEN: tuple[str, dict[int, list[str]], dict[int, list[str]]] = ("", {}, {})


def _remember(low: str) -> tuple[str, dict[int, list[str]], dict[int, list[str]]]:
    global _SEEN
    _SEEN = (low, {}, {})
    return _SEEN


def group_roles(low: str, mentions: list[Mention], taxonomy: Taxonomy) -> dict[int, str]:
    """Roles of countries named together ("the US and Iran to meet", "in Syria and Iraq").

    A group after a locative is a place; a group followed by a verb ("hold talks", "reached",
    "attacked") is the subject of the clause: its countries act, nothing is said to happen there.
    """
    roles: dict[int, str] = {}
    i, n = 0, len(mentions)
    while i < n:
        if not _is_country(mentions[i]):
            i += 1
            continue
        j = i
        while (j + 1 < n and mentions[j + 1].start - mentions[j].end < 12
               and _is_country(mentions[j + 1])
               and _JOINER.match(low, mentions[j].end, mentions[j + 1].start)
               and not _speaker(low, mentions[j].end, mentions[j + 1])):  # fmt: skip
            j += 1
        first, last = mentions[i], mentions[j]
        role = ""
        if low.endswith("from ", 0, first.start):
            before = words_before(low, first.start, 5)
            giver = before[-2] if len(before) > 1 else ""  # "negotiators from", "help from"
            if (giver in taxonomy.state_nouns or giver in _SOURCES) and giver not in _FIRED and (
                    not any(w.startswith(_LEAVING) for w in before)):  # not "drones from Yemen": fired there
                role = "actor"  # "negotiators from Ukraine and Russia"; not "withdraw troops from""
        before = [w for w in words_before(low, first.start, 2) if w != "the"][-1:]
        located = not role and bool(before) and before[0] in taxonomy.locatives
        if not role and before == ["by"] and j > i:
            role = "actor"  # "drills planned by Seoul and Washington": the agents
        elif located:
            role = "place" if j > i else ""  # a single place is left to _role
        elif not role and j > i and (words_after(low, last.end, 1)[:1] in _THEATRE_AFTER
                                     or _RECIPROCAL.match(low, last.end)):
            role = "sides"  # "the India-Pakistan war", "Pakistan, Afghanistan trade fire": on both soils
        elif not role and _verb_follows(low, last, mentions, j, taxonomy):
            role = "actor"
        if role:
            for k in range(i, j + 1):
                roles[k] = role
        i = j + 1
    return roles


def _speaker(low: str, gap_start: int, m: Mention) -> bool:
    """True for a country after a bare comma that reports: "clashes in Sudan, Egypt said" lists no places."""
    bare = not low[gap_start : m.start].strip(" ,")
    return bare and words_after(low, m.end, 1)[:1] in _REPORTED


_REPORTED = [["said"], ["says"], ["say"], ["reported"], ["reports"], ["announced"], ["claimed"]]


def _is_country(m: Mention) -> bool:
    """True for a country or a place, the mentions whose role is place or actor."""
    return m.terms[0].kind in {"country", "place"}


def _verb_follows(low: str, m: Mention, mentions: list[Mention], index: int,
                  taxonomy: Taxonomy) -> bool:  # fmt: skip
    if not low.startswith(" ", m.end) and not low.startswith("-", m.end):
        return False  # "Iran's", "in Russia. Is the war...": no verb of this subject
    after = words_after(low, m.end, 1)
    if not after or _hosts(low, m.end) or _struck(low, m.end):
        return False  # the host of talks is where they happen; "Kyiv hit by" is hit there
    if _COMPOUND.match(low, m.end):
        return True
    two = words_after(low, m.end, 2)
    if len(two) == 2 and two[0] in _MODIFIERS and two[1] in taxonomy.subject_words:
        return True  # "US-Iran nuclear talks"
    if after[0] in taxonomy.reporting or after[0] in taxonomy.subject_words:
        return True
    if len(two) == 2 and two[0] in _ADVERBS and (
            two[1] in taxonomy.reporting or two[1] in taxonomy.subject_words):
        return True  # "Moscow and Kyiv still dispute", "Tehran also rejected"
    if index + 1 < len(mentions):
        nxt = mentions[index + 1]
        gap = low[m.end : nxt.start]
        cues = [t for t in nxt.terms if t.kind == "cue"]
        return not gap.strip() and bool(cues) and all(t.verb and t.ident in _DIRECTED for t in cues)
    return False


def _hosts(low: str, end: int) -> bool:
    """True where a verb of hosting follows a name ("Qatar hosts", "Egypt to host", "Oman will host")."""
    after = words_after(low, end, 2)
    return bool(after) and (after[0] in _HOST_VERBS or (after[0] in _FUTURE and after[1:] == ["host"]))


def _struck(low: str, end: int) -> bool:
    """True where a passive verb of being hit follows a name ("Kyiv hit by", "Odesa rocked by")."""
    after = words_after(low, end, 2)
    return len(after) == 2 and after[1] == "by" and after[0] in _STRUCK


_STRUCK = frozenset({"hit", "struck", "rocked", "pounded", "shaken", "targeted", "shelled", "bombed",
                     "battered", "attacked", "raided", "stormed", "overrun", "besieged"})


def military(low: str, m: Mention, taxonomy: Taxonomy) -> bool:
    """True where a country's name stands for its armed force: "Israel's army", "Russia strikes",
    "Russia launches massive attack"."""
    after = words_after(low, m.end, 3)
    if low[m.end : m.end + 2] == "'s":
        after = after[1:]
    if after[:1] and after[0] in _LAUNCH:
        return _launched(words_after(low, m.end, 7)[1:], taxonomy)
    if after[1:2] in (["its"], ["their"]):
        return False  # "Indonesia raids its reserves": a verb on the state's own things
    return bool(after) and names_force(after, 0, taxonomy)


def _launched(words: list[str], taxonomy: Taxonomy) -> bool:
    """True where ``words`` (after a verb of launching) name an armed act: "a massive attack",
    "air strikes on", "a military operation"; at most two other words come before it."""
    if words[:1] == ["out"]:
        words = words[1:]  # "carried out"
    others = 0
    for i, word in enumerate(words):
        if word in _STRIKE:  # "launches strikes on", not "launches strike over pay"
            return words[i + 1 : i + 2] != [] and words[i + 1] in _AIMED
        if word in _ATTACK_NOUNS or (word in taxonomy.military_nouns and word not in _NOT_ALONE):
            return True
        if word not in _LAUNCH_FILLERS:
            others += 1
            if others > 2:
                return False
    return False


# verbs of launching an armed act, and the words that may stand between them and the act
_LAUNCH = frozenset({"launch", "launches", "launched", "launching", "mounts", "mounted", "mounting",
                     "stages", "staged", "staging", "unleashes", "unleashed", "unleashing",
                     "carries", "carried", "carrying", "conducts", "conducted", "conducting",
                     "resumes", "resumed", "resuming", "intensifies", "intensified", "intensifying",
                     "escalates", "escalated", "escalating"})  # fmt: skip
_LAUNCH_FILLERS = frozenset({"a", "an", "the", "its", "their", "new", "fresh", "further", "more",
                             "another", "overnight", "night", "renewed", "wave", "waves", "of"})
_ATTACK_NOUNS = frozenset({"attack", "attacks", "assault", "offensive", "strike", "strikes", "raid",
                           "raids", "bombardment", "airstrikes", "counteroffensive", "invasion",
                           "incursion", "barrage", "shelling", "bombing"})  # fmt: skip
BORDER = frozenset({"border", "borders", "frontier"})  # "near the Senegal border"
_STRIKE = frozenset({"strike", "strikes"})  # "launches strikes on", not "launches strike over pay"
_AIMED = frozenset({"on", "against", "in", "at", "near", "into", "inside", "across", "targeting"})
_NOT_ALONE = frozenset({"special", "unit", "units", "commander", "commanders", "generals", "force",
                        "fire", "naval", "air"})  # "launches special economic zone", "air service"


def names_force(words: list[str], i: int, taxonomy: Taxonomy) -> bool:
    """True where ``words[i]`` names armed force ("forces", "strikes"); "air" only as "air force/strikes"."""
    if words[i] == "air":
        return words[i + 1 : i + 2] != [] and words[i + 1] in _AIR_POWER
    return words[i] in taxonomy.military_nouns


_AIR_POWER = frozenset({"force", "forces", "strike", "strikes", "raid", "raids", "defence", "defense",
                        "defences", "defenses", "base", "bases", "power", "campaign", "attack", "attacks",
                        "assault", "war", "bombardment"})  # fmt: skip


def role(low: str, m: Mention, term: Term, taxonomy: Taxonomy) -> str:
    """"place", "actor", "both", "scene" or "border": a country that only acts is no place, one
    named by a part of it ("western Ukraine") is a place that stays an actor ("scene"), and one
    named for its border ("near the Senegal border") is a place only where nothing else is."""
    before = words_before(low, m.start, 4)
    directed = bool(before) and before[-1] in _DIRECTIONS
    if directed:
        before = before[:-1]  # "in central Sudan", "across southern Lebanon"
    if before[-1:] == ["the"]:
        before = before[:-1]  # "in the Philippines"
    before = before[-2:]
    if before[-1:] == ["to"] and before[0] in _NOT_MOTION:
        return "actor"  # "respond to Pakistan", "envoy to Russia": no one goes there
    if before[-1:] == ["by"] and not directed:
        return "actor"  # "drills planned by Seoul and Washington", "a deal brokered by Qatar": the agent
    after = words_after(low, m.end, 2)
    if low.startswith((", where ", " where "), m.end):
        return "place"  # "aid for Sudan, where three years of fighting...": where it happens
    if _hosts(low, m.end):
        return "scene"  # "Egypt to host Gaza conference": held there, by its government
    if _struck(low, m.end):
        return "scene"  # "Kyiv hit by overnight attack": struck there, the state is the target
    if after[:1] and after[0] in BORDER and not low.startswith("'s", m.end):
        return "border"  # "near the Senegal border": the edge of another country, maybe no place
    if term.kind == "place" and after[:1] and after[0] in _NAMED_ACCORDS:
        return "border"  # "after the Pretoria deal", "the Minsk agreements": a city names an accord
    if before[-1:] == ["from"] and (before[0] in _ROUTES or before[0] in _CROSSING):
        return "border"  # "on the road from Senegal", "drones that crossed from Belarus": where it came from
    if before[-1:] == ["from"] and not _SOURCES.isdisjoint(words_before(low, m.start, 4)[:-1]):
        return "actor"  # "pressure from Washington", "support from Russia": who gives, no place
    if before and before[-1] in taxonomy.locatives:
        return "place"
    if directed and not low.startswith("'s", m.end):
        return "scene"  # "attack on western Ukraine": a part of the country is a place, the state stays
    if before and _threatened(low, m.start, before[-1], taxonomy):
        return "actor"  # "threatens to attack Iran": a target of a threat; nothing happens there
    possessive = low[m.end : m.end + 2] == "'s"
    if possessive and (term.kind == "country" or term.capital) and _INSTALLATIONS.match(low, m.end + 2):
        return "scene"  # "Iran's nuclear programme", "Iran's nuclear sites": in the country, of the state
    if possessive and words_after(low, m.end + 2, 1)[:1] in _RECORD_KEEPERS:
        return "place"  # "Lebanon's health ministry said": it counts the dead there, it does not act
    if possessive and any(w in taxonomy.state_nouns and w not in _COURSES
                          for w in _phrase_after(low, m.end + 2, 3)):
        return "actor"  # "Iran's foreign minister", "Iran's recent missile strike"
    if after[:1] in _THEATRE_AFTER and not possessive and term.kind == "country":
        return "scene"  # "as the Ukraine war enters its fifth year": fought there
    if after and not possessive and after[0] in taxonomy.state_nouns and term.kind == "country":
        return "actor"
    if not possessive and not taxonomy.reporting.isdisjoint(after[:2]):
        return "actor"
    if before[-1:] == ["between"] and before[0] in _THEATRES:
        return "both"  # "fighting between Thailand and Cambodia": it goes on in both
    if before and before[-1] in taxonomy.counterparts:
        return "actor"
    if possessive and term.kind == "place" and not _CITY_PARTS.isdisjoint(words_after(low, m.end + 2, 2)):
        return "place"  # "Beirut's southern suburbs", "Kyiv's outskirts": a part of the city
    if term.kind == "place" and term.capital and (
        possessive or (before and _addressed(before[-1], taxonomy))
    ):
        return "actor"  # "Washington's response", "warned Washington"
    if possessive and term.kind == "country" and _name_follows(low, m.end + 2, taxonomy, _PLACES):
        return "place"  # "Sudan's Kordofan region", "Ukraine's Kharkiv": where it happens
    if possessive and term.kind == "country" and words_after(low, m.end + 2, 1)[:1] in _PARTS:
        return "scene"  # "Ukraine's east", "Syria's northwest": a part of the country
    if possessive and term.kind == "country" and not _name_follows(low, m.end + 2, taxonomy, _ACTOR):
        return "both"  # "Israel's plan", "Ukraine's second city": the state or the place
    if possessive:
        return "place"  # "Kyiv's metro"
    return "place" if term.kind == "place" else "both"


def _phrase_after(low: str, end: int, count: int) -> list[str]:
    """The first ``count`` words after ``end`` up to a punctuation mark ("Ukraine's east, officials
    said": only "east")."""
    return _WORD.findall(_PUNCTUATION.split(low[end : end + 40], 1)[0])[:count]


_PUNCTUATION = re.compile(r"[,.;:!?()\n]")
# offices that report a toll or a disaster rather than act in a conflict (the labellers name none)
_RECORD_KEEPERS = [["health"], ["civil"], ["statistics"], ["meteorological"], ["weather"]]
# a state's course of action: its adjective names the state ("an Israeli decision"), but its
# possessive may name the country too ("Beijing's five-year plan", "Israel's plan"): left to "both"
_COURSES = frozenset({"plan", "plans", "policy", "policies", "decision", "decisions", "move", "moves"})


def _threatened(low: str, start: int, verb: str, taxonomy: Taxonomy) -> bool:
    """True where ``verb`` (right before ``start``) is an attack verb under a threat or a modal."""
    found = taxonomy.automaton.get(verb, None)
    if found is None or not any(t.kind == "cue" and t.ident in MATERIAL_EVENTS for t in found[1]):
        return False
    clause = words_before(low, start, 7)[:-1]
    return not taxonomy.threat_markers.isdisjoint(clause) or not taxonomy.hypothetical.isdisjoint(clause)


def _name_follows(low: str, at: int, taxonomy: Taxonomy, kinds: frozenset[str]) -> bool:
    """True where a name of one of ``kinds`` starts at ``at`` ("Sudan's RSF", "Sudan's Darfur")."""
    words = words_after(low, at, 3)
    for n in range(len(words), 0, -1):
        found = taxonomy.automaton.get(" ".join(words[:n]), None)
        if found is not None and any(t.kind in kinds for t in found[1]):
            return True
    return False


_DIRECTIONS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south",
                         "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "northeastern", "northwestern", "southeastern", "southwestern",
                         "north-east", "north-west", "south-east", "south-west", "north-eastern",
                         "north-western", "south-eastern", "south-western", "far", "occupied",
                         "war-torn", "war-ravaged"})  # fmt: skip
_PARTS = [[w] for w in ("east", "west", "north", "south", "northeast", "northwest", "southeast",
                        "southwest", "north-east", "north-west", "south-east", "south-west",
                        "interior", "border", "borderlands", "frontline", "heartland")]
_ACTOR = frozenset({"actor"})
_INSTALLATIONS = re.compile(r" (?:(?:nuclear|missile|atomic|weapons|enrichment|uranium) )+(?:programs?|programmes?|"
                            r"sites?|facilit(?:y|ies)|plants?|installations|reactors?|stockpiles?)\b")
_NAMED_ACCORDS = frozenset({"deal", "accord", "accords", "agreement", "agreements", "pact", "treaty",
                            "declaration", "protocol", "protocols", "format"})
_CITY_PARTS = frozenset({"suburbs", "suburb", "outskirts", "streets", "district", "districts", "neighbourhood",
                         "neighbourhoods", "neighborhood", "neighborhoods", "centre", "center", "downtown",
                         "airport", "port", "harbour", "harbor", "old", "outskirt"})
_PLACES = frozenset({"place", "subregion"})


def _addressed(word: str, taxonomy: Taxonomy) -> bool:
    """True for a verb whose object is addressed, not hit ("warned Washington", "urged Tehran")."""
    if word in taxonomy.reporting:
        return True
    found = taxonomy.automaton.get(word, None)
    return found is not None and any(t.kind == "cue" and t.ident in _ADDRESSING for t in found[1])


def aside(low: str, start: int) -> bool:
    """True for a name in a clause of condition or of time past ("if the Gaza war restarts", "calm
    since the Gaza ceasefire", "earlier meetings in Abu Dhabi"): what may happen or once happened
    there places the story only where nothing else does."""
    clause = _CLAUSE_END.split(low[max(0, start - 80) : start])[-1]
    if _CONDITION.search(clause) is not None or clause.lstrip().startswith("should "):
        return True
    return clause.rstrip().endswith(("in", "at")) and _EARLIER.search(clause) is not None


_CLAUSE_END = re.compile(r"[,;:.!?\n]")
# each branch opens with a literal character, so a search skips to those (see scope._CLAUSE_BREAK)
_EARLIER = re.compile(r"(?:e(?<!\we)arlier|p(?<!\wp)(?:revious|rior|ast)|l(?<!\wl)ast)\s+(?:\w+\s+)?"
                      r"(?:talks|meetings?|rounds?|sessions?|summits?|negotiations)\s+(?:in|at)\s+$")
_CONDITION = re.compile(r"i(?<!\wi)f\b|u(?<!\wu)nless\b|s(?<!\ws)ince\b")


def located(low: str, at: int, taxonomy: Taxonomy) -> bool:
    """True where a locative stands right before ``at`` ("in Paktika")."""
    before = words_before(low, at, 1)
    return bool(before) and before[0] in taxonomy.locatives
