"""Who is a party to a conflict: rivals, allies, and the state whose forces an attack hits.

Two states named together may be at odds (a rivalry of places.yaml), or allies that train, equip
and trade weapons with each other; an attack on "soldiers" or "a military base" with no state named
hits the forces of the country where it happens; an attack by or on "militants" is one by an
organised armed actor, wherever it is.
"""

from __future__ import annotations

import bisect
import operator
import re

from newsmon.tagging import Mention, Tags, words_after, words_before
from newsmon.vocab import Taxonomy, Term

# kinds of term that name a place or a party
NAME_KINDS = frozenset({"country", "place", "subregion", "actor", "leader", "body", "demonym"})
# weapons named as such: in an item about allies' trade they are merchandise, a hint at most
HARDWARE = frozenset({"fighter jets", "warplanes", "warship", "warships", "aircraft carrier",
                      "aircraft carriers", "missile", "missiles", "ballistic missile",
                      "ballistic missiles", "cruise missiles", "hypersonic", "iron dome"})  # fmt: skip

_START = operator.attrgetter("start")
# Two states that train, equip, supply or buy from each other are allies or trading partners, not
# parties to a conflict; weapons they trade are no sign of war.
_COOPERATION = re.compile(
    r"\b(?:train(?:s|ed|ing)?|trainers|equipment|assistance|"
    r"(?:military|security|defen[cs]e) (?:aid|cooperation|ties|partnership)|"
    r"defen[cs]e (?:plan|plans|spending|budget|industry|industrial|contractors?|firms?|companies|"
    r"startups?|tech|procurement)|military (?:spending|budget|procurement|suppliers?|contracts?)|"
    r"arms (?:deal|deals|sale|sales|purchase|makers|manufacturers|industry|exports?)|"
    r"(?:sell|sells|selling|sale of|buy|buys|buying|purchase|purchases|procure|orders?)\b[^.]{0,40}?"
    r"\b(?:jets|fighters|warships|frigates|submarines|missiles|tanks|weapons|arms)|"
    r"rafale|f-35s?|eurofighters?|gripens?|"
    r"joint (?:exercises?|drills|war games?|patrols?))\b")
_SPORT = re.compile(r"\b(?:cricket|football|soccer|olympics?|world cup|tournament|championships?|"
                    r"medals?|tennis|rugby|hockey|basketball|baseball|athletes?|skaters?|racers?|"
                    r"qualifiers?|six nations|grand slam|(?:premier|champions|europa|super) league|"
                    r"la liga|serie a|bundesliga|nba|nfl|fifa|uefa|grand prix|formula one|golf|"
                    r"winter games|super bowl|midfielders?|goalkeepers?|"
                    r"(?:semi|quarter)-?finals?|innings|wickets?|touchdowns?)\b")  # in the folded text
_STATE_FORCES = re.compile(r"\b(?:soldiers|troops|army|military|security forces|armed forces|"
                           r"government forces|police|policemen|border guards|rangers?|levies|"
                           r"paramilitary (?:rangers?|police|troopers?|personnel)|checkposts?|"
                           r"government employees|government officials)\b")
_OWNERS = frozenset({"its", "their", "his", "her", "our", "own", "rebel", "militia"})
_STATELESS = frozenset({"PS", "EH"})
_SPEAKING = [[w] for w in ("said", "says", "say", "reported", "reports", "announced", "claimed", "added",
                           "stated", "confirmed")]


def allied(low: str) -> bool:
    """True where the folded text speaks of training, equipping, arming or drilling together."""
    return _COOPERATION.search(low) is not None


def about_sport(low: str, end: int) -> bool:
    """True where the folded text before ``end`` (the lead) is about sport: its "attack" is no army's."""
    return _SPORT.search(low, 0, end) is not None


def rivals(low: str, tags: Tags, tx: Taxonomy) -> bool:
    """True where both sides of a known armed conflict or rivalry are named, outside sport."""
    if not tx.rivalries or len(tags.actors) + len(tags.regions) < 2:
        return False
    named = set(tags.actors) | {tx.alpha3.get(r, r) for r in tags.regions}
    return any(pair <= named for pair in tx.rivalries) and not _SPORT.search(low)


def targeted_state(low: str, attacks: list[int], sentences: list[tuple[int, int]],
                   starts: list[int], mentions: list[Mention], tags: Tags,
                   tx: Taxonomy) -> str | None:  # fmt: skip
    """The state whose forces an attack hits without naming their state: "militants attacked a
    military base in Borno" targets Nigeria's army (LABELING.md: a state acts or is targeted).

    ``attacks`` are where the reported attacks stand; the state is that of the item's first
    country, where a sentence of an attack names state forces with no state, owner or demonym
    before them.
    """
    place = next((r for r in tags.regions if r in tx.alpha3 and r not in _STATELESS), None)
    if place is None:
        return None
    for at in attacks:
        s_start, s_end = sentences[bisect.bisect_right(starts, at) - 1]
        for force in _STATE_FORCES.finditer(low, s_start, s_end):
            before = words_before(low, force.start(), 2)
            lo = bisect.bisect_left(mentions, force.start() - 30, key=_START)
            named = any(x.end >= force.start() - 25 and x.terms[0].kind in NAME_KINDS
                        for x in mentions[lo:] if x.start < force.end())  # fmt: skip
            if not named and not _OWNERS.intersection(before) and (
                    words_after(low, force.end(), 1) not in _SPEAKING):  # "the military said": who reports
                return tx.alpha3[place]
    return None


def attacked_states(low: str, attacks: list[int], sentences: list[tuple[int, int]],
                    starts: list[int], mentions: list[Mention]) -> list[str]:  # fmt: skip
    """The states an attack is aimed at: "fires 180 ballistic missiles at Israel", "strikes on
    Iran" (LABELING.md: a state acts or is acted upon). ``attacks`` are where the reported attacks
    stand; a country right after "at", "on" or "against" later in the same sentence is the target."""
    out: list[str] = []
    for at in attacks:
        s_end = sentences[bisect.bisect_right(starts, at) - 1][1]
        for x in mentions[bisect.bisect_left(mentions, at, key=_START):]:
            if x.start >= s_end:
                break
            term = x.terms[0]
            if (term.kind == "country" and term.ident not in out
                    and words_before(low, x.start, 1)[:1] in _AIMED):  # fmt: skip
                out.append(term.ident)
    return out


_AIMED = [["at"], ["on"], ["against"]]


def armed_attack(low: str, m: Mention, term: Term, starts: list[int],
                 sentences: list[tuple[int, int]]) -> bool:  # fmt: skip
    """True for an attack by or on an armed group its sentence names generically ("militants
    attack checkpoint", "insurgents killed"): an organised armed actor, wherever it is."""
    if term.ident != "ASSAULT" or term.level < 3:
        return False
    s_start, s_end = sentences[bisect.bisect_right(starts, m.start) - 1]
    return _ARMED_GROUPS.search(low, s_start, s_end) is not None


_ARMED_GROUPS = re.compile(r"\b(?:militants|insurgents|jihadists|separatists|bandits|guerrillas|"
                           r"islamists|militiamen|armed herders|herdsmen|armed gangs|gunmen|armed men|"
                           r"border guards)\b")
