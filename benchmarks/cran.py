"""`recipegen cran` figures: generation time for the 24 fixture packages, and agreement with
conda-forge's own R recipes (host/run dependency F1, compilers, noarch, license).

Run from the repository root: `python benchmarks/cran.py [--feedstocks DIR]`.
DIR holds `r-<name>-feedstock/meta.yaml` files (default: ../shared/data/recipes/v0). The
repository is the CRAN-like folder the tests build from fixtures/cran (tarballs carry the
real DESCRIPTION files and synthetic src/ files, so Makevars-linked libraries are not seen).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recipegen.generators.cran.generate import CranGenerator  # noqa: E402
from recipegen.generators.cran.recipe import RecipeOptions  # noqa: E402
from recipegen.generators.cran.repository import CranRepository  # noqa: E402
from recipegen.generators.cran.rsession import r_available  # noqa: E402
from tests.cran.cran_repo import build_repository, package_names  # noqa: E402


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
    }


def f1(ours: set[str], theirs: set[str]) -> tuple[float, int, int, int]:
    true_positive = len(ours & theirs)
    precision = true_positive / len(ours) if ours else 1.0
    recall = true_positive / len(theirs) if theirs else 1.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return score, true_positive, len(ours - theirs), len(theirs - ours)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feedstocks", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "data" / "recipes" / "v0")
    args = parser.parse_args()
    root = build_repository(Path(tempfile.mkdtemp(prefix="recipegen-cran-bench-")))
    names = package_names()

    backends = [("data files", False)] + ([("R (rpy2)", True)] if r_available() else [])
    recipes = {}
    for label, use_r in backends:
        generator = CranGenerator(CranRepository.from_dir(root), RecipeOptions(use_r=use_r))
        generator.generate_one(names[0])  # warm-up: index, R start-up
        start = time.perf_counter()
        for name in names:
            recipe = generator.generate_one(name)
            recipes.setdefault(name.lower(), recipe)
            recipe.render()
        elapsed = time.perf_counter() - start
        print(f"generate+render {len(names)} packages ({label}): {elapsed * 1000:.0f} ms total, "
              f"{elapsed * 1000 / len(names):.1f} ms/package")
    if not r_available():
        print("R backend: skipped (R or rpy2 not installed)")

    print(f"\ncomparison with conda-forge feedstocks in {args.feedstocks}")
    total_tp = total_fp = total_fn = 0
    decisions = []
    for meta_path in sorted(args.feedstocks.glob("r-*-feedstock/meta.yaml")):
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
            print(f"  {section:4} F1 {score:.2f}  only ours: {sorted(ours[section] - theirs[section]) or '-'}  "
                  f"only feedstock: {sorted(theirs[section] - ours[section]) or '-'}")
        for fact in ("compilers", "noarch", "license"):
            same = ours[fact] == theirs[fact]
            decisions.append(same)
            print(f"  {fact:9} {'same' if same else 'DIFFERENT'}: ours {ours[fact]!r}, feedstock {theirs[fact]!r}")
    precision = total_tp / (total_tp + total_fp) if total_tp + total_fp else 1.0
    recall = total_tp / (total_tp + total_fn) if total_tp + total_fn else 1.0
    overall = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"\noverall host+run dependency F1 (micro): {overall:.3f} "
          f"(precision {precision:.3f}, recall {recall:.3f}); "
          f"compiler/noarch/license decisions equal: {sum(decisions)}/{len(decisions)}")


if __name__ == "__main__":
    main()
