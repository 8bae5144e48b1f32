"""Regions and actors of a text, from one Aho-Corasick pass over it (identifiers of LABELING.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsmon.vocab import Taxonomy, Term, fold

MAX_REGIONS = 5
MAX_ACTORS = 8
_WORD = re.compile(r"[a-z][a-z'-]*")
_NEXT_CAPITAL = re.compile(r"[ \t]+([A-Z][a-z]+)")
_STATE_COMMA = re.compile(r",\s+([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)")


@dataclass(frozen=True, slots=True)
class Mention:
    """A matched name or cue: its span in the text and the meanings that survived the checks."""

    start: int
    end: int
    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
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
    armed: bool  # an organised armed group or a state's forces is named


def scan(text: str, taxonomy: Taxonomy) -> tuple[str, list[Mention]]:
    """The folded text and its mentions: leftmost-longest, on word boundaries, case rules applied."""
    low = fold(text)
    n = len(low)
    found: list[tuple[int, int, tuple[Term, ...]]] = []
    for last, (length, terms, checked) in taxonomy.automaton.iter(low):
        start, end = last - length + 1, last + 1
        if (start > 0 and low[start - 1].isalnum()) or (end < n and low[end].isalnum()):
            continue
        kept = tuple(t for t in terms if _spelled(text, start, end, t)) if checked else terms
        if kept:
            found.append((start, end, kept))
    found.sort(key=lambda m: (m[0], -m[1]))
    mentions: list[Mention] = []
    reach = 0
    for start, end, terms in found:
        if start >= reach:
            mentions.append(Mention(start, end, terms))
            reach = end
    return low, mentions


def _spelled(text: str, start: int, end: int, term: Term) -> bool:
    if term.exact:
        return text[start:end] == term.exact
    return not term.proper or text[start].isupper()


def words_before(low: str, start: int, count: int = 2) -> list[str]:
    """The last ``count`` words before ``start`` (folded)."""
    return _WORD.findall(low[max(0, start - 40) : start])[-count:]


def words_after(low: str, end: int, count: int = 2) -> list[str]:
    """The first ``count`` words after ``end`` (folded)."""
    return _WORD.findall(low[end : end + 40])[:count]


def tag(text: str, low: str, mentions: list[Mention], taxonomy: Taxonomy) -> Tags:
    """The regions and actors of ``text`` given its mentions from :func:`scan`."""
    regions: dict[str, list[int]] = {}
    actors: dict[str, list[int]] = {}
    placed: list[ActorMention] = []
    weak_regions: dict[str, list[int]] = {}
    armed = False
    by_alpha2 = {a2: a3 for a3, a2 in taxonomy.alpha2.items()}

    def add(store: dict[str, list[int]], key: str, pos: int) -> None:
        if key:
            store.setdefault(key, []).append(pos)

    for m in mentions:
        for term in m.terms:
            kind = term.kind
            if kind in {"actor", "leader", "body"}:
                add(actors, term.ident, m.start)
                placed.append(ActorMention(m.start, m.end, term.ident))
                armed = armed or term.armed
            elif kind == "demonym":
                after = words_after(low, m.end, 2)
                if after and after[0] in taxonomy.state_nouns or after[-1:] == ["forces"]:
                    add(actors, term.ident, m.start)
                    placed.append(ActorMention(m.start, m.end, term.ident))
                    armed = armed or any(w in taxonomy.military_nouns for w in after)
                else:
                    add(weak_regions, term.region, m.start)
            elif kind in {"country", "place"}:
                if not _is_place(text, low, m, term, taxonomy):
                    continue
                role = _role(low, m, term, taxonomy)
                armed = armed or (role == "actor" and _military(low, m, taxonomy))
                a3 = term.ident if kind == "country" else by_alpha2.get(term.region, "")
                if role != "actor":
                    add(regions, term.region, m.start)
                if role != "place" and a3 and (kind == "country" or role == "actor"):
                    add(actors, a3, m.start)
                    placed.append(ActorMention(m.start, m.end, a3))
            elif kind == "subregion":
                add(regions, term.ident, m.start)
                add(regions, term.region, m.start)
            else:
                continue
            break  # the first meaning that applies wins
    if not regions:
        regions = weak_regions
    return Tags(
        regions=_ranked(regions, MAX_REGIONS),
        actors=_ranked(actors, MAX_ACTORS),
        actor_mentions=tuple(placed),
        armed=armed or any(a in taxonomy.armed_actors for a in actors),
    )


def _ranked(store: dict[str, list[int]], limit: int) -> tuple[str, ...]:
    order = sorted(store, key=lambda k: (-len(store[k]), store[k][0]))
    return tuple(order[:limit])


def _is_place(text: str, low: str, m: Mention, term: Term, taxonomy: Taxonomy) -> bool:
    """False where an ambiguous name is a person, a word or a US place here."""
    comma = _STATE_COMMA.match(text, m.end)
    if comma and fold(comma.group(1)) in taxonomy.us_states and term.region != "US":
        return False
    if term.unless_near is None:
        return True
    before_word = words_before(low, m.start, 1)
    if term.after_locative and not (before_word and before_word[0] in taxonomy.locatives):
        return False
    nearby = low[max(0, m.start - 150) : m.end + 150]
    if any(word in nearby for word in term.unless_near):
        return False
    following = _NEXT_CAPITAL.match(text, m.end)
    if following and not text[m.start : m.end].isupper():
        return False  # "Israel Adesanya", "Chad Smith"
    before = text[max(0, m.start - 20) : m.start].rpartition("\n")[2].rstrip()
    return not re.search(r"\b[A-Z][a-z]+$", before) or before.endswith(("In", "From", "To"))


def _military(low: str, m: Mention, taxonomy: Taxonomy) -> bool:
    after = words_after(low, m.end, 2)
    if low[m.end : m.end + 2] == "'s":
        after = after[1:]
    return bool(after) and after[0] in taxonomy.military_nouns


def _role(low: str, m: Mention, term: Term, taxonomy: Taxonomy) -> str:
    """"place", "actor" or "both": a country that only acts is no place."""
    before = words_before(low, m.start, 1)
    if before and before[0] in taxonomy.locatives:
        return "place"
    after = words_after(low, m.end, 2)
    possessive = low[m.end : m.end + 2] == "'s"
    if possessive and len(after) > 1 and after[1] in taxonomy.state_nouns:
        return "actor"
    if after and not possessive and after[0] in taxonomy.state_nouns and term.kind == "country":
        return "actor"
    if not possessive and any(w in taxonomy.reporting for w in after[:2]):
        return "actor"
    if before and before[0] in taxonomy.counterparts:
        return "actor"
    if term.kind == "place" and term.capital and possessive:
        return "actor"
    return "place" if term.kind == "place" else "both"
