"""The package version must be a valid conda version (no `~`, `$`, spaces...).

Why: conda orders versions with its own rules; a string it cannot parse makes the package
impossible to install by version.

Passing::

    package:
      name: foo
      version: 2.0.0a0

Failing::

    package:
      name: foo
      version: 2.0.0~alpha0
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import get

from recipegen.problems import Severity
from recipegen.recipe import conda_version_problem

ID = "package-version-invalid"
SEVERITY = Severity.ERROR
EQUIVALENT = ("package-version-invalid", "R-016")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        path = view.facts.version_path
        raw = get(view.data, *path)
        if raw is None:
            continue
        version = view.facts.render(raw).strip()
        if not version or "{{" in version:
            continue
        reason = conda_version_problem(version)
        if reason:
            yield Finding(f"Version `{version}` is not a valid conda version: {reason}", path=path, view=view)
