"""The settings of ``newsmon serve`` and what they mean for the Prefect server it starts.

``ServeSettings`` (in config.py) is the ``serve:`` block of ``settings:`` in sources.yaml; the ``newsmon
serve`` options override it.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from newsmon.config import ServeSettings, Settings


def serve_settings(settings: Settings, **overrides: object) -> ServeSettings:
    """The serve settings of ``settings`` with the non-None ``overrides`` applied."""
    base = settings.serve
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
