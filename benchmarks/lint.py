"""Linter speed over a corpus of 365 real recipes: through the CLI, in-process, against libyaml.

    python benchmarks/lint.py [--count 365] [--jobs N] [--runs 3] [--ignore ID ...] [--profile FILE]

The corpus (built in a temporary folder, one recipe per folder with the variant files next to it,
a staged-recipes-like `recipes/<name>/` tree):

* /work/shared/data/recipes (or fixtures/recipes): 25 real conda-forge feedstock recipes, v0 and v1;
* /work/shared/data/update-pairs (or fixtures/update-pairs): the `before/` and `after/` recipe of
  each of 53 real version bumps (106 recipes, v0 and v1);
* the golden recipes the tests compare generators' output with (tests/**/*.yaml: pypi, cran,
  julia, cxx, split; 116 v1 recipes);
* fixtures/recipes again, then fixtures/update-pairs, until --count recipes (file copies of
  the first two sources: what a folder of feedstocks with forks looks like).

Printed (each figure measured in the same run, so a loaded machine shows in every one):

* CLI: `recipegen lint CORPUS --format json` as a fresh process (default jobs), recipes/s by
  wall clock (median of --runs) and by the children's CPU time (recipes/s on idle cores), three
  ways: `--no-cache`; with an empty result cache (cold: every recipe linted and stored); with
  the cache of the previous run (warm: nothing changed). The cache lives in a temporary folder
  of the benchmark's own (RECIPEGEN_CACHE_DIR), never the user's;
* in-process: `lint_paths` with a process pool, and serially (CPU ms per recipe);
* the libyaml parse floor: reading every file and parsing it with PyYAML's C loader, serially;
  and the ratio CLI time / floor time (target <= 10);
* cold `recipegen lint` of one v1 and one v0 recipe (a fresh process; no cache, cold and warm
  cache) and cold `recipegen validate` of one recipe.

Rules whose cost is worth seeing apart (e.g. `render-fails`, which runs rattler-build) are
measured by giving `--ignore ID`: the CLI figure is then printed with and without them.
Targets (issue 13): >= 250 recipes/s through the CLI on a 2-core machine, <= 10x the parse floor,
cold lint of one recipe < 0.4 s, cold validate < 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path("/work/shared/data")
RECIPE_NAMES = ("recipe.yaml", "meta.yaml")
VARIANT_NAMES = ("conda_build_config.yaml", "variants.yaml")


def _recipes_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.name in RECIPE_NAMES) if folder.is_dir() else []


def corpus_sources(count: int) -> list[tuple[str, Path]]:
    """(label, recipe file) of the corpus, in the order described in the module docstring."""
    recipes = SHARED / "recipes" if (SHARED / "recipes").is_dir() else ROOT / "fixtures" / "recipes"
    pairs = SHARED / "update-pairs" if (SHARED / "update-pairs").is_dir() else ROOT / "fixtures" / "update-pairs"
    found = [("feedstock", p) for p in _recipes_under(recipes)]
    found += [("update-pair", p) for p in _recipes_under(pairs)]
    found += [("golden", p) for p in sorted((ROOT / "tests").rglob("*.yaml")) if p.parent.name.startswith("test_")]
    extra = _recipes_under(ROOT / "fixtures" / "recipes") + _recipes_under(ROOT / "fixtures" / "update-pairs")
    found += [("copy", p) for p in extra]
    return found[:count]


def build_corpus(target: Path, count: int) -> dict[str, int]:
    """Copy the corpus into `target`/recipes/<n>-<name>/; the number of recipes of each source."""
    counts: dict[str, int] = {}
    for index, (label, source) in enumerate(corpus_sources(count)):
        folder = target / "recipes" / f"{index:03d}-{source.parent.name}"
        folder.mkdir(parents=True)
        name = source.name if source.name in RECIPE_NAMES else "recipe.yaml"
        shutil.copy(source, folder / name)
        if source.name in RECIPE_NAMES:
            for variant in VARIANT_NAMES:
                if (source.parent / variant).is_file():
                    shutil.copy(source.parent / variant, folder / variant)
        counts[label] = counts.get(label, 0) + 1
    return counts


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CACHE_DIR = Path(tempfile.gettempdir()) / "recipegen-benchmark-cache"  # never the user's


def cli_environment() -> dict[str, str]:
    """The environment of the measured processes: Python's bytecode cache on (as after `pip
    install`), kept in a temporary folder instead of the source tree; the lint result cache in
    a folder of the benchmark's own."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "RECIPEGEN_NO_CACHE")}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "recipegen-benchmark-pycache")
    env["RECIPEGEN_CACHE_DIR"] = str(CACHE_DIR)
    return env


def empty_cache() -> None:
    shutil.rmtree(CACHE_DIR, ignore_errors=True)


def run_cli(args: list[str], runs: int, before=None) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds of the process and its workers), after one
    untimed run that fills the bytecode cache (and the result cache); `before()` runs before
    each timed run (untimed): emptying the result cache measures a cold one."""
    walls, cpus = [], []
    env = cli_environment()
    subprocess.run([sys.executable, "-m", "recipegen", *args], capture_output=True, check=False, env=env)
    for _ in range(runs):
        if before is not None:
            before()
        cpu = children_cpu()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "recipegen", *args], capture_output=True, check=False, env=env)
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def parse_floor(files: list[Path]) -> float:
    """Seconds to read and parse every file with libyaml (PyYAML's C loader), serially; best of 3."""
    import yaml

    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for path in files:
            try:
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            except yaml.YAMLError:  # a meta.yaml with Jinja is not always YAML before rendering
                pass
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=365)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ignore", action="append", default=[], help="also measure the CLI without this rule")
    parser.add_argument("--profile", help="write a cProfile of the serial in-process run to this file")
    parser.add_argument("--no-cold", action="store_true")
    args = parser.parse_args()

    from recipegen.linters.api import LintRequest, default_jobs, lint_file, lint_paths
    from recipegen.linters.registry import all_rules

    jobs = args.jobs or default_jobs()
    print(f"{len(all_rules())} rule modules; {jobs} jobs; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        counts = build_corpus(Path(tmp), args.count)
        files = sorted(p for p in Path(tmp).rglob("*.yaml") if p.name in RECIPE_NAMES)
        n = len(files)
        print(f"corpus: {n} recipes ({', '.join(f'{v} {k}' for k, v in counts.items())})")
        cli = ["lint", tmp, "--format", "json", "--jobs", str(jobs)]
        floor = parse_floor(files)
        print(f"libyaml parse floor      : {n / floor:7.0f} recipes/s  ({floor:.3f} s)")
        print_cli("no cache", [*cli, "--no-cache"], n, jobs, floor, args.runs)
        print_cli("cold cache", cli, n, jobs, floor, args.runs, before=empty_cache)
        print_cli("warm cache", cli, n, jobs, floor, args.runs)
        for rule in args.ignore:
            _, cpu = run_cli([*cli, "--no-cache"], args.runs)
            wall_without, cpu_without = run_cli([*cli, "--no-cache", "--ignore", rule], args.runs)
            print(
                f"CLI without {rule:<13}: {n / wall_without:7.1f} recipes/s  ({wall_without:.2f} s wall; CPU "
                f"{1000 * cpu_without / n:.1f} ms/recipe); {rule} costs {1000 * (cpu - cpu_without) / n:.1f} ms CPU/recipe"
            )
            print(f"  ratio to the parse floor: {wall_without / floor:.1f}x")
        request = LintRequest(use_config=True, ignore=tuple(args.ignore))
        if args.ignore:
            print(f"in-process figures without {', '.join(args.ignore)}, caches warm:")
        lint_paths([tmp], request, jobs=1)  # warm-up: imports, caches, templates
        start = time.perf_counter()
        lint_paths([tmp], request, jobs=jobs)
        parallel = time.perf_counter() - start
        print(f"in-process, {jobs} processes : {n / parallel:7.1f} recipes/s  ({parallel:.2f} s)")
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        start, cpu_start = time.perf_counter(), time.process_time()
        for path in files:
            lint_file(path, request)
        serial, serial_cpu = time.perf_counter() - start, time.process_time() - cpu_start
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args.profile)
        print(f"in-process, serial       : {n / serial:7.1f} recipes/s  (CPU {1000 * serial_cpu / n:.1f} ms/recipe)")
    if not args.no_cold:
        print_cold()


def print_cli(label: str, cli: list[str], n: int, jobs: int, floor: float, runs: int, before=None) -> None:
    """`recipegen lint` over the corpus: recipes/s by wall clock and by CPU, ratio to the floor."""
    wall, cpu = run_cli(cli, runs, before)
    print(
        f"CLI `lint`, {label:<11}: {n / wall:7.1f} recipes/s  ({wall:.2f} s wall; CPU {1000 * cpu / n:.1f} ms/recipe,"
        f" i.e. {jobs * n / cpu:.0f} recipes/s on {jobs} idle cores)  target >= 250"
    )
    print(f"  ratio to the parse floor: {wall / floor:.1f}x (CPU: {cpu / floor:.1f}x)  target <= 10")


def print_cold() -> None:
    v1 = ROOT / "fixtures" / "recipes" / "v1" / "libsodium-feedstock" / "recipe.yaml"
    v0 = ROOT / "fixtures" / "recipes" / "v0" / "curl-feedstock" / "meta.yaml"
    for label, before in (("no cache", None), ("cold cache", empty_cache), ("warm cache", None)):
        extra = ["--no-cache"] if label == "no cache" else []
        for name, recipe in (("v1", v1), ("v0", v0)):
            wall = run_cli(["lint", str(recipe), *extra], 5, before)[0]
            print(f"cold `recipegen lint` one {name} recipe, {label:<10}: {wall:.3f} s  target < 0.4")
    print(
        f"cold `recipegen validate` one v1 recipe          : {run_cli(['validate', str(v1)], 5)[0]:.3f} s  target < 0.3"
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=False)
    print(f"  (bare python start: {time.perf_counter() - start:.3f} s)")


if __name__ == "__main__":
    main()
