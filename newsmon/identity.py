"""Identity, decided in one place: canonical URLs, article ids and content fingerprints.

The warehouse enforces both with keys (``articles.canonical_url`` is unique, ``id`` is derived from it), so
storing the same article twice is impossible and every step can be re-run.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

_WORD = re.compile(r"\w+", re.UNICODE)


def canonical_url(url: str) -> str:
    """The URL an article is known by: normalised by courlan (tracking parameters dropped,
    host lower-cased, default port removed, query sorted) and without its fragment."""
    url = url.strip()
    try:
        normal = normalize_url(url)
    except (ValueError, TypeError):
        normal = url
    try:
        parts = urlsplit(normal)
    except ValueError:  # not a parsable URL: it is its own identity
        return url
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def article_id(canonical: str) -> str:
    """A short stable id for a canonical URL."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def normalise_text(text: str) -> str:
    """Text reduced to its words: NFKC, case-folded, punctuation and spacing dropped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text))


def fingerprint(text: str) -> str:
    """A fingerprint of the normalised text: equal for copies that differ only in case,
    punctuation, spacing or markup."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
