"""The evidence of an event: its sentence, mode, source and target, and casualty figures as numbers."""

from __future__ import annotations

import bisect
import operator
import re

from newsmon.models import Evidence
from newsmon.tagging import ActorMention, Mention, Tags
from newsmon.vocab import Taxonomy, Term

START = operator.attrgetter("start")
_CASUALTY_HINT = re.compile(r"kill|dead|die|slain|toll|wound|injur|hurt|claim|left")  # lower case
_NUMBER_WORDS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty",
))}  # fmt: skip
_NUM = r"(\d[\d,]*|" + "|".join(_NUMBER_WORDS) + r")"
_ABOUT = r"(?:at least |more than |over |nearly |almost |about |around |some |up to )?"
_BEFORE_VERB = r"\s+(?:[a-z-]+\s+){0,3}?(?:(?:were|was|have been|had been|are|been)\s+)?"
# on the lower-cased sentence; a figure's qualifier ("at least") only before a verb: the figure is
# the group, and a pattern that opens with an optional group is tried at every position
_KILLED = tuple(re.compile(p) for p in (
    r"\b(?:kill(?:s|ed|ing)?|left|claim(?:s|ed|ing)?)\s+" + _ABOUT + _NUM + r"\b",
    r"\b" + _NUM + _BEFORE_VERB + r"(?:killed|dead|died|slain)\b",
    r"death toll\s+(?:\w+\s+){0,3}?(?:to|at|of)\s+" + _ABOUT + _NUM + r"\b",
))  # fmt: skip
_WOUNDED = tuple(re.compile(p) for p in (
    r"\b(?:wound(?:s|ed|ing)?|injur(?:es|ed|ing|e))\s+" + _ABOUT + _NUM + r"\b",
    r"\b" + _NUM + _BEFORE_VERB + r"(?:wounded|injured|hurt)\b",
))  # fmt: skip
_MODAL_EVENTS = frozenset({"ASSAULT", "COERCE", "THREATEN"})


def within(placed: tuple[ActorMention, ...], start: int, end: int) -> tuple[ActorMention, ...]:
    """The actor mentions that start between ``start`` and ``end`` (they are in text order)."""
    lo = bisect.bisect_left(placed, start, key=START)
    return placed[lo : bisect.bisect_left(placed, end, lo, key=START)]


def evidence(sentence: str, low: str, m: Mention, term: Term, span: tuple[int, int],
             mentions: list[Mention], tags: Tags, tx: Taxonomy) -> Evidence:  # fmt: skip
    """The evidence of ``term`` at ``m`` in its sentence: the mode nearest the cue, the actors before
    (source) and after it (target), and the casualty figures the sentence gives."""
    s_start, s_end = span
    mode = None
    if term.ident in _MODAL_EVENTS:
        lo = bisect.bisect_left(mentions, s_start, key=START)
        hi = bisect.bisect_left(mentions, s_end, lo, key=START)
        modes = [(abs(x.start - m.start), t.ident) for x in mentions[lo:hi]
                 for t in x.terms if t.kind == "mode"]  # fmt: skip
        own = [t.ident for _, (_, terms, _) in tx.automaton.iter(low[m.start : m.end])
               for t in terms if t.kind == "mode"]  # fmt: skip
        mode = own[0] if own else min(modes)[1] if modes else None
    here = within(tags.actor_mentions, s_start, s_end)
    source = next((a.actor for a in reversed(here) if a.end <= m.start), None)
    target = next((a.actor for a in here if a.start >= m.end and a.actor != source), None)
    if source is None and target is None and here:
        source = here[0].actor
    killed = wounded = None
    if term.ident in {"ASSAULT", "COERCE"}:
        lowered = sentence.lower()
        if _CASUALTY_HINT.search(lowered):
            killed = _count(_KILLED, lowered)
            wounded = _count(_WOUNDED, lowered)
    return Evidence(event=term.ident, sentence=sentence, mode=mode, source=source, target=target,
                    killed=killed, wounded=wounded)  # fmt: skip


def _count(patterns: tuple[re.Pattern[str], ...], lowered: str) -> int | None:
    best: int | None = None
    for pattern in patterns:
        for match in pattern.finditer(lowered):
            raw = match.group(1).replace(",", "")
            value = _NUMBER_WORDS.get(raw) if not raw.isdigit() else int(raw)
            if value is not None and not 1900 <= value <= 2100:
                best = value if best is None else max(best, value)
    return best
