"""Ingest with its per-feed work on an existing Dask cluster (the optional ``newsmon[dask]`` extra).

The flow still opens the warehouse and writes every batch itself: only the tasks (fetching, extraction
and analysis of one feed's entries) run on the Dask workers, which return values to the flow.
"""

from __future__ import annotations

from typing import Any

from newsmon.config import Sources
from newsmon.errors import ConfigError


def dask_task_runner(address: str) -> Any:
    """A prefect-dask ``DaskTaskRunner`` connected to the scheduler at ``address``."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:
        raise ConfigError(
            f"a Dask scheduler is set ({address}) but prefect-dask is not installed: "
            "pip install 'newsmon[dask]'"
        ) from exc
    return DaskTaskRunner(address=address)


def ingest_on_dask(sources: Sources, address: str) -> dict[str, Any]:
    """Run the ingest flow as a subflow whose tasks go to the Dask scheduler at ``address``."""
    from flows.ingest import ingest

    on_dask = ingest.with_options(task_runner=dask_task_runner(address))
    return on_dask(sources_path=str(sources.settings.sources_path))  # type: ignore[no-any-return]
