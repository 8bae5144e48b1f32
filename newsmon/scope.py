"""Whether a cue is reported as happening: negation, hypotheticals, threats, cessation, background.

A cue counts only where its clause reports it as happening: a negation ("denied any role"), a
hypothetical ("could strike", "threatens to attack"), a cessation ("a pause in the fighting") or a
background marker ("since 2023", "the anniversary of the invasion", "killed during the war") in
the few words around it drops it. The scope is the cue's clause, cut at ";", ":", "but", "while"
or a dash. Some tests read a whole sentence: whether it is about a natural disaster (relief there is
no hint of war), whether fighting in it is said to go on (a war under way, no new act), and whether
it judges the act in court, describes a state ("in besieged Kadugli") or reports policing. And a
few tests of a cue's own words: a threat of a political move ("threatens to withhold votes"),
sanctions named as in force ("Western sanctions weigh on"), a verb capitalised in a name ("Press Club").
"""

from __future__ import annotations

import bisect
import operator
import re

from newsmon.tagging import Mention, words_after, words_before
from newsmon.vocab import MATERIAL_EVENTS, Taxonomy, Term

MARKER_WORD = re.compile(r"[a-z]+(?:n't)?|n't")
WINDOW_WORDS = 5
HYPOTHETICAL_WORDS = 12  # a modal or "if" reaches over its whole clause
# ; : but while whereas - " ( ): each branch opens with a literal character, so a search skips to
# those characters (a branch opening with \b would try every branch at every position)
_CLAUSE_BREAK = re.compile(r"[;:\"()]| - |b(?<!\wb)ut\b|w(?<!\ww)h(?:ile|ereas)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b|\bago\b|\blast (?:year|decade|month|summer|winter|spring|autumn)\b|\bin the past\b")
_WHOLE_WAR = re.compile(r"^\W*(?:\w+\s+){0,4}?(?:during|throughout|over the course of)\s+"
                        r"(?:the\s+|[a-z]+'s\s+)?(?:[a-z-]+\s+)?(?:war|wars|conflict|invasion|occupation)\b")

# a year after a record or a comparison dates the yardstick, not the cue: "the worst since 2019",
# "a ground assault reminiscent of 2008"
_RECORD = re.compile(r"(?:\b(?:worst|deadliest|biggest|largest|heaviest|bloodiest|first|highest|"
                     r"most)\s+(?:[a-z]+\s+)?since|\breminiscent of|\bsimilar to|\blike that of|"
                     r"\brecalling|\bechoing)\s+(?:the\s+)?$")
_FAILED = re.compile(r"despite|collaps|called off|broke down|break down|stalled|suspend|cancel|"
                     r"abandon|violat|fail|scrap|end(?:s|ed)? without|no deal")  # fmt: skip
_PAST = re.compile(_YEAR.pattern + r"|\b(?:weeks|months|years|decades) of\b"  # "months of war"
                   r"|\b(?:days?|weeks?|months?|years?|decades?) (?:after|since)\b")  # "weeks after X"
_FUTURE_BE = (["will", "be"], ["would", "be"])
_NEW_CLAUSE_WORDS = frozenset({"after", "as", "when", "while", "following", "because", "since",
                               "but"})
_NEW_CLAUSE = re.compile(r";|a(?<!\wa)(?:fter|s)\b|w(?<!\ww)h(?:en|ile)\b|f(?<!\wf)ollowing\b|"
                         r"b(?<!\wb)(?:ecause|ut)\b|s(?<!\ws)ince\b")  # as _CLAUSE_BREAK
_MODAL_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:might|could|would|may)\b")
_ALLEGING = frozenset({"accuse", "accuses", "accused", "accusing", "accusation", "accusations",
                       "allege", "alleges", "alleged", "allegedly", "allegation", "allegations"})
_START = operator.attrgetter("start")
_THREAT_VERB = re.compile(r"\b(?:warn|threat|vow|pledg|promis)")


def _last_clause(text: str) -> str:
    """``text`` after its last conjunction: "marks four years of war as Kyiv [is hit]" -> " Kyiv"."""
    return text[_last_end(_AS_CLAUSE, text) :]


_STANDING = frozenset({"under", "after", "amid", "despite", "while"})
_AS_CLAUSE = re.compile(r";|a(?<!\wa)s\b|w(?<!\ww)h(?:en|ile)\b|b(?<!\wb)(?:ecause|ut)\b")  # as _CLAUSE_BREAK


def _last_end(pattern: re.Pattern[str], text: str) -> int:
    """Where the last match of ``pattern`` in ``text`` ends, or 0."""
    end = 0
    for match in pattern.finditer(text):
        end = match.end()
    return end


def status(low: str, m: Mention, term: Term, s_start: int, s_end: int, tx: Taxonomy,
           remembered: bool = False) -> str:  # fmt: skip
    """"real", "negated", "hypothetical", "threat", "alleged", "stopped" or "background": the cue at ``m``."""
    window = low[max(s_start, m.start - 100) : m.start]
    clause = window[_last_end(_CLAUSE_BREAK, window) :]
    all_words = MARKER_WORD.findall(clause)
    words = all_words[-WINDOW_WORDS:]
    if term.ident in MATERIAL_EVENTS and words[-1:] == ["suspected"]:
        return "alleged"  # "suspected sabotage of undersea cables": a claim, not a report
    if not tx.negation.isdisjoint(words) or "'" in "".join(words):  # only "n't" has an apostrophe
        return "negated"
    if not tx.cessation.isdisjoint(words[-4:]):
        return "stopped"  # "a pause in the fighting", "lifted its economic embargo"
    standing = term.ident == "SANCTION" or low.startswith("martial law", m.start)
    if standing and _STANDING.intersection(words[-3:]):
        return "background"  # "the economy buckles under sanctions", "under martial law": in force, none new
    if remembered or not tx.background.isdisjoint(words) or _PAST.search(_last_clause(clause)):
        return "background"  # "since 2023", "after months of fighting", "survivors remember"
    after = low[m.end : min(s_end, m.end + 80)]
    cut = _CLAUSE_BREAK.search(after)
    clause_after = after[: cut.start()] if cut else after
    dated = _YEAR.search(clause_after)
    if dated and not _RECORD.search(after, 0, dated.start()):
        return "background"  # "killed in 2019"; not "the worst since 2019"
    if term.ident in MATERIAL_EVENTS and _MODAL_AFTER.match(clause_after):
        return "hypothetical"  # "what a US attack might look like", "a strike could come"
    if _WHOLE_WAR.search(clause_after):
        return "background"  # "athletes killed during Russia's war": the war's toll, no new act
    reach = all_words[-HYPOTHETICAL_WORDS:]  # the words back to the last new clause, if any
    if not _NEW_CLAUSE_WORDS.isdisjoint(reach):
        last = max(i for i, w in enumerate(reach) if w in _NEW_CLAUSE_WORDS)
        reach = reach[last + 1 :]  # "...warned after Israel struck": the strike is reported
    if not tx.background_clause.isdisjoint(reach):
        return "background"  # "charged with war crimes", "the anniversary of the bombing"
    if term.ident == "THREATEN" and not term.weak:
        return "real"  # a threat is about the future by nature
    if term.ident in MATERIAL_EVENTS and not _ALLEGING.isdisjoint(reach):
        return "alleged"  # "accused Russia of shelling", "the alleged attack": a claim, level 2
    if term.ident in MATERIAL_EVENTS and ("will" in words[-2:] or words[-2:] in _FUTURE_BE):
        return "threat"  # "Israel will strike", "will bring slaughter", "bases would be hit"
    if term.ident in MATERIAL_EVENTS and (
        not tx.threat_markers.isdisjoint(reach) or _after_threat(low, s_start, m)
    ):
        return "threat"
    if not tx.hypothetical.isdisjoint(reach):
        return "hypothetical"
    if term.base_verb and words and words[-1] in {"to", "will", "would", "could", "can", "not"}:
        return "hypothetical"
    return "real"


_OPINION = re.compile(r"(?:explainer|opinion)\b|.*\?$", re.IGNORECASE | re.DOTALL)


def headline_discusses(title: str) -> bool:
    """True for a headline that asks or explains ("What next for the talks?"): nothing is held."""
    return _OPINION.match(title.strip()) is not None


def discusses_talks(full: str, words: frozenset[str], s_end: int, tx: Taxonomy) -> bool:
    """True for a sentence that discusses talks rather than reports them ("what is at stake?")."""
    return full[:s_end].rstrip().endswith("?") or not words.isdisjoint(tx.analysis)


def _after_threat(low: str, s_start: int, m: Mention) -> bool:
    """True where a warning or threat earlier in the sentence governs the cue ("warned that...")."""
    threat = None
    # the last threat verb before the cue
    for threat in _THREAT_VERB.finditer(low, s_start, m.start):
        continue
    return threat is not None and not _NEW_CLAUSE.search(low, threat.end(), m.start)


def failed(low: str, m: Mention, s_end: int) -> bool:
    return bool(_FAILED.search(low[max(0, m.start - 60) : min(s_end, m.end + 60)]))


def natural_disaster(low: str, starts: list[int], at: int) -> bool:
    """True where the sentence at ``at`` names a natural disaster ("floods", "cyclone") and no war."""
    index = bisect.bisect_right(starts, at) - 1
    end = starts[index + 1] if index + 1 < len(starts) else len(low)
    return (_DISASTER.search(low, starts[index], end) is not None
            and _WARFARE_WORDS.search(low, starts[index], end) is None)  # not "drought and conflict"


def disaster_story(low: str, lead_end: int) -> bool:
    """True where the lead names a natural disaster and the text no war: its relief, its displaced and
    the officials of whoever governs are the disaster's, not a conflict's."""
    return _DISASTER.search(low, 0, lead_end) is not None and _WARFARE_WORDS.search(low) is None


# natural disasters (not epidemics, which a war often brings: "cholera epidemic in Yemen"; not
# "storm", which gunmen do)
_DISASTER = re.compile(r"\b(?:volcano|volcanic|eruption|lava|wildfires?|bushfires?|floods?|flooding|"
                       r"hurricanes?|typhoons?|cyclones?|drought|landslides?|tornado(?:es)?|earthquakes?|"
                       r"quakes?|tsunami)\b")
_WARFARE_WORDS = re.compile(r"\b(?:conflicts?|wars?|fighting|violence|insurgency|attacks)\b")


def war_goes_on(low: str, m: Mention) -> bool:
    """True for fighting said to go on ("Fighting continues in much of the country"): no new act, but
    a war under way."""
    return low[m.start : m.end] in _WARFARE and words_after(low, m.end, 1)[:1] in _GOES_ON


_WARFARE = frozenset({"fighting", "clashes", "hostilities"})
_GOES_ON = [[w] for w in ("continue", "continues", "continued", "continuing", "rage", "rages", "raged",
                          "raging", "persist", "persists", "persisted")]


def sentence_status(low: str, m: Mention, term: Term, words: frozenset[str], s_start: int, s_end: int,
                    tx: Taxonomy, mentions: list[Mention]) -> str | None:  # fmt: skip
    """The status that the cue's sentence gives it whatever its clause says, or None: "benign",
    "judicial", "state" or "policing". ``words`` are the sentence's words."""
    if term.ident == "MOBILIZE" and not words.isdisjoint(tx.benign_deployment):
        return "benign"  # peacekeepers or earthquake relief: no show of force
    if low.startswith(("execut", "hang"), m.start) and _COMMON_CRIMES.search(low) is not None:
        return "judicial"  # "executes prisoner ... on drug-related charges": a penalty for a crime
    if not words.isdisjoint(_JUDICIAL) and (low.startswith(("execut", "hang"), m.start) or (
            term.ident in MATERIAL_EVENTS and _judged(low, s_start, m.start))):
        return "judicial"  # "executes man convicted over protests", "court jails colonel over torture"
    if term.ident in MATERIAL_EVENTS and words_after(low, m.end, 1)[:1] in _PROCEEDINGS:
        return "judicial"  # "GHQ attack case: court hears witnesses", "the bombing trial resumes"
    if low.endswith("ed", m.start, m.end) and (words_before(low, m.start, 1)[:1] in _PREPOSITIONS
                                               or words_before(low, m.start, 2) in _CONDITIONS):
        return "state"  # "famine in besieged Kadugli", "flights for wounded Gazans", "sick and wounded
        # Gazans leave via Rafah": a state, no new act
    if low.startswith(("raid", "seiz", "intercept"), m.start) and not words.isdisjoint(_POLICING) and (
            words.isdisjoint(_SOLDIERS)) and (low.startswith("raid", m.start) or words.isdisjoint(_VESSELS)):
        return "policing"  # "police stepped up raids", "scam compound raids", "police seize meth pills";
        # not "seizes foreign tanker for fuel smuggling": a state that seizes a ship coerces
    if term.ident == "SANCTION" and not _CRIMES.isdisjoint(words_after(low, m.end, 4)):
        return "policing"  # "sanctions on scam networks", "sanctions against drug cartels": no conflict
    if term.ident == "RETREAT" and low.startswith(_LEAVING, m.start) and words.isdisjoint(_SOLDIERS):
        after = words_after(low, m.end, 5)
        if after[:1] in (["from"], ["of"]) and not _LEFT_BEHIND.isdisjoint(after[1:]):
            return "benign"  # "withdraws from the Paris accord", "pulls out of the race": no forces
        if after[:1] not in (["from"], ["of"]) and _body_named(mentions, s_start, s_end):
            return "benign"  # "the WHO cuts staff after the US completed its withdrawal"
    return None


# a retreat's own words (not a release of hostages), and what can be left without moving a soldier
_LEAVING = ("withdr", "pull")
_LEFT_BEHIND = frozenset({"organization", "organisation", "treaty", "accord", "accords", "agreement", "pact",
                          "deal", "convention", "talks", "negotiations", "race", "election", "elections",
                          "contest", "competition", "tournament", "championship", "games", "olympics",
                          "league", "bid", "candidacy", "nomination", "coalition", "government", "union",
                          "federation", "council", "court", "programme", "program", "scheme", "bill",
                          "lawsuit", "case", "complaint", "funding", "who", "unesco", "summit"})  # fmt: skip


def _body_named(mentions: list[Mention], s_start: int, s_end: int) -> bool:
    """True where the sentence names an unarmed organisation (the WHO, the EU) and no place below a
    country: what was left is the body, not ground."""
    lo = bisect.bisect_left(mentions, s_start, key=_START)
    body = False
    for m in mentions[lo:]:
        if m.start >= s_end:
            break
        kind = m.terms[0].kind
        if kind in ("place", "subregion"):
            return False
        body = body or (kind == "actor" and not m.terms[0].armed)
    return body


# who raids, and what, in law enforcement rather than armed conflict
_POLICING = frozenset({"police", "policemen", "immigration", "customs", "scam", "scams", "drug", "drugs",
                       "narcotics", "gambling", "fraud", "counterfeit", "brothel", "brothels", "smuggling",
                       "undocumented", "tax", "corruption", "cartel", "cartels", "meth", "methamphetamine",
                       "heroin", "cocaine", "contraband", "pills"})  # fmt: skip
# crimes whose networks a state sanctions as it prosecutes them, with no adversary state or armed group
_CRIMES = frozenset({"scam", "scams", "scammers", "fraud", "drug", "drugs", "narcotics", "cartel", "cartels",
                     "traffickers", "trafficking", "smugglers", "smuggling", "cybercrime", "cybercriminals",
                     "laundering", "corruption", "fentanyl"})  # fmt: skip
_VESSELS = frozenset({"tanker", "tankers", "ship", "ships", "vessel", "vessels", "freighter", "boat", "boats"})
_SOLDIERS = frozenset({"troops", "soldiers", "army", "forces", "military", "militants", "gunmen", "fighters"})
_PREPOSITIONS = [[w] for w in ("in", "into", "from", "to", "at", "for", "of", "with", "across", "inside")]
_CONDITIONS = [[w, "and"] for w in ("sick", "ill", "injured", "hungry", "elderly", "disabled", "malnourished")]
_PROCEEDINGS = [[w] for w in ("case", "cases", "trial", "trials", "hearing", "hearings", "inquiry", "inquest",
                                "probe", "verdict", "suspect", "suspects", "convict", "convicts")]
# crimes an execution may punish that make it no act of a conflict
_COMMON_CRIMES = re.compile(r"\b(?:drug-related|drug|drugs|narcotics|drug trafficking|murder|rape|"
                            r"armed robbery) (?:charges?|offen[cs]es?|crimes?|convictions?)\b|"
                            r"\bfor (?:murder|rape|drug trafficking)\b")
_JUDICIAL = frozenset({"convicted", "sentenced", "sentence", "court", "trial", "verdict", "judiciary",
                       "penalty", "conviction", "tribunal"})  # fmt: skip


def _judged(low: str, s_start: int, at: int) -> bool:
    """True where a court or a verdict comes before the cue in its sentence: the act is judged, not
    reported ("court jails colonel over torture"; not "attacked the Supreme Court")."""
    return not _JUDICIAL.isdisjoint(MARKER_WORD.findall(low, s_start, at))


# what says sanctions are imposed now, in the words before them: "imposes new sanctions on"
_IMPOSING = frozenset({"impose", "imposes", "imposed", "imposing", "reimpose", "reimposes", "reimposed",
                       "slap", "slaps", "slapped", "slapping", "announce", "announces", "announced",
                       "announcing", "unveil", "unveils", "unveiled", "adopt", "adopts", "adopted", "approve",
                       "approves", "approved", "new", "fresh", "further", "additional", "more", "tougher",
                       "sweeping", "expanded", "expands", "widens", "widened", "latest", "retaliatory",
                       "snapback", "hits", "hit", "levels", "levelled", "leveled"})  # fmt: skip


# what a party threatens to do in politics, not by force: no threat of LABELING.md's level 2
_POLITICAL_MOVES = frozenset({"withhold", "quit", "resign", "leave", "boycott", "veto", "sue", "topple",
                              "collapse", "vote", "walk", "dissolve", "sack", "derail", "abstain", "defect",
                              "oppose", "impeach", "bolt", "protest", "picket"})  # fmt: skip
# whom a union or a party mobilises: a protest, no force ("threatened to mobilise workers")
_CROWDS = frozenset({"workers", "members", "supporters", "voters", "students", "farmers", "traders",
                     "citizens", "unions", "affiliates"})


def political_move(low: str, end: int) -> bool:
    """True where a threat ending at ``end`` is to make a political move: "threatening to withhold
    their votes", "threatens to quit the coalition", "threatened to mobilise workers for a protest"."""
    after = words_after(low, end, 2)
    if after[:1] == ["to"]:
        after = after[1:]
    elif not low.endswith(" to", 0, end):  # the cue "threatening to" holds its "to"
        return False
    if after[:1] and after[0].startswith(("mobilis", "mobiliz")):
        return not _CROWDS.isdisjoint(words_after(low, end, 4))  # "to mobilise workers for a protest"
    return bool(after) and after[0] in _POLITICAL_MOVES


def in_a_name(full: str, s_start: int, m: Mention) -> bool:
    """True for a verb capitalised inside its sentence ("the Karachi Press Club"): part of a name.
    Not at the sentence's start or after a colon, a quotation mark or a dash, and not in capitals."""
    if not full[m.start].isupper() or full[m.start : m.end].isupper():
        return False
    before = full[s_start : m.start].rstrip()
    return bool(before) and not before.endswith((":", '"', "'", "“", "‘", "(", "-", "–", "—", "|"))


def sanctions_in_force(low: str, m: Mention, mentions: list[Mention]) -> bool:
    """True for sanctions or an embargo named as a state of things, not as imposed now: "Western
    sanctions and high rates", "strictly enforcing UN sanctions", "tighter U.S. sanctions push the
    economy"; not "imposes new sanctions on", "EU adopts sanctions package" or "US sanctions Iranian
    firms" (a verb after its subject)."""
    if not low.startswith(("sanctions", "embargo"), m.start) or m.end < len(low) and low[m.end].isalpha():
        return False
    before = words_before(low, m.start, 4)
    for i in range(len(before) - 1, -1, -1):
        if before[i] in _CLAUSE_OPENERS:
            before = before[i + 1 :]  # "rial plunges to new low as sanctions bite": "new" is not theirs
            break
    if not _IMPOSING.isdisjoint(before):
        return False
    after = words_after(low, m.end, 1)
    if after and after[0] in _OBJECT_OPENERS:
        return False  # "Treasury sanctions two banks", "sanctions the network": a verb and its object
    lo = bisect.bisect_left(mentions, m.end + 1, key=_START)
    if lo < len(mentions) and mentions[lo].start == m.end + 1 and mentions[lo].terms[0].kind in _OBJECTS:
        return False  # "US sanctions Iranian firms", "sanctions Hezbollah financiers"
    return True


_CLAUSE_OPENERS = frozenset({"as", "while", "amid", "since", "because", "but", "after"})
_OBJECTS = frozenset({"country", "actor", "leader", "body", "demonym"})
_OBJECT_OPENERS = frozenset({"the", "a", "an", "two", "three", "four", "five", "six", "several", "dozens",
                             "hundreds", "more", "over", "its", "their", "his", "her", "top", "senior"})


def told_as_background(low: str, m: Mention, term: Term, words: frozenset[str], s_start: int, s_end: int,
                       title_end: int) -> bool:  # fmt: skip
    """True where a cue's own words tell it as the story's background, not as news: an act dated by
    the words right after it ("sites bombed last June"), attacks counted over a period ("reached a
    record level"), and below the headline violence said to go on ("fighting continues", "Israel
    keeps striking") or an act in a relative clause that says who an actor is ("the leaders who
    seized power in November"). ``words`` are the sentence's words."""
    if words_after(low, m.end, 2) in _LAST_MONTH:
        return True
    if term.level < 3:
        return False
    if "record" in words and _TALLY.search(low, s_start, s_end):
        return True
    if _describes_people(low, m):
        return True
    if m.start < title_end:
        return False
    return bool(_ONGOING.intersection(words_before(low, m.start, 3) + words_after(low, m.end, 3))) or (
        words_before(low, m.start, 1) in _RELATIVE and low.endswith("ed", m.start, m.end))


def _describes_people(low: str, m: Mention) -> bool:
    """True for a past act in a "who" clause, which says who people are: "soldiers who fought for
    Russia", "troops who took part in fighting in Kursk". A "that" or "which" clause may carry the
    news itself ("the rockets that struck Erbil airport overnight"): only a participle right after
    it, below the headline, is read as a description."""
    before = words_before(low, m.start, 5)
    at = max((i for i, w in enumerate(before) if w == "who"), default=-1)
    if at < 1 or len(before) - at > 4 or _PUNCT.search(low, max(0, m.start - 50), m.start):
        return False  # no "who" or no people before it: "Who fired the rockets?" asks
    verbs = [*before[at + 1 :], low[m.start : m.end].split()[0]]
    return any(w.endswith("ed") or w in _IRREGULAR_PAST for w in verbs)


_RELATIVE = [["who"], ["which"], ["that"]]
_IRREGULAR_PAST = frozenset({"fought", "took", "shot", "hit", "struck", "led", "made", "won",
                             "lost", "saw"})
_PUNCT = re.compile(r"[,;:.!?]\s+(?:\w+\s+){0,3}$")


_LAST_MONTH = [["last", month] for month in ("january", "february", "march", "april", "may", "june", "july",
                                               "august", "september", "october", "november", "december")]
# a count of acts over a period: "settler attacks reached a record level"; not "a record 800 drones"
_TALLY = re.compile(r"\brecord (?:levels?|highs?|numbers?|years?)\b")
_ONGOING = frozenset({"continue", "continues", "continued", "continuing", "daily", "near-daily",
                      "nightly", "ongoing", "persist", "persists", "persisted", "stopped", "keeps",
                      "kept"})  # fmt: skip


def no_force_threatened(low: str, m: Mention, term: Term, s_end: int) -> bool:
    """True where a THREATEN cue threatens no force: a warning of a plight ("the UN warning of
    famine"), a fear of escalation voiced with no condition ("Iraq warns of regional escalation";
    not "... if attacked"), a state of things endangered ("threatens the prospect of a two-state
    solution", "threatens measles elimination") or a dispute of money ("ultimatum over electricity
    tariff")."""
    if term.ident != "THREATEN":
        return False
    if term.weak and _warns_of(low, m.end, _PLIGHTS):
        return True
    if term.weak and _warns_of(low, m.end, _ESCALATION) and not _CONDITIONAL.search(low, m.end, s_end):
        return True
    if low.startswith("threaten", m.start) and _endangers(low, m.end):
        return True
    after = words_after(low, m.end, 5)
    return after[:1] == ["over"] and not _MONEY.isdisjoint(after[1:])


def _warns_of(low: str, end: int, things: frozenset[str]) -> bool:
    """True where a warning ending at ``end`` is "of" one of ``things``."""
    after = words_after(low, end, 3)
    return after[:1] == ["of"] and not things.isdisjoint(after[1:])


def _endangers(low: str, end: int) -> bool:
    """True where "threatens" ending at ``end`` has a state of things as its object."""
    after = words_after(low, end, 3)
    while after and after[0] in _ARTICLES:
        after = after[1:]
    return not _ENDANGERED.isdisjoint(after[:2])  # "threatens measles elimination"


_PLIGHTS = frozenset({"famine", "hunger", "starvation", "malnutrition", "cholera", "disease", "diseases",
                      "outbreak", "outbreaks", "epidemic", "shortages", "shortage", "drought", "floods",
                      "flooding", "poverty", "homelessness", "cuts", "layoffs", "recession"})  # fmt: skip
_ESCALATION = frozenset({"escalation"})
_CONDITIONAL = re.compile(r"\b(?:if|unless|should)\b")
_ARTICLES = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those",
                       "every", "each", "another", "of"})  # fmt: skip
_ENDANGERED = frozenset({"prospect", "prospects", "future", "viability", "stability", "livelihoods",
                         "elimination", "progress", "existence", "gains", "recovery", "survival", "health",
                         "supply", "supplies", "access", "rights", "economy", "harvest", "harvests",
                         "crops", "jobs", "ceasefire", "truce", "peace", "talks", "deal", "stock", "stocks",
                         "efforts", "hopes", "chances", "plan", "plans", "growth", "outlook"})  # fmt: skip
# what a threat "over" is when it is a dispute of money, whoever makes it
_MONEY = frozenset({"tariff", "tariffs", "wages", "wage", "salaries", "salary", "pay", "pensions", "prices",
                    "fares", "fees", "taxes", "tax", "subsidy", "subsidies", "allowances", "arrears"})  # fmt: skip
# what destroys homes with no attacker: weather and the earth
WEATHER = frozenset({"wind", "winds", "gusts", "rain", "rains", "rainfall", "downpours", "snow", "snowfall",
                     "hail", "floodwaters", "floods", "cyclone", "hurricane", "typhoon", "tornado", "earthquake",
                     "quake", "tremor", "aftershock", "heatwave", "lightning", "landslide", "landslides",
                     "mudslides", "avalanche", "wildfire", "wildfires", "bushfire", "bushfires"})  # fmt: skip
