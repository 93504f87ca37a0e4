"""`about.summary` must describe the package in one line.

Why: the summary is what `conda search --info`, anaconda.org and prefix.dev show.

Passing::

    about:
      summary: Fast JSON parsing for Python

Failing::

    about:
      homepage: https://github.com/org/foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import get, missing_path

from recipegen.problems import Severity

ID = "about-missing-summary"
SEVERITY = Severity.ERROR
EQUIVALENT = ("about-missing-summary", "R-002")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        if not get(view.data, "about", "summary"):
            path, found = missing_path(view.data, "about", "summary")
            yield Finding(
                "`about.summary` is missing: describe the package in one line.", path=path, view=view, key=found
            )
