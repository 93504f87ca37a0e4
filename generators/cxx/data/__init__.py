"""Data files of the C/C++ generator (TOML tables with their sources in their comments)."""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed `generators/cxx/data/<name>` (cached; the caller must not change it)."""
    text = resources.files("recipegen.generators.cxx").joinpath(f"data/{name}").read_text("utf-8")
    return tomllib.loads(text)
