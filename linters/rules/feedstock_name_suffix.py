"""`extra.feedstock-name` must not end with `-feedstock`.

Why: conda-forge appends `-feedstock` itself; `foo-feedstock` would become
`foo-feedstock-feedstock`.

Passing::

    extra:
      feedstock-name: foo

Failing::

    extra:
      feedstock-name: foo-feedstock
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, replace_scalar, scalar_text, unquoted
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "feedstock-name-suffix"
SEVERITY = Severity.ERROR
EQUIVALENT = ("feedstock-name-suffix", "R-039")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        value = get(view.data, "extra", "feedstock-name")
        if isinstance(value, str) and value.strip().endswith("-feedstock"):
            yield Finding(
                f"`extra.feedstock-name` must not end with `-feedstock`; use "
                f"`{value.strip().removesuffix('-feedstock')}`.",
                path=("extra", "feedstock-name"),
                view=view,
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Drop the `-feedstock` suffix."""
    value = unquoted(scalar_text(doc.text, problem.line, problem.column)[2]).strip()
    if not value.endswith("-feedstock"):
        return None
    name = value.removesuffix("-feedstock")
    return replace_scalar(doc.text, problem.line, problem.column, name, f"Use `{name}`")
