"""An installed newsmon (a wheel, not this source tree) has its seed corpus and warehouse migrations.

They live in warehouse/ beside the package, which a wheel does not carry; setup.py copies them into
newsmon/_shipped/ when it builds one, and newsmon.config reads whichever exists. This builds the
package's files as a wheel would hold them (setuptools' build_py, no download) and imports the
configuration from there, in another process, away from the source tree.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_built_package_ships_the_seed_corpus_and_the_migrations(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    built = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    probe = ("import json, newsmon.config as c; "
             "print(json.dumps([str(c.SHIPPED_SEED), str(c.MIGRATIONS), str(c.PROJECT_ROOT)]))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", probe], cwd=lib, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    seed, migrations, root = (Path(p) for p in json.loads(done.stdout))

    assert root == lib and seed == lib / "newsmon" / "_shipped" / "seed"
    for folder, pattern in ((seed, "*.txt"), (migrations, "*.sql")):
        shipped = sorted(p.name for p in folder.glob(pattern))
        assert shipped and shipped == sorted(p.name for p in (ROOT / "warehouse" / folder.name).glob(pattern))
