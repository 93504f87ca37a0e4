"""Globally pinned packages go in host without a version.

Why: conda-forge pins packages such as openssl, zlib, hdf5 or libcurl globally (the
conda-forge-pinning `conda_build_config.yaml`) so that the whole channel stays ABI-compatible
and migrations can rebuild everything. A version in host overrides that pin; change the pin
in the recipe's `conda_build_config.yaml` if it is really needed. Entries that use a variant
variable (`openssl ${{ openssl }}`) and packages listed twice are left alone, and so are
packages the pinning lists several versions of (`nodejs`, `python`): there a version in host
picks one build instead of one per pinned version, which a reviewer may well want. numpy (one
pinned version, 2) is checked like any other. Uses the shipped snapshot of the global pinning,
so it works outside feedstocks too; with
`--conda-forge` in a feedstock with `.ci_support/` files, conda-smithy's CF-006 row
(`pinned-dependency-overridden`) reports this instead.

Passing::

    requirements:
      host:
        - openssl
        - zlib

Failing::

    requirements:
      host:
        - openssl >=3.0
        - zlib
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, item_name, rewrite_item
from recipegen.linters.rules._requirements import requirement_lists
from recipegen.linters.walk import package_of

from recipegen.condaforge import global_pinning_lines, globally_pinned_packages
from recipegen.problems import Severity

ID = "host-pin-overrides-global"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def _cf006_applies(doc: RecipeDocument, options: LintOptions) -> bool:
    """conda-smithy's CF-006 (`pinned-dependency-overridden`) already covers a linted feedstock."""
    return bool(
        options.conda_forge
        and doc.feedstock_dir is not None
        and any((doc.feedstock_dir / ".ci_support").glob("*.yaml"))
    )


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if _cf006_applies(doc, options):
        return
    pinned = single_version_pins()
    for view, _, _, host in requirement_lists(doc, "host"):
        counts: dict[str, int] = {}
        for spec, _ in host:
            counts[package_of(spec)] = counts.get(package_of(spec), 0) + 1
        for spec, path in host:
            name = package_of(spec)
            if name not in pinned or counts[name] > 1 or len(spec.split()) < 2 or spec.split()[1] == "*":
                continue
            if "{{" in spec or "{{" in view.facts.written(spec, path):
                continue
            yield Finding(
                f"`{spec.strip()}` overrides conda-forge's global pin of `{name}`: list it without a "
                "version (override the pin in conda_build_config.yaml if really needed).",
                path=path,
                view=view,
                fix=f"use `{name}`",
            )


@cache
def single_version_pins() -> frozenset[str]:
    """Packages conda-forge pins globally to one version per platform (numpy included: it is
    left out of `globally_pinned_packages` for the generators' sake)."""
    counts: Counter[tuple[str, str]] = Counter()
    for key, _, selector in global_pinning_lines():
        counts[(key, selector)] += 1
    several = {key for (key, _), count in counts.items() if count > 1}
    names = {key for key, _ in counts if key not in several}
    names |= {name.replace("_", "-") for name in names}
    return frozenset(n for n in names if n in globally_pinned_packages() or n == "numpy")


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Drop the version: the global pin applies."""
    return rewrite_item(doc, problem, item_name, "Write `{new}` without a version")
