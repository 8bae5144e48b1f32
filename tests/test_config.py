"""Tests of sources.yaml loading: valid files, and errors that name file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmon.config import load_sources
from newsmon.errors import ConfigError

GOOD = """\
settings:
  timezone: Europe/Berlin
  warehouse: data/w.duckdb
  digests: out
  smtp:
    host: mail.example.org
feeds:
  - name: One
    url: https://example.org/one.xml
    tags: [middle-east]
  - name: Two
    url: https://example.org/two.xml
    language: fr
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as info:
        load_sources(write(tmp_path, text), environ={})
    return str(info.value)


def test_valid_file_resolves_paths_relative_to_it(tmp_path: Path) -> None:
    """Paths in settings are relative to the sources file, feeds keep their order and line."""
    sources = load_sources(write(tmp_path, GOOD), environ={})

    assert tmp_path / "data" / "w.duckdb" == sources.settings.warehouse
    assert tmp_path / "out" == sources.settings.digests
    assert ["One", "Two"] == [f.name for f in sources.feeds]
    assert 8 == sources.feeds[0].line
    assert "fr" == sources.feeds[1].language


def test_unknown_key_names_line_and_field(tmp_path: Path) -> None:
    """A misspelt key is refused with its line."""
    message = error_of(tmp_path, GOOD.replace("    language: fr", "    langauge: fr"))

    assert "sources.yaml:13: feeds[1].langauge" in message


def test_bad_url_names_line(tmp_path: Path) -> None:
    """A URL that is not http(s) is refused with the line of its key."""
    message = error_of(tmp_path, GOOD.replace("https://example.org/two.xml", "ftp://example.org/x"))

    assert "sources.yaml:12: feeds[1].url" in message


def test_duplicate_names_are_refused(tmp_path: Path) -> None:
    """Two feeds with one name give an error naming the second's line and the first's."""
    message = error_of(tmp_path, GOOD.replace("name: Two", "name: One"))

    assert "sources.yaml:11: feeds[1].name: duplicate feed name 'One' (first at line 8)" in message


def test_wrong_type_names_field(tmp_path: Path) -> None:
    """A list where a string belongs is refused with the field's path."""
    message = error_of(tmp_path, GOOD.replace("digests: out", "digests: [a, b]"))

    assert "sources.yaml:4: settings.digests" in message


def test_bad_time_zone_is_refused(tmp_path: Path) -> None:
    """An unknown time zone is named."""
    message = error_of(tmp_path, GOOD.replace("Europe/Berlin", "Mars/Olympus"))

    assert "sources.yaml:2: settings.timezone" in message and "Mars/Olympus" in message


def test_broken_yaml_names_line(tmp_path: Path) -> None:
    """Broken YAML gives the line where the parser stopped."""
    message = error_of(tmp_path, GOOD.replace("tags: [middle-east]", "tags: [middle-east"))

    assert message.startswith(f"{tmp_path / 'sources.yaml'}:")
    assert "invalid YAML" in message


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    """A missing sources file is reported, not a traceback."""
    with pytest.raises(ConfigError, match="file not found"):
        load_sources(tmp_path / "nope.yaml", environ={})


def test_environment_overrides_smtp_and_never_shows_password(tmp_path: Path) -> None:
    """NEWSMON_SMTP_* override the file; the password is not in the settings' repr."""
    env = {"NEWSMON_SMTP_PASSWORD": "s3cret-pw", "NEWSMON_SMTP_PORT": "2525",
           "NEWSMON_SMTP_RECIPIENTS": "a@example.org, b@example.org"}
    settings = load_sources(write(tmp_path, GOOD), environ=env).settings

    assert ("s3cret-pw", 2525) == (settings.smtp.password, settings.smtp.port)
    assert ("a@example.org", "b@example.org") == settings.smtp.recipients
    assert "s3cret-pw" not in repr(settings)


def test_shipped_sources_file_is_valid() -> None:
    """The sources.yaml in the repository loads, with about fifteen feeds."""
    sources = load_sources(Path(__file__).resolve().parents[1] / "sources.yaml", environ={})

    assert 12 <= len(sources.feeds) <= 20
