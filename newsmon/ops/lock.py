"""The run lock: one newsmon run at a time writes the warehouse, across processes and machines' crashes.

It is an advisory ``fcntl.flock`` on a file beside the warehouse. The kernel drops it when the holding
process ends, however it ends, so a crashed run never leaves it held. Whoever holds it writes its pid
and run kind into the file so that a waiting run can say what it waits for.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsmon.errors import WarehouseError


def lock_path(warehouse: Path) -> Path:
    """The lock file of ``warehouse``."""
    return warehouse.with_name(warehouse.name + ".runlock")


def holder(warehouse: Path) -> str:
    """What the lock file says about the last holder ('' when nothing)."""
    try:
        return lock_path(warehouse).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


@contextmanager
def run_lock(warehouse: Path, *, kind: str, wait: float = 0.0, poll: float = 0.2) -> Iterator[float]:
    """Hold the warehouse's run lock for the block; queue up to ``wait`` seconds, then WarehouseError.

    Yields how long the run waited, in seconds.
    """
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    started = time.monotonic()
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() - started >= wait:
                    busy = holder(warehouse) or "another process"
                    raise WarehouseError(
                        f"{warehouse}: a {kind} run cannot start: {busy} holds the warehouse "
                        f"(waited {wait:.0f} s)"
                    ) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{kind} run, process {os.getpid()}\n".encode(), 0)
        yield time.monotonic() - started
    finally:
        os.close(fd)  # closing the descriptor releases the flock
