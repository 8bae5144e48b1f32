"""The analysis compiled with mypyc (NEWSMON_COMPILE=1) gives exactly the pure Python's results.

mypyc checks the type annotations at run time and turns the dataclasses into native classes, so a
compiled module can fail, or differ, where the pure one does not; and its frozen dataclasses cannot
be unpickled, so every analysis is also sent through pickle, as the ingest's worker processes send
it. This builds the modules listed in pyproject.toml into a directory of their own (about a minute),
runs ``analyze`` there in another process on every labelled item of tests/data, the seed corpus's
articles and the analysis benchmark's full texts, and compares each result with the pure module's
in this process. It skips where no compiler or mypyc is at hand.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.analysis import articles, news_articles
from bench.compiled import build, unavailable
from newsmon.escalation import analyze
from newsmon.vocab import load_taxonomy

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).resolve().parents[1] / "warehouse" / "seed"

# run in the compiled copy: one JSON line per item, the analysis as plain data
_RUN = """
import dataclasses, json, pickle, sys
import newsmon.escalation
from newsmon.escalation import analyze
from newsmon.vocab import load_taxonomy
assert not newsmon.escalation.__file__.endswith(".py"), newsmon.escalation.__file__
taxonomy = load_taxonomy()
for line in sys.stdin:
    item = json.loads(line)
    result = analyze(item["title"], item["summary"], item["text"], taxonomy=taxonomy)
    assert pickle.loads(pickle.dumps(result)) == result  # analyses travel to and from worker processes
    print(json.dumps(dataclasses.asdict(result)))
"""


def _items() -> list[dict[str, str]]:
    items = []
    for path in sorted(DATA.glob("analysis_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if "title" in row:
                items.append({"title": row["title"], "summary": row.get("summary") or "", "text": ""})
    for path in sorted(SEED.glob("*.txt")):  # whole articles: the full-text path
        title, _, text = path.read_text(encoding="utf-8").partition("\n")
        items.append({"title": title, "summary": "", "text": text})
    # the benchmark's 800-word texts: the seed corpus's sentences, and real news where ../shared is
    for title, text in articles(40) + news_articles(40):
        items.append({"title": title, "summary": "", "text": text})
    return items


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reason = unavailable()
    if reason:
        pytest.skip(f"no compiled build: {reason}")
    return build(tmp_path_factory.mktemp("mypyc"))


def test_the_compiled_analysis_gives_the_pure_results(compiled: Path) -> None:
    items = _items()
    done = subprocess.run([sys.executable, "-c", _RUN], cwd=compiled, capture_output=True, text=True,
                          input="".join(json.dumps(i) + "\n" for i in items), timeout=900)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    got = [json.loads(line) for line in done.stdout.splitlines()]
    taxonomy = load_taxonomy()
    results = [analyze(i["title"], i["summary"], i["text"], taxonomy=taxonomy) for i in items]
    expected = [json.loads(json.dumps(dataclasses.asdict(r))) for r in results]

    assert len(items) > 1500 and len(got) == len(items)
    assert [i for i, (a, b) in enumerate(zip(got, expected)) if a != b] == []
