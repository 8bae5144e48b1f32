"""Ingest on a local Dask cluster (two worker processes) stores what the default task runner stores."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("prefect_dask")
distributed = pytest.importorskip("distributed")

from prefect.testing.utilities import prefect_test_harness  # noqa: E402

from newsmon.demo.server import DemoServer, write_demo_sources  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def harness() -> Iterator[None]:
    """A temporary Prefect server for this module's flow runs."""
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A local Dask cluster of two worker processes; yields its scheduler address."""
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=2, processes=True,
                                  dashboard_address=None) as local:
        yield local.scheduler_address


def _stored(folder: Path) -> tuple[list[tuple], set[frozenset[str]]]:  # type: ignore[type-arg]
    """Each article with its analysis, and the groups of copies as sets of URLs.

    Feeds are fetched concurrently, so which copy of a syndicated story arrives first (and is the
    original) may differ between two runs; the group of copies does not.
    """
    con = duckdb.connect(str(folder / "warehouse" / "newsmon.duckdb"), read_only=True)
    try:
        rows = con.execute(
            """SELECT a.canonical_url, a.fingerprint, a.full_text, x.level, x.score,
                      (SELECT string_agg(region, ',' ORDER BY rank) FROM article_regions r
                        WHERE r.article_id = a.id)
               FROM articles a LEFT JOIN article_analysis x ON x.article_id = a.id
               WHERE NOT a.is_seed ORDER BY a.canonical_url"""
        ).fetchall()
        groups: dict[str, set[str]] = {}
        for url, root in con.execute(
            "SELECT canonical_url, COALESCE(duplicate_of, id) FROM articles WHERE NOT is_seed"
        ).fetchall():
            groups.setdefault(root, set()).add(url)
        return rows, {frozenset(g) for g in groups.values()}
    finally:
        con.close()


def test_ingest_on_dask_stores_the_same_as_the_default_runner(
    tmp_path: Path, demo_server: DemoServer, harness: None, cluster: str
) -> None:
    """The same feeds ingested on Dask and locally give the same articles, analyses and regions."""
    from flows.schedules import scheduled_ingest

    local_dir, dask_dir = tmp_path / "local", tmp_path / "dask"
    local_dir.mkdir()
    dask_dir.mkdir()
    local = scheduled_ingest(sources_path=str(write_demo_sources(demo_server.base_url, local_dir)))
    on_dask = scheduled_ingest(sources_path=str(write_demo_sources(demo_server.base_url, dask_dir)),
                               dask_address=cluster)

    assert local["articles_new"] > 0
    assert (local["articles_new"], local["articles_copies"]) == (on_dask["articles_new"], on_dask["articles_copies"])
    assert _stored(local_dir) == _stored(dask_dir)
