"""`recipegen cran` figures: generation time for the 24 fixture packages, and agreement with
conda-forge's own R recipes (host/run dependency F1, compilers, noarch, license).

Run from the repository root: `python benchmarks/cran.py [--feedstocks DIR]`.
DIR holds `r-<name>-feedstock/meta.yaml` files (default: ../shared/data/recipes/v0). The
first comparison uses the CRAN-like folder the tests build from fixtures/cran (tarballs carry
the real DESCRIPTION files and synthetic src/ files, so Makevars-linked libraries are not
seen); the second the real CRAN tarballs of fixtures/cran/real (stripped copies from
Debian's archive: real src/ file lists, src/Makevars* and configure scripts), where it also
compares the build tools (pkg-config, cmake, ...).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recipegen.generators.cran.generate import CranGenerator
from recipegen.generators.cran.recipe import RecipeOptions
from recipegen.generators.cran.repository import CranRepository
from recipegen.generators.cran.rsession import r_available

from tests.cran.cran_repo import build_repository, package_names
from tests.cran.real_tarballs import build_real_repository, real_package_names

# Build requirements that are not tools: compilers, the MSYS2 set, cross-compilation R.
_NOT_A_TOOL = re.compile(r"compiler\(|stdlib\(|posix|cross-r-base")


def _v0_section(text: str, section: str, key: str) -> list[str]:
    """Items of `section: key:` in a meta.yaml (line-based: selectors and jinja kept as text)."""
    lines = text.splitlines()
    items, in_section, in_key = [], False, False
    for line in lines:
        if re.match(r"^\S", line):
            in_section = line.startswith(f"{section}:")
            in_key = False
            continue
        if in_section and re.match(r"^  \S", line):
            in_key = line.strip().startswith(f"{key}:")
            continue
        if in_section and in_key and line.strip().startswith("- "):
            items.append(line.strip()[2:])
    return items


def _name(spec: str) -> str:
    return spec.split("#")[0].strip().split(" ")[0]


def feedstock_facts(meta: str) -> dict:
    build = _v0_section(meta, "requirements", "build")
    return {
        "host": {_name(s) for s in _v0_section(meta, "requirements", "host")},
        "run": {_name(s) for s in _v0_section(meta, "requirements", "run")},
        "compilers": {m for s in build for m in re.findall(r"compiler\('(c|cxx|fortran)'\)", s)},
        "noarch": "noarch: generic" in meta,
        "license": re.search(r"^  license: (.+)$", meta, re.M).group(1).strip(),
        "build tools": {_name(s) for s in build if not _NOT_A_TOOL.search(s)},
    }


def _flatten(items: list) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, dict):
            for branch in ("then", "else"):
                value = item.get(branch, [])
                out += _flatten(value if isinstance(value, list) else [value])
        else:
            out.append(item)
    return out


def generated_facts(data: dict) -> dict:
    build = _flatten(data["requirements"]["build"])
    return {
        "host": {_name(s) for s in _flatten(data["requirements"]["host"])},
        "run": {_name(s) for s in _flatten(data["requirements"]["run"])},
        "compilers": {m for s in build for m in re.findall(r"compiler\('(c|cxx|fortran)'\)", s)},
        "noarch": data["build"].get("noarch") == "generic",
        "license": data["about"]["license"],
        "build tools": {_name(s) for s in build if not _NOT_A_TOOL.search(s)},
    }


def f1(ours: set[str], theirs: set[str]) -> tuple[float, int, int, int]:
    true_positive = len(ours & theirs)
    precision = true_positive / len(ours) if ours else 1.0
    recall = true_positive / len(theirs) if theirs else 1.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return score, true_positive, len(ours - theirs), len(theirs - ours)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--feedstocks", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "recipes" / "v0"
    )
    args = parser.parse_args()
    root = build_repository(Path(tempfile.mkdtemp(prefix="recipegen-cran-bench-")))
    names = package_names()

    backends = [("data files", False)] + ([("R (rpy2)", True)] if r_available() else [])
    recipes = {}
    for label, use_r in backends:
        generator = CranGenerator(CranRepository.from_dir(root), RecipeOptions(use_r=use_r))
        generator.generate(names[0])  # warm-up: index, R start-up
        start = time.perf_counter()
        for name in names:
            recipe = generator.generate(name)
            recipes.setdefault(name.lower(), recipe)
            recipe.text()
        elapsed = time.perf_counter() - start
        print(
            f"generate+render {len(names)} packages ({label}): {elapsed * 1000:.0f} ms total, "
            f"{elapsed * 1000 / len(names):.1f} ms/package"
        )
    if not r_available():
        print("R backend: skipped (R or rpy2 not installed)")

    print(f"\ncomparison with conda-forge feedstocks in {args.feedstocks}")
    compare(recipes, args.feedstocks, ("compilers", "noarch", "license"), "compiler/noarch/license")

    real_root = build_real_repository(Path(tempfile.mkdtemp(prefix="recipegen-cran-real-")))
    generator = CranGenerator(CranRepository.from_dir(real_root), RecipeOptions(use_r=False))
    real = {name.lower(): generator.generate(name) for name in real_package_names()}
    print(f"\nreal CRAN tarballs (fixtures/cran/real, {len(real)} packages) vs the same feedstocks")
    compare(
        real,
        args.feedstocks,
        ("compilers", "noarch", "license", "build tools"),
        "compiler/noarch/license/build-tool",
        native=True,
    )


def _micro_f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return (2 * precision * recall / (precision + recall) if precision + recall else 0.0), precision, recall


def compare(recipes: dict, feedstocks: Path, decision_facts: tuple[str, ...], label: str, native: bool = False) -> None:
    """Print host/run F1 and the equal decisions of each recipe that has a feedstock, then totals.

    native: also total the non-R dependencies alone (what src/ and SystemRequirements decide;
    R dependencies differ wherever the DESCRIPTION and the feedstock are different versions).
    """
    total_tp = total_fp = total_fn = 0
    native_counts = [0, 0, 0]
    decisions = []
    for meta_path in sorted(feedstocks.glob("r-*-feedstock/meta.yaml")):
        conda = meta_path.parent.name.removesuffix("-feedstock")
        key = conda.removeprefix("r-")
        if key not in recipes:
            continue
        theirs = feedstock_facts(meta_path.read_text())
        ours = generated_facts(recipes[key].data)
        version = re.search(r'set version = "([^"]+)"', meta_path.read_text()).group(1)
        print(f"\n{conda} (feedstock {version}, DESCRIPTION {recipes[key].data['context']['version']})")
        for section in ("host", "run"):
            score, tp, fp, fn = f1(ours[section], theirs[section])
            total_tp, total_fp, total_fn = total_tp + tp, total_fp + fp, total_fn + fn
            _, *counts = f1(*({n for n in side[section] if not n.startswith("r-")} for side in (ours, theirs)))
            native_counts = [a + b for a, b in zip(native_counts, counts)]
            print(
                f"  {section:4} F1 {score:.2f}  only ours: {sorted(ours[section] - theirs[section]) or '-'}  "
                f"only feedstock: {sorted(theirs[section] - ours[section]) or '-'}"
            )
        for fact in decision_facts:
            same = ours[fact] == theirs[fact]
            decisions.append(same)
            print(f"  {fact:9} {'same' if same else 'DIFFERENT'}: ours {ours[fact]!r}, feedstock {theirs[fact]!r}")
    overall, precision, recall = _micro_f1(total_tp, total_fp, total_fn)
    print(
        f"\noverall host+run dependency F1 (micro): {overall:.3f} "
        f"(precision {precision:.3f}, recall {recall:.3f}); "
        f"{label} decisions equal: {sum(decisions)}/{len(decisions)}"
    )
    if native:
        score, precision, recall = _micro_f1(*native_counts)
        print(
            f"native (non-R) host+run dependency F1 (micro): {score:.3f} "
            f"(precision {precision:.3f}, recall {recall:.3f})"
        )


if __name__ == "__main__":
    main()
