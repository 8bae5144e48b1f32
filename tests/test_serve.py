"""newsmon serve end to end: a real local Prefect server, an ingest run triggered on demand, SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from newsmon.demo.server import DemoServer, write_demo_sources
from newsmon.ops.server import free_port

REPO = Path(__file__).resolve().parents[1]


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _group(pgid: int) -> str:
    """The processes of group ``pgid`` (for a failure message)."""
    out = subprocess.run(["ps", "-o", "pid,stat,args", "-g", str(pgid)], capture_output=True, text=True)
    return out.stdout.strip()


def _wait(check, timeout: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _deployment_id(api: str) -> str | None:
    try:
        r = httpx.get(f"{api}/deployments/name/newsmon-scheduled-ingest/ingest", timeout=5)
    except httpx.HTTPError:
        return None
    return r.json()["id"] if r.status_code == 200 else None


def _new_run(api: str) -> str | None:
    """A flow run of the ingest deployment, created once the server accepts it (None until then)."""
    deployment = _deployment_id(api)
    if deployment is None:
        return None
    try:
        r = httpx.post(f"{api}/deployments/{deployment}/create_flow_run", json={}, timeout=10)
    except httpx.HTTPError:
        return None
    return r.json().get("id") if r.status_code == 201 else None


def _final_state(api: str, run_id: str) -> str | None:
    state = httpx.get(f"{api}/flow_runs/{run_id}", timeout=5).json()["state"]["type"]
    return state if state in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None


def test_serve_runs_an_ingest_deployment_and_stops_cleanly_on_sigterm(
    tmp_path: Path, demo_server: DemoServer
) -> None:
    """newsmon serve starts its server, runs a triggered ingest into the warehouse, and leaves no process."""
    sources = write_demo_sources(demo_server.base_url, tmp_path)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_RUNNER_POLL_FREQUENCY="1", PYTHONPATH=str(REPO))
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from newsmon.cli import main; main()", "serve", "--sources", str(sources), "--port", str(port),
         "--catch-up-days", "0", "-v"],
        cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    api = f"http://127.0.0.1:{port}/api"
    try:
        _wait(lambda: _deployment_id(api), 120, "the ingest deployment")
        # serve may still be registering its deployments: a create can be refused for a moment
        run_id = _wait(lambda: _new_run(api), 60, "an accepted ingest run")
        state = _wait(lambda: _final_state(api, run_id), 120, "the ingest run")
        assert "COMPLETED" == state, (tmp_path / "serve.log").read_text()[-3000:]
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            log.close()

    output = (tmp_path / "serve.log").read_text()
    assert 0 == code, output[-3000:]
    server_pid = int(re.search(r"healthy \(process (\d+)\)", output).group(1))  # type: ignore[union-attr]
    # a child may still be exiting a moment after serve itself: allow it a grace, not a leak
    for pgid in (proc.pid, server_pid):
        try:
            _wait(lambda: not _group_alive(pgid), 15, f"process group {pgid} to end")
        except AssertionError as exc:
            raise AssertionError(f"{exc}; still running:\n{_group(pgid)}") from None
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{api}/health", timeout=2)
    con = duckdb.connect(str(tmp_path / "warehouse" / "newsmon.duckdb"), read_only=True)
    kinds = con.execute("SELECT kind, feeds_ok, articles_new FROM runs").fetchall()
    con.close()
    assert [("ingest", 4)] == [(k, ok) for k, ok, _ in kinds]
    assert kinds[0][2] > 0
