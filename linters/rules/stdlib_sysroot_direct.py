"""Do not require `sysroot_linux-*` directly; use `stdlib('c')` and `c_stdlib_version`.

Why: the sysroot (glibc version) is chosen by `${{ stdlib('c') }}` together with the
`c_stdlib_version` variant, which conda-forge moves centrally.

Passing::

    requirements:
      build:
        - ${{ compiler('c') }}
        - ${{ stdlib('c') }}

Failing::

    requirements:
      build:
        - ${{ compiler('c') }}
        - sysroot_linux-64 2.17
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._requirements import requirement_entries

from recipegen.problems import Severity

ID = "stdlib-sysroot-direct"
SEVERITY = Severity.ERROR
EQUIVALENT = ("stdlib-sysroot-direct", "R-034")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False
SKIP_KEY = "lint_stdlib"


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, _, _, spec, path in requirement_entries(doc, "build"):
        if spec.strip().startswith("sysroot_linux"):
            yield Finding(
                "Do not require the sysroot directly: use `stdlib('c')` in build and set "
                "`c_stdlib_version` in the variant configuration.",
                path=path,
                view=view,
            )
