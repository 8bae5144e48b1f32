"""The CPU half of ingest, runnable in worker processes: extraction and analysis of a feed's pages.

Extraction (trafilatura) and analysis hold the GIL, so threads would use one core; the ingest flow sends
this work to a process pool whose workers load the taxonomy once, when they start.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from newsmon.escalation import analyze
from newsmon.ingest import Page, build_articles
from newsmon.models import Analysis, Article, Feed
from newsmon.vocab import Taxonomy, load_taxonomy

_taxonomies: dict[Path | None, Taxonomy] = {}


def init_worker(taxonomy_path: Path | None) -> None:
    """Load the taxonomy in a new worker process, before its first batch."""
    taxonomy(taxonomy_path)


def taxonomy(path: Path | None) -> Taxonomy:
    """The taxonomy of ``path``, built once per process."""
    if path not in _taxonomies:
        _taxonomies[path] = load_taxonomy(path)
    return _taxonomies[path]


def extract_and_analyze(
    feed: Feed, pages: list[Page], now: datetime, taxonomy_path: Path | None
) -> tuple[list[Article], dict[str, Analysis]]:
    """Articles from one feed's pages and their analyses, by canonical URL."""
    articles = build_articles(feed, pages, now=now)
    tax = taxonomy(taxonomy_path)
    analyses = {
        a.canonical_url: analyze(a.title, a.summary, a.text if a.full_text else "", taxonomy=tax)
        for a in articles
    }
    return articles, analyses
