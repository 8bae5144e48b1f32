"""The ``newsmon`` command line: one click group, one module per family of commands."""

from __future__ import annotations

import click

from newsmon import __version__
from newsmon.teardown import quiet_teardown


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsmon")
def main() -> None:
    """newsmon: fetch conflict coverage from feeds, tag it, score it, and write a daily digest.

    \b
    Example:
        newsmon run                 # ingest every feed, then write today's digest
    """


quiet_teardown()

# Each module below adds its commands to ``main`` when imported; keep one import per line.
# isort: off
from newsmon.cli import _pipeline  # noqa: E402,F401
from newsmon.cli import _cluster  # noqa: E402,F401
from newsmon.cli import _analysis  # noqa: E402,F401
from newsmon.cli import _ops  # noqa: E402,F401
from newsmon.cli import _digest  # noqa: E402,F401
# isort: on
