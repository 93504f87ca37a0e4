"""The variants file sets macOS `c_stdlib_version` below conda-forge's baseline.

Why: conda-forge's macOS packages target a minimum macOS (`c_stdlib_version` of the global
pinning, 11.0 today); a lower value builds against an SDK/deployment target the rest of the
ecosystem no longer supports. The baseline is read from the shipped global pinning.

Passing::

    # conda_build_config.yaml
    c_stdlib_version:   # [osx]
      - "11.0"          # [osx]

Failing::

    # conda_build_config.yaml
    c_stdlib_version:   # [osx]
      - "10.13"         # [osx]
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._variants import below, mac_list, macos_baseline_floors, variant_mac_values

from recipegen.problems import Severity

ID = "variants-macos-below-baseline"
SEVERITY = Severity.ERROR
EQUIVALENT = ("variants-macos-below-baseline", "RC-001")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    floors = macos_baseline_floors()
    for path, values in variant_mac_values(doc):
        if mac_list(values, "MACOSX_DEPLOYMENT_TARGET"):
            continue  # conda-smithy compares only a lone c_stdlib_version (the key itself is RC-000)
        for value, floor in below(mac_list(values, "c_stdlib_version"), floors):
            baseline = ".".join(map(str, floor))
            yield value.finding(
                path,
                f"macOS `c_stdlib_version` {value.value} is below conda-forge's baseline ({baseline}).",
                fix=f"remove it or raise it to {baseline} or more",
            )
