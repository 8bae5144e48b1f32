"""Sentences of a text, and where its lead ends: the title, the summary and the text's first sentences."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

LEAD_SENTENCES = 3
# A sentence ends at . ! ? before a space and no lower-case letter, except after an initial
# ("U.S.", "J.") or a common abbreviation; a line break always ends one.
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*\s+(?![a-z])|\n+")
_END_CHAR = re.compile(r"[.!?\n]")  # where a sentence end may start
_ABBREVIATIONS = frozenset({
    "Mr", "Dr", "St", "Ms", "No", "vs", "Lt", "Jr", "Sr", "Mrs", "Gen", "Col", "Sgt", "Gov", "Sen",
    "Rep", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Inc", "Maj",
    "Adm",
})  # fmt: skip


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``; the title and each paragraph end a sentence.

    A full stop after an initial ("U.S.", "J.") or a common abbreviation ("Gen.") ends none.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _sentence_ends(text):
        end = m.start()
        if text[end] == "." and text[m.end() - 1] != "\n" and "\n" not in m.group():
            word = text[max(0, end - 4) : end].rpartition(" ")[2].rpartition(".")[2]
            if (len(word) == 1 and word.isalpha()) or word in _ABBREVIATIONS:
                continue
        spans.append((start, end + 1))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _sentence_ends(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_SENTENCE_END``, as ``finditer`` gives them, three times as fast: the
    expression is tried only where a full stop, a mark or a line break stands."""
    search, match = _END_CHAR.search, _SENTENCE_END.match
    pos = 0
    while (char := search(text, pos)) is not None:
        found = match(text, char.start())
        if found is None:
            pos = char.start() + 1
        else:
            yield found
            pos = found.end()


def lead_sentences_end(full: str, summary: str, text: str, sentences: list[tuple[int, int]],
                       starts: list[int]) -> int:  # fmt: skip
    """Where the lead ends: after the title, the summary and the first sentences of the text.

    A summary longer than the lead's sentences (a feed that carries whole posts) is lead only for
    its first ones: a "war" in the tenth sentence of a blog post does not make it about war.
    """
    body = text.strip()
    body_start = len(full) - len(body) if body else len(full)
    summary_start = body_start - len(summary.strip()) - (1 if body else 0)
    for start in (summary_start, body_start):
        first = bisect.bisect_left(starts, start)
        last = first + LEAD_SENTENCES - 1
        if last < len(sentences) and sentences[last][1] < len(full) and (
            start == body_start or sentences[last][1] < body_start - 1
        ):
            return sentences[last][1]
    return len(full)
