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
