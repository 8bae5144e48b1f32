"""Keep the end of a process quiet: DuckDB's bindings complain about objects Prefect still holds."""

from __future__ import annotations

import atexit
import os
import sys

_registered = False


def _silence_stderr() -> None:
    """Point stderr at /dev/null once the process has said everything it had to say.

    Prefect's background threads still hold DuckDB objects when the interpreter tears modules down, and
    DuckDB's bindings (nanobind) then print a page of "leaked instance" lines at every exit.
    """
    try:
        sys.stderr.flush()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
    except OSError:
        pass


def quiet_teardown() -> None:
    """Register the silencing once per process (atexit handlers run before module teardown)."""
    global _registered
    if not _registered:
        atexit.register(_silence_stderr)
        _registered = True
