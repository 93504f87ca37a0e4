"""`noarch: python` recipes should pin python with `python_min` (CFEP-25).

Why: conda-forge builds noarch packages against the oldest supported Python
(`python_min`), requires at least it at run time, and tests with it:
host `python ${{ python_min }}.*`, run `python >=${{ python_min }}`, and a test with
`python_version: ${{ python_min }}.*`. One hint per output lists every missing piece.

Passing::

    build:
      noarch: python
    requirements:
      host:
        - python ${{ python_min }}.*
      run:
        - python >=${{ python_min }}
    tests:
      - python:
          imports: [foo]
          python_version: ${{ python_min }}.*

Failing::

    build:
      noarch: python
    requirements:
      host:
        - python >=3.9
      run:
        - python >=3.9
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.facts import Output
from recipegen.linters.model import Finding, LintOptions, RecipeDocument, RecipeView
from recipegen.linters.rules._python import python_scope_kinds
from recipegen.linters.walk import Path_, get, strings

from recipegen.problems import Severity

ID = "noarch-python-min-syntax"
SEVERITY = Severity.HINT
EQUIVALENT = ("noarch-python-min-syntax", "R-047")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True
SKIP_KEY = "hint_python_min"

_PIN = {"v1": r"\$\{\{\s*python_min\s*\}\}", "v0": r"\{\{\s*python_min\s*\}\}"}
# what each format writes in host and in the tests (CFEP-25), as the message spells it
HOST_PIN = {"v1": "host: `python {pin}.*`", "v0": "host: `python {pin}`"}
TEST_PIN = {"v1": "tests: `python_version: {pin}.*` or `python {pin}.*`", "v0": "test.requires: `python {pin}`"}


def _matches(doc: RecipeDocument, view: RecipeView, entries: list[tuple[str, Path_]], operator: str) -> bool:
    """Some `python` entry pins `python_min` with `operator` (v0: also as rendered, `9999`, or as
    written on its line)."""
    pattern = re.compile(r"python\s+" + operator + _PIN[doc.format])
    stub = doc.dialect.python_min_stub
    rendered = re.compile(r"python\s+" + operator + stub) if stub else None
    for spec, path in entries:
        if spec.strip().split()[0] != "python" or spec == "python":
            continue
        if (
            pattern.search(spec)
            or (rendered is not None and rendered.search(spec))
            or pattern.search(view.facts.written(spec, path))
        ):
            return True
    return False


def _test_ok(doc: RecipeDocument, view: RecipeView, out: Output) -> bool:
    facts = view.facts
    if _matches(doc, view, facts.test_requirements(out.path), "=?=?"):
        return True
    for _, path in facts.test_items(out.path):
        for version, _ in strings(facts.data, (*path, "python", "python_version")):
            if re.search(_PIN["v1"], version):
                return True
    return False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    pin = doc.dialect.expression("python_min")
    for view, out, kind in python_scope_kinds(doc):
        if kind != "noarch":
            continue
        data = view.data
        multi = not out.top_level
        missing = []
        if not _matches(doc, view, view.facts.requirements(out.path, "host"), "=?=?"):
            missing.append(HOST_PIN[doc.format].format(pin=pin))
        if not _matches(doc, view, view.facts.requirements(out.path, "run"), ">="):
            missing.append(f"run: `python >={pin}`")
        if not _test_ok(doc, view, out):
            missing.append(TEST_PIN[doc.format].format(pin=pin))
        if missing:
            where = f"output `{out.name}`" if multi else "the recipe"
            path = (
                (*out.path, "requirements") if get(data, *out.path, "requirements") else (*out.path, "build", "noarch")
            )
            yield Finding(
                f"`noarch: python` in {where} should pin python with `python_min` (CFEP-25); "
                f"missing {'; '.join(missing)}.",
                path=path,
                view=view,
                key=True,
                fix="override `python_min` in the recipe context if the package needs a newer Python",
            )
