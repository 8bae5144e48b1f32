"""``newsmon cluster``: near-duplicates and stories of a JSONL file of items."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import click
import duckdb

from newsmon.cli import main
from newsmon.cli._analysis import eval_group
from newsmon.cli._common import expected_errors, sources_option
from newsmon.cluster_eval import format_score, read_labelled, score
from newsmon.clustering import ClusterResult, cluster_items, cluster_items_against
from newsmon.errors import InputError, WarehouseError


def read_items(stream: IO[str]) -> tuple[list[dict[str, Any]], list[InputError]]:
    """The valid items of a JSONL stream, and an error (with its line number) for each malformed line."""
    items: list[dict[str, Any]] = []
    errors: list[InputError] = []
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(InputError(f"line {number}: not JSON: {exc.msg}", line=number))
            continue
        if not isinstance(item, dict):
            errors.append(InputError(f"line {number}: expected an object", line=number))
        elif not isinstance(item.get("id"), (str, int)) or item.get("id") == "":
            errors.append(InputError(f"line {number}: missing 'id'", line=number))
        elif not isinstance(item.get("title", ""), str) or not any(
            isinstance(item.get(k), str) and item.get(k) for k in ("title", "text", "summary")
        ):
            errors.append(InputError(f"line {number}: needs a 'title', 'text' or 'summary' string", line=number))
        else:
            item["id"] = str(item["id"])
            items.append(item)
    return items, errors


def result_line(result: ClusterResult) -> str:
    """One output line: ``{"id", "duplicate_of", "story", "similarity"}``."""
    return json.dumps({"id": result.id, "duplicate_of": result.duplicate_of, "story": result.story_id,
                       "similarity": result.similarity}, ensure_ascii=False)


@main.command("cluster")
@click.option("--in", "in_file", type=click.File("r", encoding="utf-8"), default="-",
              help="Items as JSONL, in arrival order (stdin by default).")
@click.option("--out", "out_file", type=click.File("w", encoding="utf-8"), default="-",
              help="Where the results go, as JSONL (stdout by default).")
@click.option("--against-warehouse", is_flag=True,
              help="Also match the seed corpus and the articles stored in the warehouse (read only).")
@sources_option
@expected_errors
def cluster_command(in_file: IO[str], out_file: IO[str], against_warehouse: bool, sources_path: str) -> None:
    """Mark near-duplicate copies and group items into stories.

    Input lines: {"id", "title", "text"?, "summary"?, "url"?, "published"?}. Output lines: {"id",
    "duplicate_of", "story", "similarity"}. A malformed line is reported with its number; the rest runs.

    \b
    Example:
        newsmon cluster --in items.jsonl --out clusters.jsonl
        newsmon cluster --against-warehouse < items.jsonl
    """
    items, errors = read_items(in_file)
    for error in errors:
        click.echo(f"newsmon: {error}", err=True)
    if against_warehouse:
        from newsmon.config import load_sources

        settings = load_sources(sources_path).settings
        try:
            con = duckdb.connect(str(settings.warehouse), read_only=True)
        except duckdb.Error as exc:
            raise WarehouseError(f"{settings.warehouse}: cannot open the warehouse: {exc}") from exc
        try:
            now = datetime.now(UTC).replace(tzinfo=None)
            results = cluster_items_against(con, items, now=now, window_days=settings.neardup_window_days)
        finally:
            con.close()
    else:
        results = cluster_items(items)
    for result in results:
        out_file.write(result_line(result) + "\n")
    out_file.flush()
    if errors:
        sys.exit(1)


@eval_group.command("cluster")
@click.option("--gold", "gold_path", type=click.Path(dir_okay=False, exists=True), required=True,
              help="Items as JSONL in arrival order, labelled inline with \"gold\": {\"duplicate_of\", \"story\"}.")
@click.option("--labels", "labels_path", type=click.Path(dir_okay=False, exists=True),
              help="Labels kept apart from the items: {\"id\", \"group\", \"duplicate_of\"?} lines.")
@expected_errors
def eval_cluster(gold_path: str, labels_path: str | None) -> None:
    """Score near-duplicates (precision, recall) and stories (pairwise precision, recall, F1).

    An item without a story label is a story of its own; one without ``duplicate_of`` is an original.

    \b
    Example:
        newsmon eval cluster --gold ../shared/eval/dev.jsonl --labels tests/data/dev_story_groups.jsonl
    """
    labelled = read_labelled(Path(gold_path), Path(labels_path) if labels_path else None)
    click.echo(format_score(score(labelled)))
