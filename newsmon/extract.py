"""Turn an article page's HTML into its text and metadata with trafilatura."""

from __future__ import annotations

import codecs
import html as htmllib
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import trafilatura
from charset_normalizer import from_bytes
from trafilatura.utils import handle_compressed_file

from newsmon.errors import ExtractError
from newsmon.models import Extracted

__all__ = ["MAX_BYTES", "MIN_CHARS", "TRAFILATURA_OPTIONS", "decode_html", "extract", "html_title"]

# The settings passed to trafilatura.bare_extraction, chosen by `python bench/extraction.py` on
# the 181 pages of the article-extraction benchmark (F1 first, speed second): token F1 0.961 and
# precision 0.957 against 0.952 and 0.938 for trafilatura's defaults, at about 25 pages/s. The
# `fast` variants run about 1.6 times faster at F1 0.957 (a difference within the benchmark's
# noise); more boilerplate tokens would feed the tagger, and CPU is not the bottleneck next to
# fetching pages. Comments stay out: they are readers' words, not the outlet's.
TRAFILATURA_OPTIONS: Mapping[str, Any] = MappingProxyType(
    {
        "include_comments": False,
        "include_tables": True,
        "favor_precision": True,
        "favor_recall": False,
        "fast": False,
    }
)

# Less text than this is a cookie wall, a teaser or an error page, not an article.
MIN_CHARS = 100
# trafilatura's own MAX_FILE_SIZE; the fetch stage caps bodies well below it.
MAX_BYTES = 20_000_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it shares the first two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Signatures of binary formats that servers sometimes label text/html.
_BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"RIFF",
    b"\x00\x00\x01\x00",
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)
# WHATWG: these labels mean windows-1252 in HTML, whatever the codec registry says.
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
}
# HTML's suggested default encodings by language, for legacy pages that declare none
# (https://html.spec.whatwg.org/multipage/parsing.html#determining-the-character-encoding).
_LEGACY_BY_LANG = {
    **dict.fromkeys(("ar", "fa", "ur"), "cp1256"),
    **dict.fromkeys(("be", "bg", "kk", "mk", "ru", "sr", "uk"), "cp1251"),
    **dict.fromkeys(("cs", "hr", "hu", "pl", "ro", "sk", "sl"), "cp1250"),
    **dict.fromkeys(("et", "lt", "lv"), "cp1257"),
    "el": "cp1253",
    "he": "cp1255",
    "ja": "shift_jis",
    "ko": "euc-kr",
    "th": "cp874",
    "tr": "cp1254",
    "vi": "cp1258",
    "zh": "gb18030",
}
# Bounded repetitions everywhere: these run on hostile pages, so no regex may backtrack for long.
_HTML_LANG = re.compile(
    r"""<html\b[^>]{0,500}?\blang\s*=\s*["']?\s*([A-Za-z]{2,3})(?![A-Za-z])""", re.I
)
_META_LANG = re.compile(
    r"""<meta\b[^>]{0,300}?(?:content-language|og:locale)["']?[^>]{0,200}?"""
    r"""content\s*=\s*["']?\s*([A-Za-z]{2,3})(?![A-Za-z])""",
    re.IGNORECASE,
)
_TITLE = re.compile(r"<title\b[^>]{0,500}>(.{0,2000}?)</title\s*>", re.IGNORECASE | re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def extract(html: bytes | str, *, url: str) -> Extracted:
    """Extract an article's text, title, author, date and language, or raise ExtractError."""
    text = _to_text(html, url)
    try:
        document = trafilatura.bare_extraction(
            text, url=url, with_metadata=True, output_format="python", **TRAFILATURA_OPTIONS
        )
    except Exception as exc:  # hostile pages reach lxml's and htmldate's odd corners
        raise ExtractError(
            f"{url}: extraction failed ({type(exc).__name__}: {str(exc)[:200]})"
        ) from exc
    body = (getattr(document, "text", None) or "").strip()
    if len(body) < MIN_CHARS:
        raise ExtractError(f"{url}: no usable text ({len(body)} characters)")
    return Extracted(
        text=body,
        title=_clean(getattr(document, "title", None)) or html_title(text),
        author=_clean(getattr(document, "author", None)),
        date=_clean(getattr(document, "date", None)),
        language=_language(text),
    )


def html_title(html: bytes | str) -> str | None:
    """The page's <title>, unescaped and with whitespace collapsed, or None."""
    head = html[:200_000]
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="replace")
    match = _TITLE.search(head)
    return _clean(htmllib.unescape(match.group(1))) if match else None


def decode_html(data: bytes) -> str:
    """Decode page bytes: BOM, valid UTF-8, declared charset, the language's legacy one, a guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:16_384])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        # HTML reads a utf-16/32 label in ASCII-compatible bytes as UTF-8, which failed above.
        try:
            if not label.startswith(("utf-16", "utf-32", "utf16", "utf32")):
                return data.decode(_WHATWG_ALIASES.get(label, label))
        except (LookupError, UnicodeDecodeError):
            pass
    lang = _HTML_LANG.search(data[:16_384].decode("latin-1"))
    if lang:
        try:
            return data.decode(_LEGACY_BY_LANG.get(lang.group(1).lower(), "cp1252"))
        except UnicodeDecodeError:
            pass
    best = from_bytes(data[:65_536]).best()
    if best is not None:
        try:
            return data.decode(best.encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("utf-8", errors="replace")


def _to_text(html: bytes | str, url: str) -> str:
    """Check the input is a plausible HTML page and return it decoded."""
    if isinstance(html, bytes):
        if html[:3] == b"\x1f\x8b\x08":
            html = handle_compressed_file(html, MAX_BYTES)
        if len(html) > MAX_BYTES:
            raise ExtractError(f"{url}: page too large ({len(html)} bytes)")
        if html[:1024].lstrip()[:8].startswith(_BINARY_MAGIC):
            raise ExtractError(f"{url}: not HTML (binary content)")
        html = decode_html(html)
    elif len(html) > MAX_BYTES:
        raise ExtractError(f"{url}: page too large ({len(html)} characters)")
    if not html.strip():
        raise ExtractError(f"{url}: empty page")
    sample = html[:4096]
    if len(_CONTROL.findall(sample)) > len(sample) // 20:
        raise ExtractError(f"{url}: not HTML (binary content)")
    if "<" not in sample or sample.lstrip()[:1] in ("{", "["):
        raise ExtractError(f"{url}: not HTML (no markup)")
    return html


def _language(html: str) -> str | None:
    """The page's declared language as a lowercase ISO 639 code, or None."""
    head = html[:65_536]
    match = _HTML_LANG.search(head) or _META_LANG.search(head)
    return match.group(1).lower() if match else None


def _clean(value: str | None) -> str | None:
    """Collapse whitespace; an empty string becomes None."""
    if not value:
        return None
    value = " ".join(value.split())
    return value or None
