"""`requirements` sections should come in the order build, host, run.

Why: the order follows the build (tools, then what is linked, then what is installed) and is
what every reviewer expects to read.

Passing::

    requirements:
      build:
        - cmake
      host:
        - zlib
      run:
        - python

Failing::

    requirements:
      run:
        - python
      build:
        - cmake
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, block, reorder_children
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "requirements-section-order"
SEVERITY = Severity.ERROR
EQUIVALENT = ("requirements-section-order", "R-009")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

ORDER = ("build", "host", "run")


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        reqs = get(view.data, "requirements")
        if not isinstance(reqs, dict):
            continue
        seen = [key for key in reqs if key in ORDER]
        if seen != sorted(seen, key=ORDER.index):
            yield Finding(
                f"The requirements sections should be in the order build, host, run; found {', '.join(seen)}.",
                path=("requirements",),
                view=view,
                key=True,
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Order the requirements sections build, host, run."""
    requirements = block(doc.text).find(("requirements",))
    if requirements is None:
        return None
    known = ORDER.index
    return reorder_children(
        doc, requirements.number, lambda key: known(key) if key in ORDER else len(ORDER), "Order build, host, run"
    )
