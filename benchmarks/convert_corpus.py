"""`recipegen convert` figures: how many real meta.yaml convert with no difference on the five
platforms, how many are refused or fail a check (never written), and the time per recipe.

Run from the repository root:

    python benchmarks/convert_corpus.py [PATH...]

PATH is a meta.yaml or a folder searched for meta.yaml files; default: the conversion corpus
(fixtures/recipes/v0) and the update pairs of ../shared/data/update-pairs (before and after).
Nothing is written.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recipegen.convert.run import convert_path

ROOT = Path(__file__).resolve().parents[1]
DEFAULTS = (ROOT / "fixtures" / "recipes" / "v0", ROOT.parent.parent / "shared" / "data" / "update-pairs")


def recipes(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found += [path] if path.is_file() else sorted(path.rglob("meta.yaml"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()
    paths = args.paths or [p for p in DEFAULTS if p.exists()]
    counts: collections.Counter[str] = collections.Counter()
    times: list[float] = []
    for meta in recipes(paths):
        start = time.perf_counter()
        outcome = convert_path(str(meta), meta)
        times.append(time.perf_counter() - start)
        counts[outcome.status] += 1
        if outcome.status != "converted":
            reason = (outcome.problems + outcome.differences + [""])[0]
            print(f"{outcome.status:10} {meta}: {reason[:160]}")
    total = sum(counts.values())
    if not total:
        print("no meta.yaml found")
        return
    ok = counts["converted"]
    print(
        f"\n{total} recipes: {ok} converted with no difference on 5 platforms ({100 * ok / total:.0f}%), "
        + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s != "converted")
    )
    times.sort()
    print(f"time per recipe: median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s, total {sum(times):.1f} s")


if __name__ == "__main__":
    main()
