"""Cues that no fixed pattern of the automaton can hold: a number or free words between their parts.

"launched 400 drones", "sends 1,100 extra soldiers", "downs US MQ-9 Reaper drone", "boards Russian
'shadow fleet' tanker". Each expression runs only in windows around the words it needs, so a text
without them costs a few substring scans.
"""

from __future__ import annotations

import re

import ahocorasick

from newsmon.vocab import Term

# a launch of a counted salvo: the automaton's patterns cannot hold every number
_NUMBERED_LAUNCH = re.compile(
    r"\b(?:fire[sd]?|firing|launch(?:es|ed|ing)?|downed|downs|shot down|shoots down|"
    r"lob(?:s|bed|bing)?|intercept(?:s|ed|ing)?)\s+(?:an? )?(?:record |further |fresh |another |additional )?"
    r"(?:about |around |some |more than |over |"
    r"at least |nearly |almost |up to )?\d[\d,]*\s+(?:of \d[\d,]*\s+)?(?:[a-z-]+\s+){0,2}?"
    r"(missiles?|rockets?|drones?|projectiles|shells|mortars?)\b")
# a counted force sent somewhere: "sends 1,100 extra soldiers to Sinaloa", "masses 100,000 troops"
_NUMBERED_DEPLOYMENT = re.compile(
    r"\b(?:send|sends|sent|sending|deploy(?:s|ed|ing)?|dispatch(?:es|ed|ing)?|rush(?:es|ed|ing)?|"
    r"mass(?:es|ed|ing)?|station(?:s|ed|ing)?|redeploy(?:s|ed|ing)?|mov(?:e|es|ed|ing))\s+(?:about |around |some |"
    r"more than |over |at least |nearly |up to |an extra |another )?(?:\d[\d,]*|two|three|four|"
    r"five|six|several|dozens of|hundreds of|thousands of|tens of thousands of)\s+"
    r"(?:[a-z.-]+\s+){0,2}?(?:troops|soldiers|marines|paratroopers|reservists|military personnel|"
    r"special forces|commandos|brigades|battalions|divisions|warships)\b")
_DEPLOYED = Term("cue", "MOBILIZE", level=2)
# an aircraft or drone shot down, whatever its make: "downs US MQ-9 Reaper drone"
_DOWNED = re.compile(
    r"\b(?:downed|downs|shot down|shoots down|shoot down)\s+(?:an? |the |)(?:[\w.-]+\s+){0,3}?"
    r"(drones?|missiles?|rockets?|jets?|warplanes?|helicopters?|fighter jets?|military aircraft|"
    r"bombers?)\b")
# a launch named without a count: "fires anti-tank missiles", "lobs a barrage of rockets" (an
# expression, not automaton patterns: their product ran to 20,000 keys)
_LISTED_LAUNCH = re.compile(
    r"\b(?:fire[sd]?|firing|launch(?:es|ed|ing)?|lob(?:s|bed|bing)?)\s+(?:a |an |the |two |three |"
    r"several |more |dozens of |hundreds of |a barrage of |a salvo of |a wave of )?(?:ballistic |"
    r"cruise |hypersonic |anti-ship |anti-tank |anti-aircraft |surface-to-air |short-range |"
    r"long-range |intercontinental |guided |attack |kamikaze |suicide )?"
    r"(missiles?|rockets?|drones?|projectiles|mortars)\b")
# the hint of conflict each weapon gives, as its own word would
_WEAPON_HINTS = {"missile": (Term("context", "context"),), "drone": (Term("context", "weak"),)}
_WEAPON_MODES = {"missile": "missile", "rocket": "missile", "projectile": "missile",
                 "drone": "drone", "shell": "shelling", "mortar": "shelling"}
# a counted force seen near or inside another's territory: a show of force where there is a conflict
_NUMBERED_FORCES = re.compile(
    r"\b\d[\d,]*\s+(?:[a-z-]+\s+){0,2}(?:warplanes|military aircraft|aircraft|warships|"
    r"naval vessels|navy ships|ships|vessels|balloons)\s+(near|around|entered|crossed|"
    r"detected|spotted|off)\b")
# a count of another state's craft that a defence ministry reports: "detected 17 Chinese military
# aircraft, seven navy vessels ... around Taiwan"
_TRACKED_FORCES = re.compile(
    r"\b(detected|tracked|spotted|monitored|recorded)\s+\d[\d,]*\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:warplanes|military aircraft|aircraft|warships|naval vessels|navy ships|military drones|balloons)\b")
_SHOW_OF_FORCE = Term("cue", "MOBILIZE", level=2, weak=True)
# "hit" is an attack only with a target that war hits: "hit a refinery", not "hit a record"
_HIT_TARGET = re.compile(
    r"\b(hit|hits|hitting)\s+(?:an? |the |)(?:[a-z'-]+\s+){0,3}?(?:refinery|refineries|depot|"
    r"depots|base|bases|airbase|air base|airfield|airport|port|power plant|power station|grid|"
    r"substation|hospital|school|convoy|positions|targets|tanker|warship|vessel|apartment block|"
    r"residential building|market|barracks|checkpoint)\b")
_HIT = Term("cue", "ASSAULT", level=3, weak=True, verb=True)
_AIRSPACE = re.compile(
    r"\b(violat\w*|breach\w*|intru\w*|incursions? into)\s+(?:the |its |their |)"
    r"(?:[a-z'-]+\s+)?(?:airspace|air space|territorial waters)\b")
_INCURSION = Term("cue", "MOBILIZE", level=2)
# a ship seized or boarded by force, whatever stands between: "boards Russian 'shadow fleet' tanker"
_SEIZED_SHIP = re.compile(  # not "the crew of a seized ship": a seizure told as past
    r"(?<!\bof )(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )(?<!\btheir )"
    r"\b(?:seiz(?:e|es|ed|ing)|board(?:s|ed|ing)?|hijack(?:s|ed|ing)?|captur(?:e|es|ed|ing))\s+"
    r"(?:an? |the |two |three |another |)(?:[\w'’-]+\s+){0,3}?"
    r"(?:tankers?|vessels?|ships?|freighters?|cargo ships?|oil tankers?|boats?)\b")
_SEIZURE = Term("cue", "COERCE", level=3)
# a coast guard or navy hosing a boat: "fires water cannon at Philippine vessel"
_WATER_CANNON = re.compile(r"\bwater[- ]cannon(?:s|ed|ing)?\b[^.;]{0,60}?\b(?:vessels?|boats?|ships?)\b")
_HOSED = Term("cue", "ASSAULT", level=3)
_LAUNCH = Term("cue", "ASSAULT", level=3)
_WAR = Term("context", "context")


def phrases(low: str) -> list[tuple[int, int, tuple[Term, ...]]]:
    """Cues no fixed pattern can hold: a number, or free words, between their parts.

    Each regular expression runs only in windows around the words it needs (found in one automaton
    pass), so a text without them costs one scan.
    """
    found: list[tuple[int, int, tuple[Term, ...]]] = []
    at = _stems_at(low)
    for numbered in _near(_NUMBERED_LAUNCH, low, at, _LAUNCH_STEMS, 0, 80):
        mode = _WEAPON_MODES.get(numbered.group(1).rstrip("s"), "missile")  # "launched 400 drones"
        found.append((numbered.start(), numbered.end(), (_LAUNCH, _WAR, Term("mode", mode))))
    for launch in _near(_LISTED_LAUNCH, low, at, _LISTED_STEMS, 0, 80):
        weapon = launch.group(1).rstrip("s")
        mode = _WEAPON_MODES.get(weapon, "missile")
        found.append((launch.start(), launch.end(),
                      (_LAUNCH, *_WEAPON_HINTS.get(weapon, ()), Term("mode", mode))))  # fmt: skip
    for sent in _near(_NUMBERED_DEPLOYMENT, low, at, _DEPLOY_STEMS, 0, 80):
        found.append((sent.start(), sent.end(), (_DEPLOYED,)))
    for downed in _near(_DOWNED, low, at, _DOWN_STEMS, 12, 60):
        weapon = downed.group(1).rstrip("s")
        mode = _WEAPON_MODES.get(weapon, "air strike")  # a drone, a missile; else an aircraft
        found.append((downed.start(), downed.end(), (_LAUNCH, _WAR, Term("mode", mode))))
    for hit in _near(_HIT_TARGET, low, at, _HIT_STEMS, 0, 90):  # "hits Russian oil refinery"
        found.append((hit.start(), hit.end(1), (_HIT,)))
    for violation in _near(_AIRSPACE, low, at, _AIRSPACE_STEMS, 60, 20):
        found.append((violation.start(), violation.end(1), (_INCURSION, _WAR)))  # on the verb
    for numbered in _near(_NUMBERED_FORCES, low, at, _SEEN_FORCES, 50, 20):  # "30 warplanes near"
        found.append((numbered.start(1), numbered.end(1), (_SHOW_OF_FORCE,)))  # on "near"
    for tracked in _near(_TRACKED_FORCES, low, at, _SEEN_FORCES, 50, 0):  # "detected 17 ... aircraft"
        found.append((tracked.start(1), tracked.end(1), (_SHOW_OF_FORCE,)))  # on the verb
    for seized in _near(_SEIZED_SHIP, low, at, _CRAFT, 70, 0):
        found.append((seized.start(), seized.end(), (_SEIZURE,)))
    for hosed in _near(_WATER_CANNON, low, at, _WATER_STEMS, 0, 80):
        found.append((hosed.start(), hosed.end(), (_HOSED,)))
    for swap in _near(_SWAP, low, at, _CAPTIVES, 70, 0):  # "swap 300 prisoners of war"
        found.append((swap.start(), swap.end(), (_SWAPPED,)))
    return found


def _near(rx: re.Pattern[str], low: str, at: dict[str, list[int]], stems: tuple[str, ...], before: int,
          after: int) -> list[re.Match[str]]:  # fmt: skip
    """The matches of ``rx`` that start within ``before`` characters before a stem's occurrence
    (or at it) and end within ``after`` characters after it; ``at`` holds each stem's occurrences.

    Where matches start at their stem (``before`` is 0), a stem inside a word opens no window:
    "fire" in "ceasefire" starts no launch.
    """
    windows: list[tuple[int, int]] = []
    for stem in stems:
        for start in at.get(stem, ()):
            if not before and start and low[start - 1].isalnum():
                continue
            end = start + len(stem) + after
            while end < len(low) and low[end].isalnum():
                end += 1  # a window never ends inside a word: "ship" is no "shipment"
            windows.append((max(0, start - before), end))
    matches: dict[int, re.Match[str]] = {}
    for lo, hi in sorted(windows):
        for match in rx.finditer(low, lo, hi):
            matches.setdefault(match.start(), match)
    return [matches[k] for k in sorted(matches)]


def _stems_at(low: str) -> dict[str, list[int]]:
    """Where each stem of the expressions occurs in ``low`` (overlaps included), in one automaton pass
    where a str.find per stem scanned the text forty times."""
    at: dict[str, list[int]] = {}
    for end, stem in _STEMS.iter(low):
        at.setdefault(stem, []).append(end - len(stem) + 1)
    return at


# captives handed back, however many: "swap 300 prisoners", "hands over remains of two hostages"
_SWAP = re.compile(
    r"\b(?:swap(?:s|ped|ping)?|exchang(?:e|es|ed|ing)|trad(?:e|es|ed|ing)|free(?:s|d|ing)?|"
    r"releas(?:e|es|ed|ing)|hand(?:s|ed|ing)? over|return(?:s|ed|ing)?)\s+(?:the |more than |over |"
    r"about |some |at least |another |)(?:\d[\d,]*\s+|dozens of |hundreds of |)"
    r"(?:(?!political\b)[a-z-]+\s+){0,3}?(?:prisoners|pows|captives|detainees|hostages|bodies|remains|crew)\b")
_CAPTIVES = ("prisoners", "pows", "captives", "detainees", "hostages", "bodies", "remains", "crew")
_SWAPPED = Term("cue", "RETREAT", level=1, weak=True, deesc=True)  # between the parties of a war
_CRAFT = (" tanker", " vessel", " ship", " freighter", " boat")
_SEEN_FORCES = ("aircraft", "warplanes", "warships", "vessels", "ships", "balloons")


# the words each expression needs, and one automaton that finds them all
_LAUNCH_STEMS = ("fire", "firing", "launch", "down", "shot", "shoots", "intercept", "lob")
_LISTED_STEMS = ("fire", "firing", "launch", "lob")
_DEPLOY_STEMS = ("send", "sent", "deploy", "dispatch", "rush", "mass", "station", "redeploy", "mov")
_DOWN_STEMS = ("down",)
_HIT_STEMS = ("hit",)
_AIRSPACE_STEMS = ("airspace", "air space", "territorial waters")
_WATER_STEMS = ("water",)
_STEMS = ahocorasick.Automaton()
for _stem in {*_LAUNCH_STEMS, *_LISTED_STEMS, *_DEPLOY_STEMS, *_DOWN_STEMS, *_HIT_STEMS, *_AIRSPACE_STEMS,
              *_WATER_STEMS, *_SEEN_FORCES, *_CRAFT, *_CAPTIVES}:
    _STEMS.add_word(_stem, _stem)
_STEMS.make_automaton()
