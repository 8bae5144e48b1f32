"""Tests of identity: canonical URLs, ids and fingerprints."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsmon.identity import article_id, canonical_url, fingerprint, normalise_text


def test_tracking_parameters_and_fragment_are_dropped() -> None:
    """utm_* parameters, the fragment, host case and the default port do not make another article."""
    a = canonical_url("https://WWW.Example.com:443/news/a?utm_source=rss&utm_medium=feed#top")

    assert "https://www.example.com/news/a" == a


def test_meaningful_query_is_kept_and_sorted() -> None:
    """A query that selects the article stays, in a stable order."""
    assert canonical_url("http://example.com/a?b=2&a=1") == canonical_url("http://example.com/a?a=1&b=2")
    assert canonical_url("http://example.com/a?id=1") != canonical_url("http://example.com/a?id=2")


@given(st.sampled_from(["http://example.com/x", "https://a.example.org/p/q?id=3", "https://b.org/"]),
       st.sampled_from(["", "#frag", "?utm_source=x", "?utm_campaign=y#z"]))
def test_canonical_url_is_idempotent(base: str, extra: str) -> None:
    """Canonicalising twice changes nothing."""
    once = canonical_url(base + extra)

    assert once == canonical_url(once)


def test_fingerprint_ignores_case_punctuation_and_spacing() -> None:
    """Copies that differ only in case, punctuation and spacing share a fingerprint."""
    assert fingerprint("Israeli strikes hit  Beirut, officials said.") == fingerprint(
        "israeli STRIKES hit Beirut officials said"
    )
    assert fingerprint("a b c") != fingerprint("a b d")


@given(st.text())
def test_normalise_text_is_idempotent(text: str) -> None:
    """Normalising normalised text changes nothing."""
    once = normalise_text(text)

    assert once == normalise_text(once)


def test_article_id_is_short_and_stable() -> None:
    """An id is 16 hex digits and depends only on the canonical URL."""
    assert article_id("https://example.com/a") == article_id("https://example.com/a")
    assert 16 == len(article_id("https://example.com/a"))
