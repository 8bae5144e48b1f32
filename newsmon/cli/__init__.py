"""The ``newsmon`` command line: one click group, one module per family of commands."""

from __future__ import annotations

import atexit
import os
import sys

import click

from newsmon import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsmon")
def main() -> None:
    """newsmon: fetch conflict coverage from feeds, tag it, score it, and write a daily digest.

    \b
    Example:
        newsmon run                 # ingest every feed, then write today's digest
    """




def _quiet_teardown() -> None:
    """Silence stderr once the command is over.

    Prefect's background threads still hold DuckDB objects when the interpreter tears modules down, and
    DuckDB's bindings (nanobind) then print a page of "leaked instance" lines on every exit. By the time
    atexit handlers run, everything newsmon has to say has been said.
    """
    try:
        sys.stderr.flush()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
    except OSError:
        pass


atexit.register(_quiet_teardown)

# Each module below adds its commands to ``main`` when imported; keep one import per line.
from newsmon.cli import _pipeline  # noqa: E402,F401
from newsmon.cli import _cluster  # noqa: E402,F401
from newsmon.cli import _analysis  # noqa: E402,F401
from newsmon.cli import _ops  # noqa: E402,F401
from newsmon.cli import _digest  # noqa: E402,F401
