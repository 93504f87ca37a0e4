"""The recipe must have a version (`package.version` or `recipe.version`).

Why: every conda package has a version; conda-build and rattler-build refuse to build
without one.

Passing::

    package:
      name: foo
      version: "1.0"

Failing::

    package:
      name: foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import get, missing_path

from recipegen.problems import Severity

ID = "package-version-missing"
SEVERITY = Severity.ERROR
EQUIVALENT = ("package-version-missing", "R-015")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        path = view.facts.version_path
        if get(view.data, *path) is None or str(get(view.data, *path)).strip() == "":
            where, found = missing_path(view.data, *path)
            yield Finding("The package version is missing.", path=where, view=view, key=found)
