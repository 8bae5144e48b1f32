"""Untrusted text made safe for the digest: Markdown escaping and the links that may be rendered."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#!|~()])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`()\[\]{}\\]+$", re.IGNORECASE)


def md_escape(value: object) -> str:
    """Text made inert in Markdown: every character with a Markdown meaning is backslash-escaped."""
    text = " ".join(str(value).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def safe_url(value: object) -> str | None:
    """``value`` when it is an http(s) URL without spaces, quotes or brackets, else None (no link)."""
    url = str(value).strip() if value is not None else ""
    return url if _SAFE_URL.match(url) else None


def link_url(canonical: str | None, raw: str | None) -> str | None:
    """The URL a digest links: the canonical one when it is http(s), else the feed's, else none."""
    return safe_url(canonical) or safe_url(raw)
