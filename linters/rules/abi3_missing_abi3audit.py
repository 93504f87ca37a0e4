"""abi3 (Python version-independent) packages should run `abi3audit` in their tests.

Why: `abi3audit` checks that the extension really only uses the stable ABI; without it an
accidental use of a version-specific symbol breaks the package on newer Pythons.

Passing::

    build:
      python:
        version_independent: true
    requirements:
      host:
        - python-abi3
    tests:
      - requirements:
          run: [abi3audit]
        script:
          - abi3audit $SP_DIR/foo/_foo.abi3.so -s -v

Failing::

    build:
      python:
        version_independent: true
    requirements:
      host:
        - python-abi3
    tests:
      - python:
          imports: [foo]
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._python import python_scope_kinds
from recipegen.linters.walk import first_token

from recipegen.problems import Severity

ID = "abi3-missing-abi3audit"
SEVERITY = Severity.HINT
EQUIVALENT = ("abi3-missing-abi3audit", "R-053")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True
SKIP_KEY = "hint_abi3_missing_abi3audit"


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, out, kind in python_scope_kinds(doc):
        if kind != "abi3":
            continue
        facts = view.facts
        abi3 = [p for s, p in facts.requirements(out.path, "host") if first_token(s) == "python-abi3"]
        if not abi3:
            continue
        if any(first_token(s) == "abi3audit" for s, _ in facts.test_requirements(out.path)):
            continue
        if any("abi3audit" in line for line in facts.test_script_lines(out.path)):
            continue
        yield Finding(
            "This output builds an abi3 (Python version-independent) package but its tests do not run `abi3audit`.",
            path=abi3[0],
            view=view,
            fix="add `abi3audit` to a test's requirements and run it on the extension",
        )
