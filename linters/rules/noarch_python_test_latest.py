"""`noarch: python` outputs should also test with the newest Python (`python_version: "*"`).

Why: a noarch package installs on every Python version, but a `python` test with only
`python_version: ${{ python_min }}.*` never sees the newest one. Outputs that cap python
(`python <3.14`) are exempt.

Passing::

    build:
      noarch: python
    tests:
      - python:
          imports: [foo]
          python_version: ["${{ python_min }}.*", "*"]

Failing::

    build:
      noarch: python
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

ID = "noarch-python-test-latest"
SEVERITY = Severity.HINT
EQUIVALENT = ("noarch-python-test-latest", "R1-004")
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = True
SKIP_KEY = "hint_noarch_python_test_latest"


MESSAGE = (
    "`noarch: python` packages install on every Python version; test against both the minimum and the "
    'latest: `python_version: ["${{ python_min }}.*", "*"]`.'
)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    yield from untested_latest_findings(doc, "noarch", MESSAGE)


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Add `"*"` to `python_version` (none: `["${{ python_min }}.*", "*"]`)."""
    return test_latest_python(doc, problem, '["${{ python_min }}.*", "*"]')
