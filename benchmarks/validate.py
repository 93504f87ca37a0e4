"""Speed of `recipegen validate`.

Prints:
* warm throughput: recipes validated per second in one process (schema and validator already
  loaded; read + parse + validate per recipe), over a folder of recipes repeated until at
  least --min-validations validations are done;
* cold start: median wall time of a fresh `python -m recipegen validate RECIPE` process
  (interpreter start, imports, schema load, one validation), over --runs runs.

Targets (issue 2): warm >= 100 recipes/s, cold < 0.3 s on a 2-core machine.

    python benchmarks/validate.py [FOLDER] [--min-validations 500] [--runs 9]
"""

from __future__ import annotations

import argparse
import os
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
    args = parser.parse_args()

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


if __name__ == "__main__":
    main()
