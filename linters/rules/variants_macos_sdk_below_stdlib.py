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

from typing import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._common import on_disk, whole_document_span
from recipegen.linters.rules._variants import macos_stdlib_baseline, mac_values, variant_files, version_tuple
from recipegen.problems import Severity

ID = "variants-macos-sdk-below-stdlib"
SEVERITY = Severity.ERROR
EQUIVALENT = ("variants-macos-sdk-below-stdlib", "CBC-001")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not on_disk(doc):
        return
    for path in variant_files(doc).values():
        values = mac_values(path)
        stdlib = [version_tuple(v.value) for v in values if v.key == "c_stdlib_version"]
        stdlib = [v for v in stdlib if v]
        floor = max(stdlib) if stdlib else version_tuple(macos_stdlib_baseline())
        if not floor:
            continue
        for value in values:
            version = version_tuple(value.value)
            if value.key == "MACOSX_SDK_VERSION" and version and version < floor:
                yield Finding(f"{path.name}:{value.line}: `MACOSX_SDK_VERSION` {value.value} is below the macOS "
                              f"`c_stdlib_version` ({'.'.join(map(str, floor))}); an SDK cannot be older than "
                              "the deployment target.", span=whole_document_span(doc),
                              fix="raise MACOSX_SDK_VERSION or drop it")
