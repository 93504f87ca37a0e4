"""`about.homepage` (v1) / `about.home` (v0) must point to the project's home page.

Why: users and reviewers need to find the upstream project.

Passing::

    about:
      homepage: https://github.com/org/foo

Failing::

    about:
      summary: Foo does things
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import get, missing_path

from recipegen.problems import Severity

ID = "about-missing-home"
SEVERITY = Severity.ERROR
EQUIVALENT = ("about-missing-home", "R-002")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    key = doc.dialect.home_key
    for view in doc.views:
        if not get(view.data, "about", key):
            path, found = missing_path(view.data, "about", key)
            yield Finding(f"`about.{key}` is missing: add the project's home page.", path=path, view=view, key=found)
