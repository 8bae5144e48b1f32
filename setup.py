"""Build hook: ``NEWSMON_COMPILE=1 pip install .`` compiles the analysis modules with mypyc.

Without the variable the package is pure Python, as an editable install for development must be (a
compiled module beside its source would hide every edit of it). The modules are listed under
``[tool.newsmon] compiled`` in pyproject.toml; compiled, ``analyze()`` runs about 1.2 times as fast
with the same results (BENCHMARKS.md). A compiler and the Python headers are needed.
"""

from __future__ import annotations

import os
import tomllib

from setuptools import setup


def _ext_modules() -> list:
    if os.environ.get("NEWSMON_COMPILE", "").lower() not in {"1", "true", "yes"}:
        return []
    from mypyc.build import mypycify  # a build requirement (pyproject.toml)

    with open("pyproject.toml", "rb") as f:
        modules = tomllib.load(f)["tool"]["newsmon"]["compiled"]
    return mypycify(modules, opt_level="3")


setup(ext_modules=_ext_modules())
