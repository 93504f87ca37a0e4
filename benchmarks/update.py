"""Time `recipegen update` per feedstock, and feedstocks per second with --jobs.

    python benchmarks/update.py [--copies N] [--jobs 1,4,8] [--deps apply|off]

A folder of feedstocks is made from the recorded fixtures (fixtures/update: 10 recipes,
each copied N times) and updated with cached responses (the recordings, no network), through
the same code the command runs (`run_updates`: threads for a few recipes, processes from 8 on):
read, resolve, download (digests from the recordings), edit,
dependency delta, parse/validate/lint/render gate, write. Prints the time per feedstock and
feedstocks per second for each --jobs value, and the speed-up of the largest over --jobs 1.

Use the figures to plan a bot-scale run: N feedstocks on a CI runner take about
N / (feedstocks per second) seconds plus the network time of the upstream lookups; see
docs/update.md for fanning out across a CI matrix.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = {  # recipe fixture -> (recorded responses, version)
    "nbformat-v0": ("nbformat", "5.9.0"),
    "narwhals-v1": ("narwhals", None),
    "python-lsp-server-v0": ("python-lsp-server", "1.8.0"),
    "mypy-v0": ("mypy", "1.16.0"),
    "ibis-framework-v1": ("ibis-framework", "12.0.0"),
    "pytest-v1": ("pytest", "8.4.0"),
    "pyzmq-v1": ("pyzmq", "26.0.0"),
    "pybind11-v1": ("pybind11", "3.0.3"),
    "tox-v1": ("tox", "4.51.0"),
    "uvicorn-v1": ("uvicorn", "0.55.0"),
}


def services(scratch: Path):
    from recipegen.generators.pypi.record import replay_transport

    from recipegen.http import Fetcher
    from recipegen.update.record import replay_downloader
    from recipegen.update.resolve import Services

    folders = sorted(p for p in (ROOT / "fixtures" / "update" / "responses").iterdir() if p.is_dir())
    transport = replay_transport(*folders)
    fetcher = Fetcher(transport=transport, use_cache=False, retries=0, cache_dir=scratch / "cache")
    return Services(fetcher, replay_downloader(folders, transport))


def make_feedstocks(scratch: Path, copies: int) -> list[tuple[Path, str | None]]:
    jobs = []
    for copy in range(copies):
        for label, (_, version) in RUNS.items():
            target = scratch / f"{label}-{copy}-feedstock" / "recipe"
            shutil.copytree(ROOT / "fixtures" / "update" / "recipes" / label, target)
            for path in target.iterdir():
                path.chmod(0o644)
            recipe = next(target / n for n in ("recipe.yaml", "meta.yaml") if (target / n).exists())
            jobs.append((recipe, version))
    return jobs


def run(jobs: int, copies: int, deps: str) -> tuple[float, list[str]]:
    """(seconds, statuses) of updating the folder the way `recipegen update --jobs N` does."""
    from recipegen.commands.update import run_updates
    from recipegen.update.pipeline import Options

    scratch = Path(tempfile.mkdtemp(prefix="update-bench-"))
    try:
        work = [(path, Options(version=version, deps=deps)) for path, version in make_feedstocks(scratch, copies)]
        start = time.perf_counter()
        results = run_updates(work, functools.partial(services, scratch), jobs)
        return time.perf_counter() - start, [r.status for r in results]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time recipegen update on a folder of feedstocks.")
    parser.add_argument("--copies", type=int, default=3, help="copies of each of the 10 fixture recipes")
    parser.add_argument("--jobs", default="1,4", help="comma-separated --jobs values to measure")
    parser.add_argument("--deps", default="apply", choices=["apply", "hint", "off"])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    run(1, 1, args.deps)  # warm-up: imports, rattler-build, the pinning files
    rates: dict[int, float] = {}
    print(f"{'jobs':>4} {'feedstocks':>10} {'total s':>8} {'s/feedstock':>12} {'feedstocks/s':>13}")
    for jobs in (int(j) for j in args.jobs.split(",")):
        total, statuses = run(jobs, args.copies, args.deps)
        bad = [s for s in statuses if s != "updated"]
        if bad:
            print(f"warning: {len(bad)} not updated: {sorted(set(bad))}", file=sys.stderr)
        rates[jobs] = len(statuses) / total
        print(f"{jobs:>4} {len(statuses):>10} {total:>8.2f} {total / len(statuses):>12.3f} {rates[jobs]:>13.2f}")
    if len(rates) > 1:
        most = max(rates)
        print(f"speed-up of --jobs {most} over --jobs {min(rates)}: {rates[most] / rates[min(rates)]:.2f}x")


if __name__ == "__main__":
    main()
