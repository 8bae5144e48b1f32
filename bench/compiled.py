"""Build the analysis modules with mypyc into a directory of their own, beside the pure source.

``NEWSMON_COMPILE=1 pip install .`` compiles the same modules into an installed package (setup.py);
this builds a throwaway copy instead, so that the benchmark and the tests can run the compiled
analysis without installing it, and without a compiled module in the source tree hiding its edits.

    python bench/compiled.py DEST    # DEST/newsmon with the modules of [tool.newsmon] compiled
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def modules() -> list[str]:
    """The modules pyproject.toml lists for compiling, as paths relative to the repository."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        return list(tomllib.load(f)["tool"]["newsmon"]["compiled"])


def unavailable() -> str | None:
    """Why a compiled build cannot be made here, or None."""
    try:
        import mypyc  # noqa: F401
    except ImportError:
        return "mypyc is not installed (it comes with mypy)"
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    if not Path(sysconfig.get_paths()["include"], "Python.h").exists():
        return "no Python headers (Python.h)"
    return None


def build(dest: Path) -> Path:
    """Copy the package into ``dest`` and compile the listed modules there; return ``dest``.

    Raises RuntimeError with mypyc's output when the build fails."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "newsmon", dest / "newsmon", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.so"))  # fmt: skip
    # mypy's settings alone: mypyc builds through setuptools, which would validate the project's
    # metadata in a pyproject.toml with whatever setuptools this environment has
    with (ROOT / "pyproject.toml").open("rb") as f:
        settings = tomllib.load(f)["tool"]["mypy"]
    lines = [f"{key} = {value}" for key, value in settings.items()]  # True, 3.11: as mypy.ini spells them
    (dest / "mypy.ini").write_text("[mypy]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mypyc", *modules()], cwd=dest, capture_output=True,
                          text=True, timeout=900)  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"mypyc failed in {dest}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return dest


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python bench/compiled.py DEST")
    reason = unavailable()
    if reason:
        sys.exit(f"cannot compile: {reason}")
    print(build(Path(sys.argv[1]).resolve()))
