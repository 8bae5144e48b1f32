"""Helpers shared by the CLI modules: expected errors become one line and exit status 1."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsmon.errors import NewsmonError

F = TypeVar("F", bound=Callable[..., Any])


def expected_errors(func: F) -> F:
    """Turn a NewsmonError into ``newsmon: <message>`` on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewsmonError as exc:
            click.echo(f"newsmon: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


sources_option = click.option(
    "--sources",
    "sources_path",
    type=click.Path(dir_okay=False),
    default="sources.yaml",
    show_default=True,
    help="The sources file; paths in its settings: block are relative to it.",
)
