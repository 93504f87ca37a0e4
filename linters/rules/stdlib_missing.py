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
from recipegen.linters.rules._fixes import Fix, Problem, block, insert_item_after, item_at, line_text
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


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Add the stdlib next to the compiler (with its selector in a meta.yaml)."""
    import re

    item = item_at(doc, problem.line)
    if item is None:
        return None
    following = item_at(doc, block(doc.text).block_end(item.number) + 1)
    while following is not None and following.indent == item.indent and "compiler(" in following.value:
        item = following  # after the last of the compilers listed together
        following = item_at(doc, block(doc.text).block_end(item.number) + 1)
    stdlib = doc.dialect.expression("stdlib('c')")
    line = line_text(doc, item.number)
    selector = re.search(r"\s#\s*\[([^\]]*)\]\s*$", line) if doc.dialect.line_selectors else None
    written = stdlib + (f"  # [{selector.group(1).strip()}]" if selector else "")
    return insert_item_after(doc, item, written, f"Add `{stdlib}` to build")
