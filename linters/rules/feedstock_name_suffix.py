"""`extra.feedstock-name` must not end with `-feedstock`.

Why: conda-forge appends `-feedstock` itself; `foo-feedstock` would become
`foo-feedstock-feedstock`.

Passing::

    extra:
      feedstock-name: foo

Failing::

    extra:
      feedstock-name: foo-feedstock
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "feedstock-name-suffix"
SEVERITY = Severity.ERROR
EQUIVALENT = ("feedstock-name-suffix", "R-039")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        value = get(view.data, "extra", "feedstock-name")
        if isinstance(value, str) and value.strip().endswith("-feedstock"):
            yield Finding(
                f"`extra.feedstock-name` must not end with `-feedstock`; use "
                f"`{value.strip().removesuffix('-feedstock')}`.",
                path=("extra", "feedstock-name"),
                view=view,
            )
