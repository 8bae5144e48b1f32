"""Tests of the warehouse: migrations, the seed corpus, and the single-writer lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsmon.config import MIGRATIONS, SHIPPED_SEED
from newsmon.errors import WarehouseError
from newsmon.warehouse import load_seed_corpus, migrate, open_warehouse


def test_migrations_apply_once(tmp_path: Path) -> None:
    """Opening twice applies each migration once and records it."""
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        first = [r[0] for r in wh.con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        again = migrate(wh.con)

    assert sorted(p.name for p in MIGRATIONS.glob("*.sql")) == first
    assert [] == again


def test_a_newer_warehouse_is_refused(tmp_path: Path) -> None:
    """A warehouse with a migration this code does not know is not touched."""
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        wh.con.execute("INSERT INTO schema_migrations VALUES ('9999_future.sql', now())")

    with pytest.raises(WarehouseError, match="newer version"):
        open_warehouse(tmp_path / "w.duckdb")


def test_seed_corpus_loads_idempotently(tmp_path: Path) -> None:
    """The shipped seed articles are stored once, marked as seed, whatever the number of loads."""
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        added = load_seed_corpus(wh, SHIPPED_SEED)
        again = load_seed_corpus(wh, SHIPPED_SEED)
        rows = wh.con.execute("SELECT title, is_seed, full_text FROM articles ORDER BY title").fetchall()

    assert (2, []) == (len(added), again)
    assert all(is_seed and full for _, is_seed, full in rows)
    assert rows[0][0].startswith("Iran Threatens US") or rows[1][0].startswith("Iran Threatens US")


def test_a_second_process_gets_a_clear_lock_message(tmp_path: Path) -> None:
    """While one process holds the warehouse, another gets one line naming the file, not a traceback."""
    path = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from newsmon.warehouse import open_warehouse
            wh = open_warehouse(Path({str(path)!r}))
            print("held", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert "held" == holder.stdout.readline().strip()  # type: ignore[union-attr]
        with pytest.raises(WarehouseError) as info:
            open_warehouse(path, wait=0.5)
    finally:
        holder.communicate("")

    assert str(path) in str(info.value) and "in use by another newsmon process" in str(info.value)
    with open_warehouse(path) as wh:  # released: opens again, nothing lost
        assert wh.con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] >= 2
