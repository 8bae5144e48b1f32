"""Start, check and stop a local Prefect server (``prefect server start``) as a child process.

The server runs in its own process group, so stopping it signals exactly the processes it started
(uvicorn and its services) by that group's id, and nothing else on the machine.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

from newsmon.errors import NewsmonError


class ServerError(NewsmonError):
    """The local Prefect server did not start or did not become healthy."""


@dataclass
class PrefectServer:
    """A running local Prefect server: its API URL, process and log file."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def healthy(self, *, timeout: float = 2.0) -> bool:
        """Whether the API answers its health check now."""
        return healthy(self.url, timeout=timeout)

    def stop(self, *, timeout: float = 20.0) -> int:
        """SIGTERM the server's process group, SIGKILL it after ``timeout``; return the exit status."""
        if self.process.poll() is None:
            _signal_group(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _signal_group(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        # children that outlived the leader (uvicorn workers) still carry the group id
        _signal_group(self.process.pid, signal.SIGKILL)
        return self.process.returncode


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """Whether something accepts connections on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def api_url(port: int, host: str = "127.0.0.1") -> str:
    """The API URL of a Prefect server on ``host:port``."""
    return f"http://{host}:{port}/api"


def healthy(url: str, *, timeout: float = 2.0) -> bool:
    """Whether the Prefect API at ``url`` answers ``/health`` with 200."""
    try:
        return httpx.get(f"{url.rstrip('/')}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def start_server(
    home: Path, *, port: int, environ: Mapping[str, str], host: str = "127.0.0.1",
    timeout: float = 120.0,
) -> PrefectServer:
    """Start ``prefect server start`` on ``host:port`` with ``environ``; wait until it is healthy.

    Raises ServerError when the port is taken, the process exits, or it is not healthy in time; the
    log is ``home/server.log``.
    """
    if port_in_use(port, host):
        raise ServerError(
            f"port {port} on {host} is already in use: stop what listens there, choose another port "
            "(newsmon serve --port), or point PREFECT_API_URL at that server if it is Prefect"
        )
    home.mkdir(parents=True, exist_ok=True)
    log = home / "server.log"
    url = api_url(port, host)
    env = {**environ, "PREFECT_API_URL": url}
    out: IO[bytes] = log.open("ab")
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port),
             "--analytics-off"],
            env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        out.close()
    server = PrefectServer(url=url, process=process, log=log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            server.stop()
            raise ServerError(f"the Prefect server exited with status {process.returncode}; see {log}")
        if server.healthy(timeout=1.0):
            return server
        time.sleep(0.25)
    server.stop()
    raise ServerError(f"the Prefect server was not healthy after {timeout:.0f} s; see {log}")
