"""The `toolchain` package is deprecated; use the compiler functions.

Why: `toolchain` predates conda-forge's compilers; `${{ compiler('c') }}` (and
`stdlib('c')`) select the right compiler for each platform.

Passing::

    requirements:
      build:
        - ${{ compiler('c') }}
        - ${{ stdlib('c') }}

Failing::

    requirements:
      build:
        - toolchain
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._requirements import requirement_entries

from recipegen.problems import Severity

ID = "legacy-toolchain"
SEVERITY = Severity.ERROR
EQUIVALENT = ("legacy-toolchain", "R0-006")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, _, _, spec, path in requirement_entries(doc, "build", top_level_only=True):
        if spec.strip() == "toolchain":
            yield Finding(
                "`toolchain` is deprecated: use `compiler('c')`/`compiler('cxx')` and `stdlib('c')` instead.",
                path=path,
                view=view,
            )
