"""The recipe must state its license in `about.license`.

Why: conda-forge only distributes packages whose license is known; the license is shown on
anaconda.org and used by license scanners.

Passing::

    about:
      license: MIT
      license_file: LICENSE

Failing::

    about:
      summary: A package without a license
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "license-missing"
SEVERITY = Severity.ERROR
EQUIVALENT = ("license-missing", "R-002")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        if not get(view.data, "about", "license"):
            path = (
                ("about", "license")
                if isinstance(get(view.data, "about"), dict) and "license" in view.data["about"]
                else ("about",)
            )
            yield Finding(
                "`about.license` is missing: state the package's license as an SPDX expression.",
                path=path,
                view=view,
                key=True,
                fix="add `license: <SPDX id>` under `about`",
            )
