"""The DuckDB warehouse: opening it (one writer), migrating its schema, and loading the seed corpus.

Migrations are the SQL files of ``warehouse/migrations/`` applied in name order, each once and in its own
transaction; ``schema_migrations`` records which ran. A file newer than the code refuses to open.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from newsmon.config import MIGRATIONS
from newsmon.errors import WarehouseError
from newsmon.identity import article_id, fingerprint

_LOCK_HINT = re.compile(r"(lock|Conflicting)", re.IGNORECASE)
_PID = re.compile(r"PID (\d+)")


@dataclass
class Warehouse:
    """An open warehouse: a DuckDB connection that is the only writer of its file."""

    path: Path
    con: duckdb.DuckDBPyConnection

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A transaction: committed when the block ends, rolled back when it raises."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")


def open_warehouse(
    path: Path, *, wait: float = 0.0, migrations: Path = MIGRATIONS
) -> Warehouse:
    """Open (creating if needed) and migrate the warehouse at ``path``.

    When another process holds it, retry for up to ``wait`` seconds, then raise WarehouseError naming the
    file and, where DuckDB tells it, the process that holds it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        try:
            con = duckdb.connect(str(path))
            break
        except duckdb.IOException as exc:
            message = str(exc)
            if not _LOCK_HINT.search(message):
                raise WarehouseError(f"{path}: cannot open the warehouse: {message}") from exc
            if time.monotonic() < deadline:
                time.sleep(0.25)
                continue
            pid = _PID.search(message)
            holder = f" (process {pid.group(1)})" if pid else ""
            raise WarehouseError(
                f"{path}: the warehouse is in use by another newsmon process{holder}; "
                "wait for it to finish and try again"
            ) from exc
        except duckdb.Error as exc:
            raise WarehouseError(f"{path}: cannot open the warehouse: {exc}") from exc
    warehouse = Warehouse(path=path, con=con)
    try:
        migrate(con, migrations)
    except BaseException:
        con.close()
        raise
    return warehouse


def migrate(con: duckdb.DuckDBPyConnection, folder: Path = MIGRATIONS) -> list[str]:
    """Apply the migrations not applied yet; return their names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied TIMESTAMP)"
    )
    done = {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}
    files = sorted(folder.glob("*.sql"))
    known = {f.name for f in files}
    unknown = sorted(done - known)
    if unknown:
        raise WarehouseError(
            f"the warehouse has migrations this newsmon does not know ({', '.join(unknown)}): "
            "it was written by a newer version"
        )
    applied = []
    for file in files:
        if file.name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(file.read_text(encoding="utf-8"))
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?)", [file.name, _utcnow()]
            )
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise WarehouseError(f"migration {file.name} failed: {exc}") from exc
        con.execute("COMMIT")
        applied.append(file.name)
    return applied


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def load_seed_corpus(warehouse: Warehouse, folder: Path) -> list[str]:
    """Load the seed articles of ``folder`` (``*.txt``: headline on the first line, then the body).

    Idempotent: a seed already stored is left alone. Returns the ids of seeds added now.
    """
    if not folder.is_dir():
        raise WarehouseError(f"{folder}: the seed corpus folder does not exist")
    added = []
    now = _utcnow()
    with warehouse.transaction() as con:
        for file in sorted(folder.glob("*.txt")):
            raw = file.read_text(encoding="utf-8", errors="replace").strip()
            if not raw:
                continue
            title, _, body = raw.partition("\n")
            body = body.strip() or title
            canonical = f"seed:{file.name}"
            aid = article_id(canonical)
            exists = con.execute("SELECT 1 FROM articles WHERE id = ?", [aid]).fetchone()
            if exists:
                continue
            con.execute(
                """INSERT INTO articles (id, canonical_url, url, feed, outlet, title, text, summary,
                       fingerprint, published, fetched, language, full_text, is_seed)
                   VALUES (?, ?, ?, 'seed', 'seed corpus', ?, ?, ?, ?, NULL, ?, 'en', true, true)""",
                [aid, canonical, canonical, title.strip(), body, body[:500], fingerprint(body), now],
            )
            added.append(aid)
    return added
