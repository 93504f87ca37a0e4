"""`about.license` must not be `unknown`.

Why: a package with an unknown license cannot be redistributed by conda-forge; find the
license in the source (or ask upstream) and state it.

Passing::

    about:
      license: BSD-3-Clause

Failing::

    about:
      license: unknown
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "license-unknown"
SEVERITY = Severity.ERROR
EQUIVALENT = ("license-unknown", "R-007")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        value = get(view.data, "about", "license")
        if isinstance(value, str) and value.strip().lower() == "unknown":
            yield Finding(
                "The license is `unknown`: find the real license of the package.", path=("about", "license"), view=view
            )
