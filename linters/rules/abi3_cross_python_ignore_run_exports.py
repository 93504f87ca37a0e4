"""Do not ignore `cross-python`'s run_exports by hand in noarch-python or abi3 outputs.

Why: rattler-build now drops the python run_export of `cross-python` for such outputs
itself; the manual `ignore_run_exports` entry is obsolete.

Passing::

    build:
      noarch: python
    requirements:
      host:
        - python ${{ python_min }}.*

Failing::

    build:
      noarch: python
    requirements:
      ignore_run_exports:
        from_package:
          - cross-python_${{ host_platform }}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, remove_item
from recipegen.linters.rules._python import python_scope_kinds
from recipegen.linters.walk import strings

from recipegen.problems import Severity

ID = "abi3-cross-python-ignore-run-exports"
SEVERITY = Severity.HINT
EQUIVALENT = ("abi3-cross-python-ignore-run-exports", "R1-007")
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = True
SKIP_KEY = "hint_abi3_cross_python_run_exports"

_CROSS_PYTHON = re.compile(r"^cross-python(_|\s|$)")


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, out, kind in python_scope_kinds(doc):
        if not kind:
            continue
        path = (*out.path, "requirements", "ignore_run_exports", "from_package")
        for spec, item_path in strings(view.data, path):
            if _CROSS_PYTHON.match(spec.strip()):
                yield Finding(
                    "rattler-build already drops the python run_export of `cross-python` here; "
                    "remove this `ignore_run_exports` entry.",
                    path=item_path,
                    view=view,
                )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Remove the manual `ignore_run_exports` entry of cross-python."""
    return remove_item(doc, problem, "Remove the `cross-python` ignore_run_exports entry")
