"""(Re)build the shipped PyPI → conda-forge name map snapshot (`data/name-map.json`).

Run by a maintainer, never at generation time::

    python -m recipegen.generators.pypi.build_name_map \\
        --parselmouth ../shared/data/name-mappings/conda-forge-compressed-mapping.json
    python -m recipegen.generators.pypi.build_name_map   # downloads parselmouth's current file

The shipped snapshot was built from the copy in ../shared/data/name-mappings/ (parselmouth
commit 345e9bf, 2026-08-19) and grayskull 3.2.0's config.yaml.

Inputs, highest priority first:

1. `data/name-overrides.json` — our own curated entries, each with a reason.
2. grayskull's curated `strategy/config.yaml` (read from the installed `grayskull` package,
   when it is installed: `pip install -e ".[dev]"`, the maintainers' extra; entries whose
   target is not a conda-forge package are ignored).
3. prefix-dev/parselmouth's conda name → PyPI names map, inverted.  When several conda
   packages install the same PyPI distribution, the one whose feedstock really *is* that
   project wins: same name after PEP 503 normalisation, then packages that install only this
   one distribution, then the usual renaming patterns (`python-X`, `X-python`, `py-X`), then the
   shortest name.  Bundles that vendor many distributions (e.g. `jupyter-sphinx`) lose.

Only non-identity entries are stored (an absent name maps to its normalised self), each with
the source that decided it, so the generated recipe can say where a mapping came from.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from packaging.utils import canonicalize_name

DATA = Path(__file__).parent / "data"


def _rank(pypi: str, conda: str, provides: list[str]) -> tuple:
    canon = canonicalize_name(conda)
    patterns = {f"python-{pypi}", f"py-{pypi}", f"{pypi}-python", f"{pypi}-py", f"py{pypi}"}
    return (
        canon != pypi,
        len(provides) != 1,
        len(provides),
        canon not in patterns,
        conda.endswith(("-cpu", "-gpu", "-cuda")),
        len(conda),
        conda,
    )


def invert_parselmouth(mapping: dict[str, list[str] | None]) -> dict[str, str]:
    """PyPI canonical name → the best conda-forge name providing it (identity included)."""
    providers: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for conda, names in mapping.items():
        if conda.startswith("_"):
            continue
        canon_names = sorted({str(canonicalize_name(n)) for n in names or []})
        for name in canon_names:
            providers[name].append((conda, canon_names))
    result = {}
    for pypi, candidates in providers.items():
        if any(conda == pypi for conda, _ in candidates):
            result[pypi] = pypi
            continue
        best = min(candidates, key=lambda c: _rank(pypi, c[0], c[1]))
        result[pypi] = best[0]
    return result


def grayskull_entries() -> dict[str, str]:
    try:
        from importlib import resources

        import yaml

        text = resources.files("grayskull.strategy").joinpath("config.yaml").read_text()
    except Exception:  # grayskull not installed: the other sources suffice
        return {}
    data = yaml.safe_load(text) or {}
    return {canonicalize_name(k): v["conda_forge"] for k, v in data.items() if v and v.get("conda_forge")}


def build(parselmouth: dict[str, list[str] | None]) -> dict[str, list[str]]:
    conda_names = set(parselmouth)
    entries: dict[str, list[str]] = {}
    for pypi, conda in invert_parselmouth(parselmouth).items():
        if conda != pypi:
            entries[pypi] = [conda, "parselmouth"]
    for pypi, conda in grayskull_entries().items():
        if conda in conda_names and conda != pypi:
            entries[pypi] = [conda, "grayskull"]
        elif conda == pypi:
            entries.pop(pypi, None)
    overrides = json.loads((DATA / "name-overrides.json").read_text())
    for pypi, item in overrides.items():
        if pypi.startswith("//"):
            continue
        conda = item["conda"]
        if conda == canonicalize_name(pypi):
            entries.pop(canonicalize_name(pypi), None)
        else:
            entries[canonicalize_name(pypi)] = [conda, "recipegen"]
    return dict(sorted(entries.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--parselmouth",
        type=Path,
        help="parselmouth's compressed_mapping.json (conda name -> PyPI names); "
        "default: download it from $RECIPEGEN_PARSELMOUTH_URL",
    )
    parser.add_argument("--output", type=Path, default=DATA / "name-map.json")
    args = parser.parse_args()
    if args.parselmouth:
        parselmouth = json.loads(args.parselmouth.read_text())
    else:
        from recipegen.endpoints import endpoint
        from recipegen.http import Fetcher

        parselmouth = Fetcher(use_cache=False).get(endpoint("RECIPEGEN_PARSELMOUTH_URL")).json()
    entries = build(parselmouth)
    args.output.write_text(
        json.dumps(
            {
                "//": "PyPI canonical name -> [conda-forge name, source]; generated by build_name_map.py",
                "entries": entries,
            },
            indent=0,
            sort_keys=False,
        )
        + "\n"
    )
    print(f"{args.output}: {len(entries)} non-identity entries")


if __name__ == "__main__":
    main()
