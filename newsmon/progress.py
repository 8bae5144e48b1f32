"""A tiny seam for progress reports: the CLI installs a reporter, the flows call ``report``."""

from __future__ import annotations

from collections.abc import Callable

Reporter = Callable[[str, int, int], None]  # (what, done, total)

_reporter: Reporter | None = None


def set_reporter(reporter: Reporter | None) -> None:
    """Install (or remove, with None) the function that receives progress reports."""
    global _reporter
    _reporter = reporter


def report(what: str, done: int, total: int) -> None:
    """Tell the reporter, if any, that ``done`` of ``total`` ``what`` are finished."""
    if _reporter is not None:
        _reporter(what, done, total)
