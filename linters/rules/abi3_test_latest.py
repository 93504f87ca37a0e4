"""Python version-independent (abi3) outputs should also test with the newest Python.

Why: an abi3 extension installs on every Python from its minimum on, but a `python` test
pinned to one version never sees the newest. Add `"*"` to `python_version`.

Passing::

    build:
      python:
        version_independent: true
    tests:
      - python:
          imports: [foo]
          python_version: ["${{ python_min }}.*", "*"]

Failing::

    build:
      python:
        version_independent: true
    tests:
      - python:
          imports: [foo]
          python_version: ${{ python_min }}.*
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, test_latest_python
from recipegen.linters.rules._python import untested_latest_findings

from recipegen.problems import Severity

ID = "abi3-test-latest"
SEVERITY = Severity.HINT
EQUIVALENT = ("abi3-test-latest", "R1-005")
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = True
SKIP_KEY = "hint_python_version_independent_test_latest"


MESSAGE = (
    "This package is Python version-independent (abi3) but its test only runs against a single Python "
    'version; add `"*"` to `python_version` to test the latest too.'
)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    yield from untested_latest_findings(doc, "abi3", MESSAGE)


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Add `"*"` to `python_version`."""
    return test_latest_python(doc, problem, None)
