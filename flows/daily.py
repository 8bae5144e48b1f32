"""The daily flow: ingest every due feed, then render today's digest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow

from flows.digest import digest_sources
from flows.ingest import ingest_sources
from newsmon.config import load_sources


@flow(name="newsmon-daily", log_prints=False)
def daily(sources_path: str = "sources.yaml", send: bool = False) -> dict[str, Any]:
    """Ingest, then write today's digest (and send it, once, when ``send``)."""
    sources = load_sources(Path(sources_path))
    ingested = ingest_sources(sources)
    written = digest_sources(sources, send=send)
    return {"ingest": ingested, "digest": written}
