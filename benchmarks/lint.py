"""Linter speed: warm recipes/second over a folder, and the cold wall time of one `recipegen lint`.

    python benchmarks/lint.py [FOLDER] [--repeat N] [--jobs N]

Warm: the recipes under FOLDER (default fixtures/recipes: real v0 and v1 conda-forge recipes)
are copied N times into a temporary staged-recipes-like tree (recipes/<name>-<i>/) and linted
in-process with `lint_paths` (process pool over all CPUs), after one untimed warm-up run; also
serially in one process, and with a thread pool, for comparison.
Cold: `recipegen lint` on one small v1 and one v0 recipe as a fresh process (median of 5).
Targets (issue 7): cold single recipe < 0.4 s; 200+ recipes/s warm on a 2-core machine.
Also prints the time to import every rule module (rule discovery).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_tree(source: Path, repeat: int, target: Path) -> int:
    recipes = [p for p in sorted(source.rglob("*.yaml")) if p.name in ("recipe.yaml", "meta.yaml")]
    count = 0
    for i in range(repeat):
        for recipe in recipes:
            folder = target / "recipes" / f"{recipe.parent.name}-{i}"
            folder.mkdir(parents=True, exist_ok=True)
            for sibling in recipe.parent.glob("*.yaml"):
                shutil.copy(sibling, folder / sibling.name)
            count += 1
    return count


def cold(args: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "recipegen", "lint", *args], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(ROOT / "fixtures" / "recipes"))
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()

    start = time.perf_counter()
    from recipegen.linters.registry import all_rules

    rules = all_rules()
    print(f"rule discovery: {len(rules)} rule modules imported in {time.perf_counter() - start:.3f} s")

    from recipegen.linters.api import LintRequest, default_jobs, lint_file, lint_paths

    request = LintRequest(use_config=True)
    with tempfile.TemporaryDirectory() as tmp:
        n = build_tree(Path(args.folder), args.repeat, Path(tmp))
        jobs = args.jobs or default_jobs()
        lint_paths([tmp], request, jobs=1)  # warm-up in this process: imports, caches, templates
        start = time.perf_counter()
        result = lint_paths([tmp], request, jobs=jobs)
        parallel = time.perf_counter() - start
        files = [f.path for f in result.files]
        start, cpu_start = time.perf_counter(), time.process_time()
        for f in files:
            lint_file(f, request)
        serial = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        from concurrent.futures import ThreadPoolExecutor

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(lambda f: lint_file(f, request), files))
        threaded = time.perf_counter() - start
    print(f"warm, {n} recipes ({args.repeat} x the recipes of {args.folder}):")
    print(f"  processes ({jobs}): {n / parallel:7.1f} recipes/s  ({parallel:.2f} s)  target >= 200")
    print(
        f"  serial          : {n / serial:7.1f} recipes/s  ({serial:.2f} s; CPU {1000 * cpu / n:.1f} ms/recipe,"
        f" i.e. {jobs * n / cpu:.0f} recipes/s on {jobs} idle cores)"
    )
    print(f"  threads ({jobs})    : {n / threaded:7.1f} recipes/s  ({threaded:.2f} s)")
    v1 = ROOT / "fixtures" / "recipes" / "v1" / "libsodium-feedstock" / "recipe.yaml"
    v0 = ROOT / "fixtures" / "recipes" / "v0" / "curl-feedstock" / "meta.yaml"
    print(f"cold `recipegen lint` one v1 recipe: {cold([str(v1)]):.3f} s  target < 0.4")
    print(f"cold `recipegen lint` one v0 recipe: {cold([str(v0)]):.3f} s  target < 0.4")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=False)
    print(f"  (bare python start: {time.perf_counter() - start:.3f} s)")


if __name__ == "__main__":
    main()
