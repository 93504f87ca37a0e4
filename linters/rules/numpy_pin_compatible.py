"""`pin_compatible('numpy')` in run is obsolete.

Why: numpy >=2 carries run_exports: numpy in host adds the right run dependency
(`numpy >=<oldest supported>,<3`) by itself. Add `numpy >=X` to run only for a higher floor.

Passing::

    requirements:
      host:
        - python
        - numpy
      run:
        - python

Failing::

    requirements:
      host:
        - python
        - numpy
      run:
        - python
        - ${{ pin_compatible('numpy') }}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, remove_item
from recipegen.linters.rules._requirements import requirement_entries

from recipegen.problems import Severity

ID = "numpy-pin-compatible"
SEVERITY = Severity.HINT
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

_PATTERN = re.compile(r"""pin_compatible\(\s*['"]numpy['"]|^compatible_pin numpy\b""")


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, _, _, spec, path in requirement_entries(doc, "run"):
        if _PATTERN.search(spec.strip()):
            yield Finding(
                "`pin_compatible('numpy')` is obsolete: numpy's run_exports already add the run "
                "dependency; remove it (or use `numpy >=X` for a higher floor).",
                path=path,
                view=view,
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Remove the obsolete `pin_compatible('numpy')`."""
    return remove_item(doc, problem, "Remove `pin_compatible('numpy')`")
