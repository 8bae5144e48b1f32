"""Events with their evidence, the escalation level, the de-escalation flag and a ranking score.

A cue counts only where its clause reports it as happening (``newsmon.scope``), and a weak cue
("attack", "raid", "warn") only in an item about armed conflict: a term of war, an armed actor, or a
hint of conflict between two organised actors or at a place of war.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsmon.evidence import START, evidence, within
from newsmon.language import english
from newsmon.models import Analysis, Evidence
from newsmon.parties import (
    HARDWARE,
    NAME_KINDS,
    about_sport,
    allied,
    armed_attack,
    attacked_states,
    rivals,
    targeted_state,
)
from newsmon.scope import (
    MARKER_WORD,
    WEATHER,
    disaster_story,
    discusses_talks,
    failed,
    headline_discusses,
    in_a_name,
    natural_disaster,
    no_force_threatened,
    political_move,
    sanctions_in_force,
    sentence_status,
    told_as_background,
    war_goes_on,
)
from newsmon.scope import status as cue_status
from newsmon.sentences import lead_sentences_end, split_sentences
from newsmon.tagging import (
    MAX_ACTORS,
    ActorMention,
    Mention,
    Tags,
    is_title_case,
    scan,
    tag,
    words_before,
)
from newsmon.vocab import MATERIAL_EVENTS, Taxonomy, Term

MAX_EVIDENCE_PER_EVENT = 3
CONTEXT_SENTENCES = 2  # body sentences that must name the conflict where the lead does not ...
CONTEXT_SHARE = 0.1  # ... and this share of the body's sentences
# armed forces named without their state: they make a cue in their sentence an act of an armed actor
_FORCES = re.compile(r"\b(?:troops|soldiers|army|armed forces|military|navy|security forces|"
                     r"gunmen|armed men|militants|militiamen|fighters|warplanes|fighter jets|"
                     r"paramilitar\w*)\b")
# a cue that names its weapon ("fires ballistic missile", "drone incursion") is an armed act itself
_WEAPON = re.compile(r"missile|rocket|drone|artillery|mortar|airstrike|air strike|air raid|"
                     r"warplane|warship|torpedo")
_ECONOMIC = re.compile(r"\b(?:tariffs?|duties|levies|funding|funds|fines?|lawsuits?|legal action|"
                       r"trade|exports?|imports?|visas?|boycotts?|jobs|subsidies|taxes)\b")
_NATURE = re.compile(r"\b(?:volcano|volcanic|eruption|erupts?|lava|wildfires?|bushfires?|floods?|flooding|"
                     r"storms?|hurricanes?|typhoons?|cyclones?|drought|landslides?|heatwave|"
                     r"tornado(?:es)?|blizzard|avalanche|erosion|outbreak|epidemic)\b")
# things that threaten no one: "funding gap threatens", "cholera outbreak threatens"
_NON_AGENTS = [[w] for w in ("gap", "shortfall", "shortage", "shortages", "cuts", "crisis", "deficit", "debt",
                             "inflation", "drought", "famine", "disease", "outbreak", "cholera", "hunger")]


def analyze(title: str, summary: str = "", text: str = "", *, taxonomy: Taxonomy) -> Analysis:
    """Tag ``title``, ``summary`` and ``text`` and score their escalation (pure, deterministic).

    The title, the summary and the first sentences of the text are the lead. An event that only
    the body reports raises the level above the lead's only when two body sentences show it: one
    background sentence deep in an article does not make it an escalation.

    A text in another language keeps the regions and actors its names give, and level 0: the cues
    are English ("war" is German for "was").
    """
    parts = [p.strip() for p in (title, summary, text) if p and p.strip()]
    full = "\n".join(parts)
    low, mentions = scan(full, taxonomy)
    title_end = len(title.strip())
    tags = tag(full, low, mentions, taxonomy, title_end=title_end)
    if not english(full):
        return Analysis(level=0, deescalation=False, score=0.0, regions=tags.regions, actors=tags.actors,
                        events=())
    sentences = split_sentences(full)
    starts = [s for s, _ in sentences]
    lead_end = lead_sentences_end(full, summary, text, sentences, starts)
    caps_end = title_end if is_title_case(full[:title_end]) else 0  # Title Case capitals name nothing
    memo: list[bool] = []

    def allies() -> bool:  # searched only where it decides (a regular expression over the text)
        if not memo:
            memo.append(allied(low) and not rivals(low, tags, taxonomy))
        return memo[0]

    sport = about_sport(low, lead_end)
    markets = _MARKETS.search(low, 0, title_end) is not None  # "Gold price jumps ... amid US-Iran tensions"
    disaster = disaster_story(low, lead_end)  # "quake hits Afghanistan, tremors felt in Islamabad"
    broken = _broken_truce(low, mentions, sentences, starts)
    outright, weakly, aftermath, forces_only = _conflict_terms(mentions, tags, lead_end, starts, low,
                                                               allies, sport, title_end, markets,
                                                               disaster)
    war_place = not taxonomy.conflict_places.isdisjoint(tags.regions)
    at_war = war_place or any(taxonomy.alpha2.get(a) in taxonomy.conflict_places
                              for a in tags.actors) or any(  # "Ukrainian refugees", "Sudanese returnees"
        t.kind == "demonym" and t.region in taxonomy.conflict_places for m in mentions for t in m.terms)
    # LABELING.md's level 1: a hint of conflict counts between two organised actors, or at a place
    # or beside a state at war
    context = outright or (weakly and (at_war or (len(tags.actors) >= 2 and not allies()))) or (
        aftermath and at_war)  # relief, the missing, mines: of a war only where there is one
    # a state's own forces alone let its acts count ("troops opened fire"), but make no conflict of a
    # parade, a flood relief or an army chief's appointment: for the level they are a hint
    relevant = context if not forces_only else at_war or (len(tags.actors) >= 2 and not allies())
    war_sure = outright or war_place
    opinion = headline_discusses(title)
    found: list[_Found] = []
    deescalation = False
    per_event: dict[str, int] = {}
    seen: set[tuple[str, int | str]] = set()  # (event, sentence index or text)
    body_sentences: dict[int, set[int]] = {}  # level -> body sentences that show it
    lead_level = confirmed = 0  # the lead's level; the highest level two body sentences show
    about_conflict = False
    vocabulary: dict[int, frozenset[str]] = {}  # sentence -> its words
    for m in mentions:
        term = _best_cue(m.terms)
        if term is not None and term.verb and _after_determiner(low, m.start):
            term = _best_cue(tuple(t for t in m.terms if not t.verb))  # "a bomb", "the shot"
        if term is not None and low.endswith("ed", m.start, m.end) and (
                _after_determiner(low, m.start) or low.endswith("'s ", 0, m.start)):
            continue  # "a bombed centre", "Iran's bombed sites": a participle describes a thing
        if term is None:
            continue
        if term.weak and not context and not armed_attack(low, m, term, starts, sentences) and not (
                term.ident == "ACCUSE" and _states_accuse(mentions, m, tags, starts, sentences)):
            about_conflict = about_conflict or war_goes_on(low, m)
            continue
        in_lead = m.start < lead_end
        index = bisect.bisect_right(starts, m.start) - 1
        done = per_event.get(term.ident, 0) >= MAX_EVIDENCE_PER_EVENT
        if done and not (term.deesc and not deescalation) and (
            in_lead or term.level <= max(lead_level, confirmed)
        ):
            continue
        s_start, s_end = sentences[index]
        if term.verb and m.start >= caps_end and in_a_name(full, s_start, m):
            continue  # "the Karachi Press Club", "the Met Office said": part of a name, no verb
        words = vocabulary.get(index)
        if words is None:
            words = vocabulary[index] = frozenset(MARKER_WORD.findall(low, s_start, s_end))
        remembered = not words.isdisjoint(taxonomy.background_sentence)
        status = sentence_status(low, m, term, words, s_start, s_end, taxonomy, mentions) or cue_status(
            low, m, term, s_start, s_end, taxonomy, remembered)
        if status == "real" and told_as_background(low, m, term, words, s_start, s_end, title_end):
            status = "background"  # "fighting continues", "reached a record level", "bombed last June"
        if broken and term.ident == "AGREE" and term.deesc:
            status = "broken"  # "strikes despite the ceasefire ... the fragile truce": no step down
        if (term.deesc and status in {"real", "hypothetical"} and not failed(low, m, s_end)
                and (context or not term.verb or _has_actor(tags.actor_mentions, s_start, s_end))
                and (not term.weak
                     or (war_sure and _parties(tags.actor_mentions, s_start, s_end) >= 2))
                and not (term.ident == "CONSULT"
                         and (opinion or discusses_talks(full, words, s_end, taxonomy)))):
            deescalation = True  # fmt: skip
        if (status == "real" and term.ident == "ASSAULT" and low.startswith(_LAUNCHES, m.start)
                and _INTO_THE_SEA.search(low, m.end, min(s_end, m.end + 80))):  # fmt: skip
            term = _WEAPONS_TEST  # "fires ballistic missiles into the sea": a test, no attack
        if status == "hypothetical" and term.ident == "SANCTION" and not term.weak:
            status = "threat"  # "EU readies new sanctions": a sanction prepared is coercion threatened
        if status == "threat":
            term, status = _THREAT, "real"  # "bases would be hit if...": a threat, no attack
        elif status == "alleged":
            term, status = _ACCUSE, "real"  # "accused Russia of shelling": an accusation of attack
        if status != "real":
            if (not term.weak and term.level >= 2 and status != "benign"
                    and _named_in(mentions, s_start, s_end)):  # not troops sent to a quake zone
                about_conflict = True  # a denied or remembered attack still makes it about war
            continue
        if no_force_threatened(low, m, term, s_end):
            continue  # "warning of famine", "threatens the prospect of", "ultimatum over electricity tariff"
        if term.weak and term.ident == "THREATEN" and not _party_before(tags, m, s_start, taxonomy):
            continue  # "aid agencies warned": a warning, no threat by a party to the conflict
        if term.ident == "THREATEN" and not context and _NATURE.search(low, s_start, s_end):
            continue  # "volcano erupts again, threatening fishing town": no one threatens
        if (term.ident == "THREATEN" and not context
                and (_ECONOMIC.search(low, m.end, min(s_end, m.end + 60))
                     or (m.start < title_end and _ECONOMIC.search(low, title_end, lead_end)))):
            continue  # "threatens tariffs on Canada", "Trump threatens Canada" over tariffs: trade
        if (term.ident == "ASSAULT" and not words.isdisjoint(WEATHER)
                and not _FORCES.search(low, s_start, s_end) and not _WEAPON.search(low, s_start, s_end)
                and not _has_actor(tags.actor_mentions, s_start, s_end)):  # fmt: skip
            continue  # "strong winds and heavy rain hit the province, destroying homes": weather, no attacker
        if term.ident == "THREATEN" and words_before(low, m.start, 1)[:1] in _NON_AGENTS:
            continue  # "funding gap threatens mission": a thing threatens, no party
        if term.ident == "THREATEN" and political_move(low, m.end):
            continue  # "parties threaten to withhold their votes", "threatens to quit the coalition"
        if term.ident == "ACCUSE" and term.level >= 2 and not _violent(mentions, m, s_end):
            term = _ACCUSE_1  # an accusation of an attack is an escalation; of silence it is not
        if term.ident == "SANCTION" and sanctions_in_force(low, m, mentions):
            term = _SANCTION_1  # "Western sanctions", "enforcing UN sanctions": in force, none imposed
        if (not term.weak and not context and not _has_actor(tags.actor_mentions, s_start, s_end)
                and not _FORCES.search(low, s_start, s_end)
                and not _WEAPON.search(low, m.start, m.end)):  # fmt: skip
            continue
        if in_lead:
            lead_level = max(lead_level, term.level)
        else:
            body_sentences.setdefault(term.level, set()).add(index)
            if len(body_sentences[term.level]) >= 2:
                confirmed = max(confirmed, term.level)
        if per_event.get(term.ident, 0) >= MAX_EVIDENCE_PER_EVENT or (term.ident, index) in seen:
            continue
        seen.add((term.ident, index))
        sentence = " ".join(full[s_start:s_end].split())
        if (term.ident, sentence) in seen:
            continue  # the title repeated as the first line of the text
        seen.add((term.ident, sentence))
        per_event[term.ident] = per_event.get(term.ident, 0) + 1
        ev = evidence(sentence, low, m, term, (s_start, s_end), mentions, tags, taxonomy)
        found.append(_Found(m.start, ev, term.level, in_lead))
    level = _level(lead_level, body_sentences)
    about_conflict = about_conflict or deescalation or (
        not markets and not disaster and rivals(low, tags, taxonomy))
    level = max(level, 1 if relevant or about_conflict else 0)
    kept = [f for f in found if f.level <= level]
    kept.sort(key=lambda f: (-f.level, not f.in_lead, f.start))
    events = tuple(f.evidence for f in kept)
    actors = tags.actors
    attacks = [f.start for f in kept if f.level == 3]
    target = targeted_state(low, attacks, sentences, starts, mentions, tags, taxonomy)
    if target and target not in actors and len(actors) < MAX_ACTORS:
        actors = (*actors, target)
    for state in attacked_states(low, attacks, sentences, starts, mentions):
        if state not in actors and len(actors) < MAX_ACTORS:
            actors = (*actors, state)
    return Analysis(
        level=level,
        deescalation=deescalation,
        score=_score(level, events, title_end=title_end, found=kept),
        regions=tags.regions,
        actors=actors,
        events=events,
    )


@dataclass(frozen=True, slots=True)
class _Found:
    """An event found at ``start``, at ``level``, in the lead or in the body."""

    start: int
    evidence: Evidence
    level: int
    in_lead: bool


_THREAT = Term("cue", "THREATEN", level=2)
_WEAPONS_TEST = Term("cue", "MOBILIZE", level=2)
_LAUNCHES = ("fire", "fired", "firing", "launch", "test-fire")
# a launch that lands in the sea, with no target: LABELING.md's weapons test
_INTO_THE_SEA = re.compile(r"\binto (?:the )?(?:sea|waters|ocean|east sea|yellow sea|sea of japan|"
                           r"japan sea|pacific|pacific ocean)\b|\boff (?:its|the) (?:east|west) coast\b")
_HINT = Term("context", "weak")
# a headline about markets or the economy: war named below it is what moves prices, a hint only
_MARKETS = re.compile(r"\b(?:shares|stocks|markets|prices?|inflation|interest rates?|rate cut|currency|bonds|"
                      r"economy|startups?|fundraising|earnings|profits?|airlines?)\b")
_SINCE = frozenset({"since", "after", "following"})
_ACCUSE = Term("cue", "ACCUSE", level=2, weak=True)
_ACCUSE_1 = Term("cue", "ACCUSE", level=1, weak=True)
_SANCTION_1 = Term("cue", "SANCTION", level=1, weak=True)
_PLACES = NAME_KINDS


def _conflict_terms(mentions: list[Mention], tags: Tags, lead_end: int, starts: list[int],
                    low: str, allies: Callable[[], bool], sport: bool,
                    title_end: int, markets: bool = False,
                    disaster: bool = False) -> tuple[bool, bool, bool, bool]:  # fmt: skip
    """Whether a text says outright that it is about armed conflict, whether it hints so, and whether
    it names a war's aftermath (relief, mines, the missing), which counts only at a place of war, and
    whether all it says outright is a state's forces in the lead.

    An armed actor or a term of war ("ceasefire", "airstrike") says so outright; a weaker term
    ("refugees", "sanctions", "troops", "terrorism") hints so, and counts between two organised
    actors or at a place of armed conflict: an army's budget or a lone attacker is no conflict.
    The lead says it, or the body does densely: in at least two of its sentences and a tenth of
    them, one naming war, an armed actor or an unambiguous attack ("shelled"). A "war" or two in a long film review, or "US forces" once
    in a report on air pollution, do not make the article about conflict. Below a headline about
    markets (``markets``) a war in the teaser is only a hint: what moves prices. In a story of a
    natural disaster that names no war (``disaster``), relief, the displaced and the forces of
    whoever governs are the disaster's.
    """
    weakly = aftermath = False
    aftermath_at: set[int] = set()  # body sentences naming a war's aftermath ("deminers")
    strong: set[int] = set()  # body sentences naming war or an armed actor
    hinted: set[int] = set()  # body sentences naming a weaker term of conflict
    for m in mentions:
        for t in m.terms:
            if t.kind == "context" and t.ident != "context" and (
                    disaster or natural_disaster(low, starts, m.start)):
                continue  # "displaced by floods", "rebuilding after the cyclone": a disaster's toll
            if t.kind == "context" and t.ident == "aftermath":
                if m.start < lead_end:
                    aftermath = True
                else:
                    aftermath_at.add(bisect.bisect_right(starts, m.start))
            elif t.kind == "context":
                if t.ident == "context" and low[m.start : m.end] in HARDWARE and allies():
                    t = _HINT  # "the US-Russia dogfight to sell India fighter jets"
                if m.start < lead_end:
                    if t.ident == "context" and not (
                        m.start > title_end
                        and (markets or _SINCE.intersection(words_before(low, m.start, 4)))):
                        return True, True, True, False
                    weakly = True  # a hint, or a war the teaser dates by ("spiked after the invasion")
                else:
                    (strong if t.ident == "context" else hinted).add(bisect.bisect_right(starts, m.start))
            elif t.kind == "cue" and not t.weak and t.level == 3 and m.start >= lead_end:
                strong.add(bisect.bisect_right(starts, m.start))  # "shelled", "drones struck"
    states_at = {a.start for a in tags.actor_mentions if a.actor.isupper()}
    forces_only = False
    for at in tags.armed_at:
        if disaster:
            continue  # "quake hits Afghanistan ... Taliban officials said homes collapsed": who governs
        if at in states_at and (sport or allies() or natural_disaster(low, starts, at)):
            continue  # "US Army soldiers train Ghanaian soldiers", "France's attack" in rugby, troops to a quake
        if at < lead_end:
            if at in states_at:
                forces_only = True  # an armed group or a term of war may still say more
                continue
            return True, True, True, False
        strong.add(bisect.bisect_right(starts, at))
    first_body = bisect.bisect_right(starts, lead_end)
    needed = max(CONTEXT_SENTENCES, math.ceil(CONTEXT_SHARE * (len(starts) - first_body)))
    outright = bool(strong) and len(strong | hinted) >= needed
    if forces_only:
        return True, True, aftermath or len(aftermath_at) >= needed, True
    # in a sports lead weak hints say nothing: a team "rebuilding" is no war's
    hints = outright or (not sport and (weakly or len(hinted) >= needed))
    return outright, hints, aftermath or len(aftermath_at) >= needed, False


def _broken_truce(low: str, mentions: list[Mention], sentences: list[tuple[int, int]],
                  starts: list[int]) -> bool:  # fmt: skip
    """True where the text says a ceasefire or deal is broken ("strikes kill 11 despite ceasefire",
    "violations of the truce"): then no mention of it in the text reports a step down."""
    for m in mentions:
        for t in m.terms:  # a plain loop: a generator per mention cost 5% of a war article's analysis
            if t.deesc and t.ident == "AGREE" and t.kind == "cue":
                s_end = sentences[bisect.bisect_right(starts, m.start) - 1][1]
                if failed(low, m, s_end):
                    return True
                break
    return False


def _named_in(mentions: list[Mention], start: int, end: int) -> bool:
    """True where a place or an actor is named between ``start`` and ``end``."""
    lo = bisect.bisect_left(mentions, start, key=START)
    return any(t.kind in _PLACES for x in mentions[lo:] if x.start < end for t in x.terms)


def _party_before(tags: Tags, m: Mention, s_start: int, tx: Taxonomy) -> bool:
    """True where a state or an armed group stands before the cue in its sentence."""
    return any(a.actor.isupper() or a.actor in tx.armed_actors
               for a in within(tags.actor_mentions, s_start, m.start))  # fmt: skip


def _states_accuse(mentions: list[Mention], m: Mention, tags: Tags, starts: list[int],
                   sentences: list[tuple[int, int]]) -> bool:  # fmt: skip
    """True where two states in the accusation's sentence and an attack after it make it one state's
    charge of an attack by another ("Finland accuses Russia of hybrid attack"): a confrontation."""
    s_start, s_end = sentences[bisect.bisect_right(starts, m.start) - 1]
    states = {a.actor for a in within(tags.actor_mentions, s_start, s_end) if a.actor.isupper()}
    return len(states) >= 2 and _violent(mentions, m, s_end)


def _violent(mentions: list[Mention], m: Mention, end: int) -> bool:
    """True where an accusation is of an attack, a killing or a show of force: one named after it
    in its sentence ("accused Russia of shelling", "claim China conducted a nuclear test"), not
    before it ("after months of fighting, rejecting claims")."""
    lo = bisect.bisect_left(mentions, m.end, key=START)
    return any(t.kind == "cue" and (t.level >= 3 and t.ident in MATERIAL_EVENTS
                                    or t.level >= 2 and t.ident == "MOBILIZE" and not t.weak)
               for x in mentions[lo:] if x.start < end for t in x.terms)  # fmt: skip


def _level(lead_level: int, body_sentences: dict[int, set[int]]) -> int:
    """The lead's level, raised by the body only where two of its sentences show the higher level."""
    level = lead_level
    for candidate in (3, 2, 1):
        if candidate <= level:
            break
        shown = set().union(*(v for k, v in body_sentences.items() if k >= candidate))
        if len(shown) >= 2 or (candidate == 1 and shown):
            return candidate
    return level


def _after_determiner(low: str, start: int) -> bool:
    """True where an article or a possessive stands right before ``start``: a noun, not a verb."""
    before = words_before(low, start, 1)
    return bool(before) and before[0] in _DETERMINERS


_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this", "that",
                          "these", "those", "every", "each", "another", "of"})  # "crew of seized ship"


def _best_cue(terms: tuple[Term, ...]) -> Term | None:
    if not terms:
        return None
    if len(terms) == 1:  # most names and cues have one meaning
        return terms[0] if terms[0].kind == "cue" else None
    cues = [t for t in terms if t.kind == "cue"]
    if not cues:
        return None
    return min(cues, key=lambda t: (t.weak, -t.level))


def _parties(placed: tuple[ActorMention, ...], start: int, end: int) -> int:
    return len({a.actor for a in within(placed, start, end)})


def _has_actor(placed: tuple[ActorMention, ...], start: int, end: int) -> bool:
    return bool(within(placed, start, end))


def _score(level: int, events: tuple[Evidence, ...], *, title_end: int,
           found: list[_Found]) -> float:  # fmt: skip
    """``level`` plus a fraction in [0, 1) that grows with the weight of the evidence."""
    at_level = [f.evidence for f in found if f.level == level]
    kinds = {e.event for e in at_level}
    killed = max((e.killed or 0 for e in events), default=0)
    wounded = max((e.wounded or 0 for e in events), default=0)
    in_title = any(f.start < title_end and f.level == level for f in found)
    weight = (0.3 * len(kinds) + 0.1 * len(at_level) + 0.4 * math.log1p(killed)
              + 0.2 * math.log1p(wounded) + (0.3 if in_title else 0.0))  # fmt: skip
    return round(level + 1 - math.exp(-weight), 4)
