"""Every output that uses a compiler needs `${{ stdlib('c') }}` in its build requirements.

Why: `stdlib('c')` pins the C standard library (glibc on Linux, the macOS SDK target) the
package is built against; conda-forge moves that baseline centrally. The rule applies to
each output separately.

Passing::

    requirements:
      build:
        - ${{ compiler('c') }}
        - ${{ stdlib('c') }}

Failing::

    requirements:
      build:
        - ${{ compiler('c') }}
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._requirements import requirement_lists

from recipegen.problems import Severity

ID = "stdlib-missing"
SEVERITY = Severity.ERROR
EQUIVALENT = ("stdlib-missing", "R-033")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False
SKIP_KEY = "lint_stdlib"


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    dialect = doc.dialect
    stdlib = dialect.expression("stdlib('c')")
    for view, _, _, build in requirement_lists(doc, "build"):
        compilers = [path for spec, path in build if dialect.needs_stdlib_compiler(spec)]
        if compilers and not any(dialect.is_stdlib(spec) for spec, _ in build):
            yield Finding(
                f"This output uses a compiler but has no `{stdlib}` in its build requirements.",
                path=compilers[0],
                view=view,
                fix=f"add `{stdlib}` next to the compiler",
            )
