"""Facts the rules read from data files in linters/data/ (each file says its source)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any


@cache
def data_lines(name: str) -> frozenset[str]:
    """Non-comment lines of a data file in linters/data/."""
    text = resources.files("recipegen.linters.data").joinpath(name).read_text("utf-8")
    return frozenset(line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip())


@cache
def data_toml(name: str) -> dict[str, Any]:
    """A TOML data file in linters/data/."""
    from recipegen.tomlread import tomllib

    return tomllib.loads(resources.files("recipegen.linters.data").joinpath(name).read_text("utf-8"))
