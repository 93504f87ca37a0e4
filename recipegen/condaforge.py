"""Facts about conda-forge that recipegen ships as data snapshots (see recipegen/data/).

- which package names exist on conda-forge, and which of them are Python packages (from
  prefix-dev/parselmouth's mapping; rebuilt with `python -m recipegen.refresh_names`),
- the global pinning (`conda_build_config.yaml` of conda-forge-pinning): `python_min`,
  and the packages pinned globally,
- the linter's package hints (`hints.toml`).
The pinning and hints are copies of conda-forge-pinning's files (see their headers).
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from importlib import resources
from typing import Any

DATA_PACKAGE = "recipegen.data"


def data_bytes(name: str) -> bytes:
    """Bytes of a data file shipped in recipegen/data/ (gzip files are decompressed)."""
    raw = resources.files(DATA_PACKAGE).joinpath(name).read_bytes()
    return gzip.decompress(raw) if name.endswith(".gz") else raw


def data_text(name: str) -> str:
    return data_bytes(name).decode("utf-8")


@cache
def conda_forge_names() -> frozenset[str]:
    """Every package name on the conda-forge channel at the snapshot's date."""
    return frozenset(line for line in data_text("conda-forge-names.txt.gz").splitlines() if line)


def exists_on_conda_forge(name: str) -> bool:
    return name.lower() in conda_forge_names()


@cache
def conda_forge_python_names() -> frozenset[str]:
    """conda-forge packages that install a PyPI distribution (Python packages: `xlsxwriter`, `lz4`)."""
    return frozenset(line for line in data_text("conda-forge-python.txt.gz").splitlines() if line)


def is_python_package(name: str) -> bool:
    return name.lower() in conda_forge_python_names()


_SELECTOR = re.compile(r"#\s*\[(?P<expr>[^\]]+)\]\s*$")


@cache
def global_pinning_lines() -> tuple[tuple[str, str, str], ...]:
    """(key, value, selector) triples of the global pinning's top-level keys, in file order."""
    rows: list[tuple[str, str, str]] = []
    key = ""
    for line in data_text("conda-forge-pinning.yaml").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        selector_match = _SELECTOR.search(line)
        selector = selector_match.group("expr").strip() if selector_match else ""
        body = _SELECTOR.sub("", line).split(" #")[0].rstrip()
        if not line[0].isspace() and body.endswith(":"):
            key = body[:-1].strip()
            continue
        if key and body.lstrip().startswith("- ") and line.startswith("  -"):
            rows.append((key, body.lstrip()[2:].strip().strip("'\""), selector))
    return tuple(rows)


@cache
def globally_pinned_packages() -> frozenset[str]:
    """Package names with a global pin (they go in host without a version)."""
    ignore = {"zip_keys", "pin_run_as_build", "python_min", "is_python_min", "python", "numpy"}
    names = {key.replace("_", "-") for key, _, _ in global_pinning_lines()}
    names |= {key for key, _, _ in global_pinning_lines()}
    return frozenset(n for n in names if n not in ignore and not n.endswith(("_compiler", "_compiler_version")))


def global_python_min(platform_selector: str = "") -> str:
    """The global `python_min` (CFEP-25); for the main platforms the first unselected value."""
    values = [(v, s) for k, v, s in global_pinning_lines() if k == "python_min"]
    for value, selector in values:
        if not selector or selector.startswith("not"):
            return value
    return values[0][0] if values else "3.10"


@cache
def package_hints() -> dict[str, Any]:
    """conda-forge linter hints (packages to avoid, renamed packages) from hints.toml."""
    from recipegen.tomlread import tomllib

    return tomllib.loads(data_text("conda-forge-hints.toml"))
