"""Speed of `recipegen validate`.

Prints:
* warm throughput: recipes validated per second in one process (schema and validator already
  loaded; read + parse + validate per recipe), over a folder of recipes repeated until at
  least --min-validations validations are done;
* cold start: median wall time of a fresh `python -m recipegen validate RECIPE` process
  (interpreter start, imports, schema load, one validation), over --runs runs;
* cold start per kind (issue 17): the same for one real file of every kind the validator knows
  (fixtures/formats/, a .conda package validated in place), with the child's CPU time and the
  interpreter's own start-up measured in the same run, so a loaded machine shows as such.

Targets (issues 2, 17): warm >= 100 recipes/s, cold < 0.3 s for every kind on a 2-core machine.

    python benchmarks/validate.py [FOLDER] [--min-validations 500] [--runs 9] [--kinds-only]

Measure in a clean virtual environment (`python -m venv`, the project installed in it) to see what a
user sees: a shared interpreter with many packages pays for their start-up hooks and jsonschema's
optional format plugins.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT / "fixtures" / "recipes" / "v1"
WARM_TARGET = 100.0
COLD_TARGET = 0.3


def warm(files: list[Path], min_validations: int) -> tuple[int, float, float]:
    """(validations, seconds, recipes per second), parse included."""
    from recipegen.validate import validate_file

    for path in files:  # load schema, build validator, warm caches
        validate_file(path)
    rounds = max(1, -(-min_validations // len(files)))
    start = time.perf_counter()
    count = 0
    for _ in range(rounds):
        for path in files:
            validate_file(path)
            count += 1
    seconds = time.perf_counter() - start
    return count, seconds, count / seconds


def warm_validate_only(files: list[Path], min_validations: int) -> float:
    """Recipes per second of schema validation alone (documents parsed beforehand)."""
    from recipegen.validate import validate_document
    from recipegen.yamlio import load_yaml

    docs = [(load_yaml(path), str(path)) for path in files]
    rounds = max(1, -(-min_validations // len(docs)))
    start = time.perf_counter()
    for _ in range(rounds):
        for data, name in docs:
            validate_document(data, name)
    return rounds * len(docs) / (time.perf_counter() - start)


def cold(recipe: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "recipegen", "validate", str(recipe)], capture_output=True, text=True
        )
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"recipegen validate failed: {done.stderr.strip()}")
    return times


FORMATS = ROOT / "fixtures" / "formats"
# one real file per kind (the largest of its folder is not needed: a typical one)
KIND_FILES = {
    "recipe-v1": "../recipes/v1/numpy-feedstock/recipe.yaml",
    "variants": "conda_build_config.yaml/conda-forge__pytorch-cpu-feedstock__recipe/conda_build_config.yaml",
    "conda-forge": "conda-forge.yml/conda-forge__llvmdev-feedstock/conda-forge.yml",
    "environment": "environment.yml/geopandas__geopandas/environment.yml",
    "condarc": "condarc/GaetanLepage__nix-config/.condarc",
    "conda-lock": "conda-lock.yml/conda__conda-lock__example__zlib/conda-lock.yml",
    "package-index": "info-index.json/conda__conda-index__tests__archives__flask-0.11.1-py_0.tar.bz2/info/index.json",
    "package-about": "info-about.json/conda__conda-index__tests__archives__flask-0.11.1-py_0.tar.bz2/info/about.json",
    "package-paths": "info-paths.json/Hero-Legend__DCCA-IE/info/paths.json",
    "package-link": "info-link.json/conda__conda-index__tests__archives__spiffy-test-app-0.5-pyh6afbcc8_0.tar.bz2/info/link.json",
    "package-run-exports": (
        "info-run_exports.json/conda__conda__tests__data__conda_format_repo__linux-64__zlib-1.2.11-h7b6447c_3.conda"
        "/info/run_exports.json"
    ),
    "channel-run-exports": (
        "channel-run_exports.json/conda__rattler__test-data__channels__openssl-run-exports-test__linux-64/run_exports.json"
    ),
    "repodata": "repodata.json/conda__conda__tests__data__conda_format_repo__linux-64/repodata.json",
    "channeldata": "channeldata.json/conda__conda__tests__data__conda_format_repo/channeldata.json",
    "rendered-recipe + package (.conda in place)": "packages/split-demo-tools-2.1.0-h2fd8851_0.conda",
}  # paths under fixtures/formats/


def cold_with_cpu(args: list[str], runs: int) -> tuple[float, float]:
    """(median wall time, median CPU time user+sys of the child) of `python ARGS`."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, *args], capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            raise SystemExit(f"python {' '.join(args)} failed: {done.stderr.strip()}")
    return statistics.median(walls), statistics.median(cpus)


def cold_per_kind(runs: int) -> None:
    startup, startup_cpu = cold_with_cpu(["-c", "pass"], runs)
    print(
        f"cold per kind (median of {runs} runs; interpreter alone: {startup:.3f} s wall, {startup_cpu:.3f} s CPU; "
        f"target < {COLD_TARGET} s):"
    )
    worst = 0.0
    for kind, relative in KIND_FILES.items():
        path = (FORMATS / relative).resolve()
        wall, cpu = cold_with_cpu(["-m", "recipegen", "validate", str(path)], runs)
        worst = max(worst, wall)
        size = path.stat().st_size
        print(
            f"  {kind:<44} {wall:.3f} s wall, {cpu:.3f} s CPU  ({size / 1024:.0f} KiB) {'OK' if wall < COLD_TARGET else 'MISSED'}"
        )
    print(f"  slowest kind: {worst:.3f} s ({worst - startup:.3f} s above the interpreter's own start)")


def cold_largest_per_kind(runs: int) -> None:
    """The same for the largest real file of every folder of fixtures/formats (the kinds' worst
    case: conda-lock files of ~2,000 locked packages)."""
    print(f"cold, the largest real file of each kind (median of {runs} runs; target < {COLD_TARGET} s):")
    worst = 0.0
    for folder in sorted(p for p in FORMATS.iterdir() if p.is_dir() and p.name != "packages"):
        files = [f for f in folder.rglob("*") if f.is_file()]
        if not files:
            continue
        path = max(files, key=lambda f: f.stat().st_size)
        wall, cpu = cold_with_cpu(["-m", "recipegen", "validate", str(path)], runs)
        worst = max(worst, wall)
        verdict = "OK" if wall < COLD_TARGET else "MISSED"
        print(
            f"  {folder.name:<28} {wall:.3f} s wall, {cpu:.3f} s CPU  ({path.stat().st_size / 1024:.0f} KiB) {verdict}"
        )
    print(f"  slowest: {worst:.3f} s")


def python_startup(runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--min-validations", type=int, default=500)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--kinds-only", action="store_true", help="only the cold start of every kind")
    args = parser.parse_args()
    if args.kinds_only:
        cold_per_kind(args.runs)
        cold_largest_per_kind(args.runs)
        return

    from recipegen import fastyaml
    from recipegen.discover import find_recipe_files

    files = find_recipe_files([args.folder])
    fast_path = "libyaml fast path" if fastyaml.available() else "no libyaml: round-trip parse only"
    count, seconds, rate = warm(files, args.min_validations)
    print(f"recipes:          {len(files)} from {args.folder}")
    print(
        f"warm:             {count} validations in {seconds:.2f} s = {rate:.0f} recipes/s "
        f"(read+parse+validate, {fast_path}; target >= {WARM_TARGET:.0f}) "
        f"{'OK' if rate >= WARM_TARGET else 'MISSED'}"
    )
    if fastyaml.available():
        os.environ["RECIPEGEN_NO_LIBYAML"] = "1"
        count, seconds, slow = warm(files, max(len(files), args.min_validations // 5))
        del os.environ["RECIPEGEN_NO_LIBYAML"]
        print(f"warm (no libyaml): {slow:.0f} recipes/s (ruamel.yaml round-trip parse + validate)")
    only = warm_validate_only(files, args.min_validations)
    print(f"warm (validate):  {only:.0f} recipes/s (schema validation of parsed documents only)")

    recipe = next((f for f in files if f.parent.name == "numpy-feedstock"), files[0])
    times = cold(recipe, args.runs)
    median = statistics.median(times)
    print(
        f"cold:             median {median:.3f} s over {args.runs} runs (min {min(times):.3f}, "
        f"max {max(times):.3f}) of `python -m recipegen validate {recipe.parent.name}/{recipe.name}` "
        f"(target < {COLD_TARGET}) {'OK' if median < COLD_TARGET else 'MISSED'}"
    )
    print(f"python -c pass:   median {python_startup(args.runs):.3f} s (interpreter start, for reference)")
    cold_per_kind(args.runs)


if __name__ == "__main__":
    main()
