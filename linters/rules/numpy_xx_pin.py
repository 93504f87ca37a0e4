"""`numpy x.x` in build is a deprecated pinning pattern.

Why: `numpy x.x` was conda-build's old way to build once per numpy version; numpy's run_exports
and conda-forge's global pinning do this now. Put `numpy` in host without a version.

Passing::

    requirements:
      host:
        - numpy

Failing::

    requirements:
      build:
        - numpy x.x
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, move_item

from recipegen.problems import Severity

ID = "numpy-xx-pin"
SEVERITY = Severity.ERROR
EQUIVALENT = ("numpy-xx-pin", "R-017")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        for spec, path in view.facts.requirements((), "build"):
            if spec == "numpy x.x":
                yield Finding(
                    "`numpy x.x` is a deprecated pinning pattern: list `numpy` in host "
                    "without a version (its run_exports add the runtime constraint).",
                    path=path,
                    view=view,
                    fix="replace with `numpy` in host",
                )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Replace `numpy x.x` in build by `numpy` in host."""
    return move_item(doc, problem, "host", value="numpy")
