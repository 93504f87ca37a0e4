"""Do not constrain the `__osx` virtual package; use `stdlib('c')` and `c_stdlib_version`.

Why: the minimum macOS version comes from `${{ stdlib('c') }}` and the `c_stdlib_version`
variant. A bare `__osx` (noarch packages that only run on macOS) is fine.

Passing::

    requirements:
      run:
        - __osx

Failing::

    requirements:
      run:
        - __osx >=10.13
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._requirements import requirement_entries

from recipegen.problems import Severity

ID = "stdlib-osx-virtual-direct"
SEVERITY = Severity.ERROR
EQUIVALENT = ("stdlib-osx-virtual-direct", "R-035")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False
SKIP_KEY = "lint_stdlib"


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, _, _, spec, path in requirement_entries(doc, "run", "run_constrained"):
        if spec.strip().startswith("__osx >"):
            yield Finding(
                "Do not constrain `__osx` directly: use `stdlib('c')` in build and set "
                "`c_stdlib_version` for macOS in the variant configuration.",
                path=path,
                view=view,
            )
