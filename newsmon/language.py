"""Whether a text is in English, the one language the analysis rules read.

The cues, the roles and the scope rules are English: in a German text "war" means "was" and "Rat" a
council. A text is English unless the function words of another language outnumber its English ones
in its opening; names ("Israel", "Kyiv") are counted by no list, so they decide nothing.
"""

from __future__ import annotations

OPENING = 1500  # characters read: the title, the summary and the start of the text
# frequent words of English, and of the languages whose feeds a monitor is likeliest to meet, that
# are no English words too ("die", "pour", "con", "est", "dem" and "van" are, so they are left out)
_ENGLISH = frozenset({"the", "and", "of", "to", "is", "that", "for", "with", "was", "are", "by", "from",
                      "has", "have", "this", "were", "which", "said", "its", "will", "after", "their"})
_OTHER = frozenset({
    "der", "und", "ist", "nicht", "mit", "für", "auf", "sich", "wird", "sind", "eine", "einer", "auch",
    "nach", "bei", "über", "werden", "hat", "noch",  # German
    "les", "une", "dans", "qui", "sur", "avec", "sont", "aux", "été", "mais", "cette", "selon",  # French
    "los", "las", "del", "una", "por", "para", "está", "según", "tras", "fue", "pero", "como",  # Spanish
    "della", "che", "sono", "gli", "nel", "dei", "delle", "anche", "dopo",  # Italian
    "não", "uma", "pelo", "são", "também", "após", "foi",  # Portuguese
    "het", "een", "niet", "zijn", "voor", "ook", "wordt", "naar",  # Dutch
})  # fmt: skip


def english(text: str) -> bool:
    """True unless another language's function words outnumber English ones in ``text``'s opening:
    "Der Krieg ist nicht vorbei" is German, "Iran warns Israel" (no function word at all) stays English."""
    words = text[:OPENING].lower().split()  # a function word rarely touches punctuation
    other = sum(map(_OTHER.__contains__, words))
    return other < 3 or other <= sum(map(_ENGLISH.__contains__, words))
