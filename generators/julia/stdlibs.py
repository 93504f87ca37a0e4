"""Which packages are Julia standard libraries for a given Julia version (shipped data).

A stdlib ships with Julia, so a recipe drops it. Membership depends on the Julia version:
Statistics is a stdlib only up to 1.10, DelimitedFiles up to 1.8, OpenSSL_jll from 1.12.
Data: `data/stdlibs.json`, built by `build_data.py` from JuliaPackaging/HistoricalStdlibVersions.jl.
A dependency whose UUID the registry does not know is a stdlib whatever the data says
(stdlibs that were never registered), which is what Pkg does too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


class JuliaVersionError(ValueError):
    """A --julia-version that is not X.Y (or X.Y.Z)."""


@dataclass(frozen=True)
class StdlibData:
    default_version: str
    newest_version: str
    ranges: dict[str, tuple[str, tuple[int, int], tuple[int, int]]]  # uuid → (name, first, last)
    complete_sets: dict[tuple[int, int], frozenset[str]]


def _minor(text: str) -> tuple[int, int]:
    parts = text.split(".")
    return int(parts[0]), int(parts[1])


@cache
def stdlib_data() -> StdlibData:
    raw = json.loads(resources.files("recipegen.generators.julia.data").joinpath("stdlibs.json").read_text("utf-8"))
    ranges = {}
    for row in raw["stdlibs"]:
        first, last = row["julia"].split("..")
        ranges[row["uuid"]] = (row["name"], _minor(first), _minor(last))
    complete = {_minor(v): frozenset(r["uuid"] for r in rows) for v, rows in raw["complete_sets"].items()}
    return StdlibData(raw["default_julia_version"], raw["newest_julia_version"], ranges, complete)


def parse_julia_version(text: str) -> tuple[int, int]:
    """`--julia-version`: X.Y or X.Y.Z; only the minor version decides stdlib membership."""
    if not re.fullmatch(r"\d+\.\d+(\.\d+)?", text.strip()):
        raise JuliaVersionError(f"--julia-version {text!r}: expected X.Y, e.g. 1.12")
    return _minor(text.strip())


def default_julia_version() -> str:
    return stdlib_data().default_version


def is_stdlib(uuid: str, julia: tuple[int, int]) -> bool:
    """Whether the package with `uuid` is bundled with Julia `julia` (major, minor)."""
    data = stdlib_data()
    julia = min(julia, _minor(data.newest_version))
    if julia in data.complete_sets and uuid in data.complete_sets[julia]:
        return True
    row = data.ranges.get(uuid)
    return row is not None and row[1] <= julia <= row[2]


def known_versions_note(julia: tuple[int, int]) -> str:
    """A warning when the data cannot say everything about `julia`."""
    data = stdlib_data()
    if julia in data.complete_sets:
        return ""
    if julia > _minor(data.newest_version):
        return (
            f"Julia {julia[0]}.{julia[1]} is newer than the stdlib data ({data.newest_version}); "
            "stdlib membership is taken from the newest version known"
        )
    return ""


def is_known_stdlib(uuid: str) -> bool:
    """Whether the data knows `uuid` as a stdlib of any Julia version."""
    data = stdlib_data()
    return uuid in data.ranges or any(uuid in uuids for uuids in data.complete_sets.values())
