"""JLL packages (BinaryBuilder wrappers of native libraries) → conda-forge packages (shipped data).

`data/jll_conda.json` is built by `build_data.py` from the research table (jll-conda-map.json)
and `data/jll_curation.json`. A JLL not in the table may still match a family rule of the
curation file (Xorg_*_jll → xorg-*), kept only when the conda-forge name snapshot has the name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class JllMapping:
    jll: str
    uuid: str
    artifact: str  # the artifact name in the JLL's Artifacts.toml (BinaryBuilder: name without _jll)
    host: tuple[str, ...]
    run: tuple[str, ...]
    reason: str  # why there is no usable counterpart (empty when host/run are set)

    @property
    def mapped(self) -> bool:
        return bool(self.run)


def _data(name: str) -> dict:
    return json.loads(resources.files("recipegen.generators.julia.data").joinpath(name).read_text("utf-8"))


@cache
def _table() -> dict[str, JllMapping]:
    rows = {}
    for row in _data("jll_conda.json")["jlls"]:
        reason = row.get("unusable", "")
        if not reason and not row["run"]:
            reason = row.get("note") or "no conda-forge package provides this library"
        rows[row["jll"].lower()] = JllMapping(
            row["jll"], row["uuid"], row["artifact"], tuple(row["host"]), tuple(row["run"]), reason
        )
    return rows


@cache
def _families() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(f["pattern"]), f["conda"]) for f in _data("jll_curation.json")["families"])


def is_jll(name: str) -> bool:
    return name.endswith("_jll")


def lookup(name: str, uuid: str) -> JllMapping:
    """The conda-forge counterpart of a JLL, or a mapping with a reason why there is none."""
    row = _table().get(name.lower())
    if row is not None:
        return row
    from recipegen.condaforge import exists_on_conda_forge

    for pattern, template in _families():
        match = pattern.match(name)
        if match:
            conda = template.format(lib_lower=match.group("lib").lower())
            if exists_on_conda_forge(conda):
                return JllMapping(name, uuid, name.removesuffix("_jll"), (conda,), (conda,), "")
    return JllMapping(name, uuid, name.removesuffix("_jll"), (), (), "not in recipegen's JLL → conda-forge table")
