"""Build hooks: the warehouse's shipped files inside the package, and an opt-in compiled analysis.

- A wheel carries the seed corpus and the warehouse migrations in ``newsmon/_shipped/`` (a source
  tree reads them from ``warehouse/``; newsmon.config picks whichever exists).
- ``NEWSMON_COMPILE=1 pip install .`` compiles the analysis modules with mypyc. Without the variable
  the package is pure Python, as an editable install for development must be (a compiled module
  beside its source would hide every edit of it). The modules are listed under ``[tool.newsmon]
  compiled`` in pyproject.toml; compiled, ``analyze()`` runs about 1.2 times as fast with the same
  results (BENCHMARKS.md). A compiler and the Python headers are needed.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("seed", "migrations")  # folders of warehouse/ that newsmon reads at run time


class BuildPy(build_py):
    """build_py that also copies warehouse/seed and warehouse/migrations into newsmon/_shipped."""

    def run(self) -> None:
        super().run()
        for name in SHIPPED:
            shutil.copytree(Path("warehouse") / name, Path(self.build_lib) / "newsmon" / "_shipped" / name,
                            dirs_exist_ok=True)  # fmt: skip


def _ext_modules() -> list:
    if os.environ.get("NEWSMON_COMPILE", "").lower() not in {"1", "true", "yes"}:
        return []
    from mypyc.build import mypycify  # a build requirement (pyproject.toml)

    with open("pyproject.toml", "rb") as f:
        modules = tomllib.load(f)["tool"]["newsmon"]["compiled"]
    return mypycify(modules, opt_level="3")


setup(ext_modules=_ext_modules(), cmdclass={"build_py": BuildPy})
