"""The variants file sets `MACOSX_SDK_VERSION` below `c_stdlib_version` on macOS.

Why: the SDK must be at least as new as the deployment target (`c_stdlib_version`, or
conda-forge's baseline when the recipe does not set it); an older SDK cannot build for it.

Passing::

    # conda_build_config.yaml
    MACOSX_SDK_VERSION:   # [osx]
      - "13.3"            # [osx]

Failing::

    # conda_build_config.yaml
    MACOSX_SDK_VERSION:   # [osx]
      - "10.15"           # [osx]
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._variants import (
    MacValue,
    below,
    mac_list,
    macos_baseline_floors,
    variant_mac_values,
    version_tuple,
)

from recipegen.problems import Severity

ID = "variants-macos-sdk-below-stdlib"
SEVERITY = Severity.ERROR
EQUIVALENT = ("variants-macos-sdk-below-stdlib", "CBC-001")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


def _deployment_targets(values: list[MacValue]) -> list[tuple[int, ...]]:
    """What the SDK must reach, per architecture, merged as conda-smithy does: the higher of
    `c_stdlib_version` and `MACOSX_DEPLOYMENT_TARGET` when both give as many values (conda-forge's
    baseline when their counts differ), else the one given, else the baseline."""
    stdlib = [version_tuple(v.value) or () for v in mac_list(values, "c_stdlib_version")]
    target = [version_tuple(v.value) or () for v in mac_list(values, "MACOSX_DEPLOYMENT_TARGET")]
    if stdlib and target:
        if len(stdlib) == len(target):
            return [max(pair) for pair in zip(stdlib, target, strict=True)]
        return macos_baseline_floors()
    return stdlib or target or macos_baseline_floors()


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for path, values in variant_mac_values(doc):
        for value, floor in below(mac_list(values, "MACOSX_SDK_VERSION"), _deployment_targets(values)):
            yield value.finding(
                path,
                f"`MACOSX_SDK_VERSION` {value.value} is below the macOS `c_stdlib_version` "
                f"({'.'.join(map(str, floor))}); an SDK cannot be older than the deployment target.",
                fix="raise MACOSX_SDK_VERSION or drop it",
            )
