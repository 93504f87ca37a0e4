"""The feedstock has no `.ci_support/*.yaml` variant files, so CI builds nothing.

Why: conda-smithy writes one `.ci_support/<platform>_....yaml` per build when it rerenders
the feedstock; without them no job runs. Rerender (`conda-smithy rerender` or ask the bot).
Feedstock layout only (the recipe folder is `recipe/`).

Passing::

    # feedstock/.ci_support/linux_64_.yaml exists
    package:
      name: foo

Failing::

    # feedstock/.ci_support/ is missing or empty
    package:
      name: foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import feedstock_on_disk
from recipegen.linters.rules._text import whole_document_span

from recipegen.problems import Severity

ID = "no-variant-configs"
SEVERITY = Severity.ERROR
EQUIVALENT = ("no-variant-configs", "CF-003")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    feedstock = feedstock_on_disk(doc)
    if feedstock is None:
        return
    folder = feedstock / ".ci_support"
    if not any(folder.glob("*.yaml")):
        yield Finding(
            "The feedstock has no `.ci_support/*.yaml` files and will not build any packages: rerender it.",
            span=whole_document_span(doc),
            fix="conda-smithy rerender (or comment `@conda-forge-admin, please rerender`)",
        )
