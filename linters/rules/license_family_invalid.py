"""v0 `about.license_family` must be one of conda-build's license families.

Why: conda-build refuses other values (e.g. `BSD3`), so the recipe would not even build.

Passing::

    about:
      license: BSD-3-Clause
      license_family: BSD

Failing::

    about:
      license: BSD-3-Clause
      license_family: BSD3
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import get

from recipegen.problems import Severity
from recipegen.validation.wording import flow_text

ID = "license-family-invalid"
SEVERITY = Severity.ERROR
EQUIVALENT = ("license-family-invalid",)
FORMATS = frozenset({"v0"})
CONDA_FORGE_ONLY = False

# conda-build's `allowed_license_families` (conda_build/license_family.py)
ALLOWED = (
    "AGPL",
    "LGPL",
    "GPL3",
    "GPL2",
    "GPL",
    "BSD",
    "MIT",
    "APACHE",
    "PSF",
    "CC",
    "MOZILLA",
    "PUBLIC-DOMAIN",
    "PROPRIETARY",
    "OTHER",
    "NONE",
)


def _normalized(value: str) -> str:
    return re.sub(r"[\W_]", "", value.upper())


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    allowed = {_normalized(f) for f in ALLOWED}
    for view in doc.views:
        value = get(view.data, "about", "license_family")
        if value is None:
            continue
        if _normalized(str(value)) not in allowed:
            yield Finding(
                f"`license_family` `{flow_text(value)}` is not a conda-build license family; use one of {', '.join(ALLOWED)}.",
                path=("about", "license_family"),
                view=view,
            )
