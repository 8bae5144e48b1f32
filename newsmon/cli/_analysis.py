"""``newsmon analyze`` and ``newsmon eval analysis``: tag and score JSONL items, or a labelled file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any

import click

from newsmon.cli import main
from newsmon.cli._common import expected_errors
from newsmon.errors import InputError
from newsmon.escalation import analyze
from newsmon.evaluation import (
    format_report,
    format_sentences,
    predict,
    read_gold,
    read_sentences,
    score,
    score_sentences,
)
from newsmon.models import Analysis
from newsmon.vocab import Taxonomy, load_taxonomy

taxonomy_option = click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Your taxonomy.yaml (default: ./taxonomy.yaml when it exists).",
)


def _taxonomy(path: str | None) -> Taxonomy:
    if path is None and Path("taxonomy.yaml").is_file():
        path = "taxonomy.yaml"
    return load_taxonomy(Path(path) if path else None)


def to_record(item_id: Any, analysis: Analysis) -> dict[str, Any]:
    """The JSON object of one analysed item (optional evidence keys left out when unknown)."""
    evidence = []
    for e in analysis.events:
        row: dict[str, Any] = {"event": e.event, "sentence": e.sentence}
        for key in ("mode", "source", "target", "killed", "wounded"):
            value = getattr(e, key)
            if value is not None:
                row[key] = value
        evidence.append(row)
    return {
        "id": item_id,
        "level": analysis.level,
        "deescalation": analysis.deescalation,
        "score": analysis.score,
        "regions": list(analysis.regions),
        "actors": list(analysis.actors),
        "events": sorted({e.event for e in analysis.events}),
        "evidence": evidence,
    }


def _parse(line: str, number: int) -> tuple[Any, str, str, str]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {number}: not JSON: {exc.msg}", line=number) from exc
    if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("title"), str):
        raise InputError(f"line {number}: needs an object with \"id\" and a \"title\" string",
                         line=number)  # fmt: skip
    parts = []
    for key in ("summary", "text"):
        value = row.get(key) or ""
        if not isinstance(value, str):
            raise InputError(f"line {number}: \"{key}\" must be a string", line=number)
        parts.append(value)
    return row["id"], row["title"], parts[0], parts[1]


def analyze_stream(source: IO[str], sink: IO[str], taxonomy: Taxonomy) -> list[InputError]:
    """Analyse each JSONL line of ``source`` into ``sink``; return the malformed lines' errors."""
    errors: list[InputError] = []
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            item_id, title, summary, text = _parse(line, number)
        except InputError as exc:
            errors.append(exc)
            click.echo(f"newsmon: {exc}", err=True)
            continue
        result = analyze(title, summary, text, taxonomy=taxonomy)
        sink.write(json.dumps(to_record(item_id, result), ensure_ascii=False) + "\n")
    return errors


@main.command("analyze")
@click.option("--in", "in_path", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              show_default=True, help="JSONL items {id, title, summary?, text?}; - is stdin.")  # fmt: skip
@click.option("--out", "out_path", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              show_default=True, help="Where to write one JSON analysis per line; - is stdout.")  # fmt: skip
@taxonomy_option
@expected_errors
def analyze_command(in_path: str, out_path: str, taxonomy_path: str | None) -> None:
    """Tag items by region and actor, detect their events and score their escalation.

    A malformed line is reported with its line number on stderr; the other lines still run and
    the exit status is 1.

    \b
    Example:
        newsmon analyze --in items.jsonl --out analysed.jsonl
        echo '{"id": 1, "title": "Israeli strikes kill 20 in Lebanon"}' | newsmon analyze
    """
    taxonomy = _taxonomy(taxonomy_path)
    with click.open_file(in_path, encoding="utf-8") as source, click.open_file(
        out_path, "w", encoding="utf-8"
    ) as sink:
        errors = analyze_stream(source, sink, taxonomy)
    if errors:
        click.echo(f"newsmon: {len(errors)} malformed line(s) skipped", err=True)
        sys.exit(1)


@main.group("eval")
def eval_group() -> None:
    """Measure newsmon's stages on labelled data.

    \b
    Example:
        newsmon eval analysis --gold ../shared/eval/dev.jsonl
    """


@eval_group.command("analysis")
@click.option("--gold", "gold_path", type=click.Path(dir_okay=False, exists=True),
              help="Labelled JSONL items with a \"gold\" label, as the shared dev set.")  # fmt: skip
@click.option("--sentences", "sentences_path", type=click.Path(dir_okay=False, exists=True),
              help="sentence<TAB>CAMEO class 0-4 lines: prints class against level.")  # fmt: skip
@taxonomy_option
@click.option("--worst", type=int, default=10, show_default=True,
              help="How many of the worst misses to list per field (0: none).")  # fmt: skip
@expected_errors
def eval_analysis(gold_path: str | None, sentences_path: str | None, taxonomy_path: str | None,
                  worst: int) -> None:  # fmt: skip
    """Score the analysis on a labelled file: relevance, escalation, level, sets, worst misses.

    \b
    Example:
        newsmon eval analysis --gold ../shared/eval/dev.jsonl --worst 5
        newsmon eval analysis --sentences ../shared/data/cameo-sentences/train.tsv
    """
    if not gold_path and not sentences_path:
        raise click.UsageError("give --gold, --sentences or both")
    taxonomy = _taxonomy(taxonomy_path)
    if gold_path:
        report = score(predict(read_gold(Path(gold_path)), taxonomy), worst=worst)
        click.echo(format_report(report, misses=worst > 0))
    if sentences_path:
        confusion = score_sentences(read_sentences(Path(sentences_path)), taxonomy)
        click.echo(format_sentences(confusion))
