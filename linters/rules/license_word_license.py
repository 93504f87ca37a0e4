"""`about.license` should not contain the word "License" (`MIT License` → `MIT`).

Why: SPDX identifiers never spell out the word; `Apache License 2.0` is not an id that tools
understand. `Unlicense`, `LicenseRef-...` and ids such as `BSD-3-Clause-No-Nuclear-License`
are fine.

Passing::

    about:
      license: Apache-2.0

Failing::

    about:
      license: Apache License 2.0
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "license-word-license"
SEVERITY = Severity.ERROR
EQUIVALENT = ("license-word-license", "R-010")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        value = get(view.data, "about", "license")
        if not isinstance(value, str):
            continue
        lowered = value.lower()
        if "license" in lowered and not any(ok in lowered for ok in ("unlicense", "licenseref", "-license")):
            yield Finding(
                'The license should not include the word "License"; use the SPDX id (e.g. `MIT`, `Apache-2.0`).',
                path=("about", "license"),
                view=view,
            )
