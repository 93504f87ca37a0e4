"""Rebuild the data files `recipegen julia` ships (generators/julia/data/) from the research data.

    python -m recipegen.generators.julia.build_data SHARED_DATA_DIR

SHARED_DATA_DIR holds `julia-registry/stdlibs.json` (stdlib membership per Julia version, from
JuliaPackaging/HistoricalStdlibVersions.jl) and `jll-conda-map.json` (JLL → conda-forge table of
the research notes). `data/jll_curation.json` (hand-kept, sources named in it) adds the host/run
split, the JLLs whose counterpart cannot be used, and the Xorg family rule, whose names are
checked against recipegen's conda-forge name snapshot. The output is deterministic.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"

# conda-forge's julia is 1.12.x (julia-feedstock, 2026-08); HistoricalStdlibVersions' newest
# entry (1.13.0) is a pre-release that conda-forge does not ship.
DEFAULT_JULIA_VERSION = "1.12"


def build_stdlibs(source: dict) -> dict:
    rows = []
    for entry in source["unregistered_referenced"]:
        rows.append(
            {"name": entry["name"], "uuid": entry["uuid"], "julia": entry["julia_stdlib_in"], "registered": False}
        )
    for entry in source["registered_but_also_stdlib"]:
        rows.append(
            {"name": entry["name"], "uuid": entry["uuid"], "julia": entry["julia_stdlib_in"], "registered": True}
        )
    known = {row["uuid"] for row in rows}
    newest = max(tuple(int(p) for p in row["julia"].split("..")[1].split(".")) for row in rows)
    return {
        "about": "Julia standard libraries and the Julia versions that bundle them. 'julia' is the range "
        "first..last release with the stdlib; 'complete_sets' lists every stdlib of a Julia minor "
        "version where the source gives the whole set.",
        "source": source["stdlib_source"],
        "default_julia_version": DEFAULT_JULIA_VERSION,
        "newest_julia_version": ".".join(str(p) for p in newest[:2]),
        "stdlibs": sorted(rows, key=lambda r: r["name"].lower()),
        "complete_sets": {
            "1.12": sorted(
                ({"name": e["name"], "uuid": e["uuid"]} for e in source["julia_1_12_stdlibs"]),
                key=lambda r: r["name"].lower(),
            )
        },
        "not_in_ranges": sorted(e["name"] for e in source["julia_1_12_stdlibs"] if e["uuid"] not in known),
    }


def build_jlls(table: list[dict], curation: dict, conda_names: frozenset[str], registry_jlls: dict[str, str]) -> dict:
    host_run = {k: v for k, v in curation["host_run"].items() if k != "about"}
    not_usable = {k: v for k, v in curation["not_usable"].items() if k != "about"}
    rows: dict[str, dict] = {}
    for entry in table:
        name = entry["jll"]
        packages = list(entry["conda_forge"])
        row = {
            "jll": name,
            "uuid": entry["uuid"],
            "artifact": name.removesuffix("_jll"),
            "host": [],
            "run": [],
            "note": entry.get("note", ""),
            "source": "jll-conda-map.json",
        }
        if name in not_usable:
            row["unusable"] = not_usable[name]
        elif name in host_run:
            row["host"], row["run"] = host_run[name]["host"], host_run[name]["run"]
        elif packages:
            row["host"] = row["run"] = [packages[0]]
        rows[name] = row
    for family in curation["families"]:
        pattern = re.compile(family["pattern"])
        for name, uuid in sorted(registry_jlls.items()):
            match = pattern.match(name)
            if not match or name in rows:
                continue
            conda = family["conda"].format(lib_lower=match.group("lib").lower())
            if conda in conda_names:
                rows[name] = {
                    "jll": name,
                    "uuid": uuid,
                    "artifact": name.removesuffix("_jll"),
                    "host": [conda],
                    "run": [conda],
                    "note": "Linux X11 library (Xorg family rule)",
                    "source": "family rule, name checked in the conda-forge snapshot",
                }
    return {
        "about": "JLL -> conda-forge packages that provide the same native library. host/run empty = no usable "
        "counterpart (Julia's own artifact is used); 'unusable' says why when one exists.",
        "jlls": [rows[k] for k in sorted(rows, key=str.lower)],
    }


def _registry_jlls(registry_dir: Path) -> dict[str, str]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    data = tomllib.loads((registry_dir / "Registry.toml").read_text())
    return {e["name"]: uuid for uuid, e in data["packages"].items() if e["name"].endswith("_jll")}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    shared = Path(argv[0])
    from recipegen.condaforge import conda_forge_names

    stdlibs = build_stdlibs(json.loads((shared / "julia-registry" / "stdlibs.json").read_text()))
    curation = json.loads((DATA / "jll_curation.json").read_text())
    jlls = build_jlls(
        json.loads((shared / "jll-conda-map.json").read_text()),
        curation,
        conda_forge_names(),
        _registry_jlls(shared / "julia-registry" / "General"),
    )
    for name, data in (("stdlibs.json", stdlibs), ("jll_conda.json", jlls)):
        (DATA / name).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {DATA / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
