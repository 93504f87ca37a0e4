"""The recipe must have a `build.number`.

Why: the build number tells rebuilds of the same version apart; the bots bump it.

Passing::

    build:
      number: 0

Failing::

    build:
      script: build.sh
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import (
    Fix,
    Problem,
    block,
    indent_unit,
    insert_child,
    insert_lines_after,
    line_index,
    top_level_insert_after,
)
from recipegen.linters.walk import get, missing_path

from recipegen.problems import Severity

ID = "build-number-missing"
SEVERITY = Severity.ERROR
EQUIVALENT = ("build-number-missing", "R-008")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        if get(view.data, "build", "number") is None:
            path, found = missing_path(view.data, "build", "number")
            yield Finding("The recipe must have a `build.number` (start at 0).", path=path, view=view, key=found)


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Add `number: 0` to build (and the build section if there is none)."""
    lines = block(doc.text)
    build = lines.find(("build",))
    if build is not None:
        return insert_child(doc, build, "number: 0", "Add `build.number: 0`")
    order = doc.dialect.top_level_order(lines.find(("outputs",)) is not None)
    after = top_level_insert_after(doc, "build", order)
    new_lines = ["build:", " " * indent_unit(doc) + "number: 0"]
    return Fix("Add `build.number: 0`", (insert_lines_after(line_index(doc.text), after, new_lines),))
