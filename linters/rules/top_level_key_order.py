"""Top-level sections in the canonical order.

Why: every conda-forge recipe reads the same way (package, source, build, requirements, tests,
about, extra), which makes review and automated updates easier. Unknown keys are ignored here.
v1 multi-output recipes: schema_version, context, recipe, source, build, outputs, about, extra.

Passing::

    package:
      name: foo
    source:
      url: https://example.org/foo-1.0.tar.gz
    build:
      number: 0

Failing::

    package:
      name: foo
    build:
      number: 0
    source:
      url: https://example.org/foo-1.0.tar.gz
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, reorder_children

from recipegen.problems import Severity

ID = "top-level-key-order"
SEVERITY = Severity.ERROR
EQUIVALENT = ("top-level-key-order", "R-001")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        if not isinstance(view.data, dict):
            continue
        order = doc.dialect.top_level_order("outputs" in view.data)
        present = [k for k in view.data if k in order]
        wanted = sorted(present, key=order.index)
        if present == wanted:
            continue
        first_wrong = next(i for i, (a, b) in enumerate(zip(present, wanted)) if a != b)
        yield Finding(
            f"Top-level sections are out of order: expected {', '.join(wanted)}; "
            f"`{present[first_wrong]}` is where `{wanted[first_wrong]}` should be.",
            path=(present[first_wrong],),
            view=view,
            key=True,
        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Put the top-level sections in the canonical order."""
    data = doc.views[0].data if doc.views else None
    if not isinstance(data, dict):
        return None
    order = doc.dialect.top_level_order("outputs" in data)
    if any(key not in order for key in data):
        return None
    return reorder_children(doc, 0, order.index, "Put the top-level sections in order")
