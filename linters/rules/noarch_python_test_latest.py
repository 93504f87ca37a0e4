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

from typing import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._common import Output, get, noarch, python_scopes, requirements_of, strings, test_items
from recipegen.problems import Severity

ID = "noarch-python-test-latest"
SEVERITY = Severity.HINT
EQUIVALENT = ("noarch-python-test-latest", "R1-004")
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = True
SKIP_KEY = "hint_noarch_python_test_latest"


def untested_latest(doc: RecipeDocument, data, out: Output):
    """Path of the first `python` test of `out` that does not test the latest Python, or None."""
    if any(s.split()[0] == "python" and "<" in s for s, _ in requirements_of(data, out.path, "run", doc.format)
           if s.split()):
        return None
    for item, path in test_items(data, out.path, doc.format):
        if "python" not in item:
            continue
        versions = [v.strip() for v, _ in strings(data, (*path, "python", "python_version"))]
        if "*" not in versions:
            return (*path, "python")
    return None


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        multi = bool(get(view.data, "outputs"))
        for out in python_scopes(view.data, doc.format):
            if noarch(out.data if multi else view.data) != "python":
                continue
            path = untested_latest(doc, view.data, out)
            if path is not None:
                yield Finding('`noarch: python` packages install on every Python version; test against both the '
                              'minimum and the latest: `python_version: ["${{ python_min }}.*", "*"]`.',
                              path=path, view=view, key=True)
