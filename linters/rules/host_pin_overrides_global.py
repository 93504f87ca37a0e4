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
        - openssl
        - zlib 1

Fix: only a version that restates the global pin (`zlib 1` with zlib pinned to 1) is dropped;
a floor or any other constraint (`libcurl >=8.4.0`) is a decision for a person.
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
    """Drop the version when it only restates the global pin (`zlib 1.3`, `zlib 1.3.*` with
    zlib pinned to 1.3): then nothing the build gets changes. Any other constraint (a floor such
    as `libcurl >=8.4.0`) is a decision a person makes: no mechanical fix."""

    def restated(spec: str) -> str:
        parts = spec.split()
        pins = global_pin_values().get(item_name(spec), ())
        return item_name(spec) if len(parts) == 2 and parts[1].removesuffix(".*") in pins else ""

    return rewrite_item(doc, problem, restated, "Write `{new}` without a version")


@cache
def global_pin_values() -> dict[str, frozenset[str]]:
    """Package -> the versions the global pinning lists for it (any platform)."""
    found: dict[str, set[str]] = {}
    for key, value, _ in global_pinning_lines():
        for name in {key, key.replace("_", "-")}:
            found.setdefault(name, set()).add(str(value).strip().strip("'\"").removesuffix(".*"))
    return {name: frozenset(values) for name, values in found.items()}
