"""The exceptions newsmon raises, one tree with ``NewsmonError`` at its root.

    NewsmonError            anything newsmon expects and reports in one line
     ├── ConfigError        sources.yaml or taxonomy.yaml is invalid (names file:line and field)
     ├── FetchError         a feed or page could not be fetched (names the URL)
     │    └── RefusedError  a URL was refused before connecting (private address, scheme, size)
     ├── ParseError         feed bytes could not be parsed at all (names the feed)
     ├── ExtractError       an article page gave no usable text (names the URL)
     ├── InputError         a line of a JSONL input file is malformed (names the line)
     ├── WarehouseError     the DuckDB warehouse is locked, newer than this code, or broken
     └── MailError          the digest could not be sent (names the SMTP host, never the password)
"""

from __future__ import annotations


class NewsmonError(Exception):
    """An expected failure: the CLI prints it in one line and exits with status 1."""


class ConfigError(NewsmonError):
    """A configuration file is invalid; the message names the file, line and field."""


class FetchError(NewsmonError):
    """A feed or page could not be fetched."""

    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class RefusedError(FetchError):
    """A URL was refused before or while connecting (scheme, private address, size, type)."""


class ParseError(NewsmonError):
    """Feed bytes could not be parsed into any entries."""


class ExtractError(NewsmonError):
    """An article page gave no usable text."""


class InputError(NewsmonError):
    """A line of an input file is malformed."""

    def __init__(self, message: str, *, line: int) -> None:
        super().__init__(message)
        self.line = line


class WarehouseError(NewsmonError):
    """The warehouse cannot be opened or written (locked, newer schema, corrupt)."""


class MailError(NewsmonError):
    """The digest could not be sent over SMTP."""
