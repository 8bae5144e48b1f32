"""The settings of ``newsmon serve`` and what they mean for the Prefect server it starts.

``ServeSettings`` is meant to become the ``serve:`` block of ``settings:`` in sources.yaml; until
``newsmon/config.py`` carries it, ``serve_settings`` falls back to the defaults and the ``newsmon serve``
options override them.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from newsmon.config import Settings


class ServeSettings(BaseModel):
    """How ``newsmon serve`` runs: its local Prefect server, catch-up, retention, Dask."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    port: int = Field(4210, ge=1024, le=65535)  # of the local Prefect server on 127.0.0.1
    prefect_home: str | None = None  # default: prefect/ beside the warehouse file
    catchup_days: int = Field(7, ge=0, le=7)  # missed digests rendered and sent on start, at most
    keep_days: int = Field(30, ge=1)  # flow runs and events older than this are vacuumed
    lock_wait_minutes: float = Field(60.0, ge=0)  # how long a run queues behind another for the warehouse
    dask_address: str | None = None  # e.g. tcp://10.0.0.5:8786: ingest's CPU work runs there


def serve_settings(settings: Settings, **overrides: object) -> ServeSettings:
    """The serve settings of ``settings`` (defaults when config has none) with non-None overrides."""
    base = getattr(settings, "serve", None) or ServeSettings()
    update = {k: v for k, v in overrides.items() if v is not None}
    return base.model_copy(update=update) if update else base


def prefect_home(settings: Settings, serve: ServeSettings) -> Path:
    """Where the local Prefect server keeps its database and profiles."""
    if serve.prefect_home:
        home = Path(serve.prefect_home).expanduser()
        return home if home.is_absolute() else settings.sources_path.parent / home
    return settings.warehouse.parent / "prefect"


def server_environment(home: Path, serve: ServeSettings) -> dict[str, str]:
    """Prefect variables for the local server: its home, no telemetry, bounded history, quiet logs."""
    keep = int(timedelta(days=serve.keep_days).total_seconds())
    return {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        # the vacuum service deletes finished flow runs (with their logs) and events past the period
        "PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED": "events,flow_runs",
        "PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD": str(keep),
        "PREFECT_SERVER_EVENTS_RETENTION_PERIOD": f"P{serve.keep_days}D",
        "PREFECT_SERVER_SERVICES_DB_VACUUM_LOOP_SECONDS": "3600",
        "PREFECT_UI_ENABLED": "true",
        "PREFECT_LOGGING_SERVER_LEVEL": "WARNING",
    }
