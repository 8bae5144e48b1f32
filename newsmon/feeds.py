"""Parsing feed bytes with feedparser (which never fetches anything itself) into Entry values."""

from __future__ import annotations

import calendar
import html
import re
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from newsmon.models import Entry, ParsedFeed

_TAG = re.compile(r"<[^>]*>")
_HIDDEN = re.compile(r"<!--.*?-->|<(script|style|template)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
# feedparser's own warnings about headers, not problems with the feed
_BENIGN = ("NonXMLContentType", "CharacterEncodingOverride")
# An internal DTD subset can declare entities that expand exponentially ("billion laughs"); feeds have no
# business declaring entities, so the subset is dropped before parsing.
_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[.*?\]\s*>", re.DOTALL | re.IGNORECASE)


def parse_feed(
    name: str,
    content: bytes,
    *,
    base_url: str,
    content_type: str | None = None,
    max_entries: int = 200,
) -> ParsedFeed:
    """Parse ``content``; malformed feeds give what can be salvaged and an ``error``."""
    cleaned = _DOCTYPE_SUBSET.sub(b"", content[:200_000]) + content[200_000:]
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    try:
        # newsmon keeps plain text only (markup is stripped below and escaped when rendered), so
        # feedparser's HTML sanitising and URI rewriting are skipped: parsing is ~2.5 times faster
        parsed = feedparser.parse(
            cleaned, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
        )
    except Exception as exc:  # feedparser should not raise, but the bytes are hostile
        return ParsedFeed(feed=name, title=None, entries=(), error=f"unparseable: {exc}")
    error = None
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        if problem is None:
            error = "malformed feed"
        elif type(problem).__name__ not in _BENIGN:
            error = f"{type(problem).__name__}: {problem}"
    entries = []
    for raw in parsed.get("entries", [])[:max_entries]:
        entry = _entry(name, raw, base_url)
        if entry is not None:
            entries.append(entry)
    if not entries and error is None and not parsed.get("version"):
        error = "not a feed (no RSS, Atom or JSON feed found)"
    title = _text(parsed.get("feed", {}).get("title", "")) or None
    return ParsedFeed(feed=name, title=title, entries=tuple(entries), error=error)


def _entry(feed: str, raw: Any, base_url: str) -> Entry | None:
    link = _link(raw, base_url)
    if link is None:
        return None
    title = _text(raw.get("title", "")) or link
    summary = _text(raw.get("summary", "") or _content(raw))
    return Entry(
        feed=feed,
        link=link,
        title=title[:1000],
        summary=summary[:5000],
        guid=str(raw.get("id")) if raw.get("id") else None,
        published=_when(raw),
        author=_text(raw.get("author", "")) or None,
    )


def _link(raw: Any, base_url: str) -> str | None:
    candidates = [raw.get("link")]
    candidates += [
        alt.get("href") for alt in raw.get("links", []) if alt.get("rel", "alternate") == "alternate"
    ]
    if raw.get("guidislink") or str(raw.get("id", "")).startswith(("http://", "https://")):
        candidates.append(raw.get("id"))
    for candidate in candidates:
        if not candidate or not isinstance(candidate, str):
            continue
        try:
            absolute = urljoin(base_url, candidate.strip())
            parts = urlsplit(absolute)
            if parts.scheme in ("http", "https") and parts.hostname:
                return absolute
        except ValueError:  # "http://[::1/x" and friends: not a link
            continue
    return None


def _content(raw: Any) -> str:
    for part in raw.get("content", []) or []:
        if part.get("value"):
            return str(part["value"])
    return ""


def _text(value: str) -> str:
    """Markup removed, entities decoded, spacing collapsed."""
    if not value:
        return ""
    text = html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", str(value))))
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACE.sub(" ", text)).strip()


def _when(raw: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = raw.get(key)
        if isinstance(value, time.struct_time):
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC).replace(tzinfo=None)
            except (OverflowError, ValueError, OSError):
                continue
    return None
