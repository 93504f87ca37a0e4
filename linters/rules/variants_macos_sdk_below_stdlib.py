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
from recipegen.linters.rules._common import whole_document_span
from recipegen.linters.rules._variants import MacValue, mac_values_below, macos_stdlib_baseline, version_tuple

from recipegen.problems import Severity

ID = "variants-macos-sdk-below-stdlib"
SEVERITY = Severity.ERROR
EQUIVALENT = ("variants-macos-sdk-below-stdlib", "CBC-001")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


def _stdlib_floor(values: list[MacValue]) -> tuple[int, ...] | None:
    """The file's highest macOS `c_stdlib_version`, else conda-forge's baseline."""
    stdlib = [v for v in (version_tuple(v.value) for v in values if v.key == "c_stdlib_version") if v]
    return max(stdlib) if stdlib else version_tuple(macos_stdlib_baseline())


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for path, value, floor in mac_values_below(doc, "MACOSX_SDK_VERSION", _stdlib_floor):
        yield Finding(
            f"{path.name}:{value.line}: `MACOSX_SDK_VERSION` {value.value} is below the macOS "
            f"`c_stdlib_version` ({'.'.join(map(str, floor))}); an SDK cannot be older than "
            "the deployment target.",
            span=whole_document_span(doc),
            fix="raise MACOSX_SDK_VERSION or drop it",
        )
