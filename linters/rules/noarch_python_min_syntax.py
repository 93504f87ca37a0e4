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

from recipegen.linters.model import Finding, LintOptions, RecipeDocument, RecipeView
from recipegen.linters.rules._common import (
    Output,
    Path_,
    get,
    python_scope_kinds,
    requirements_of,
    source_line,
    strings,
    test_items,
    test_requirements,
)

from recipegen.problems import Severity

ID = "noarch-python-min-syntax"
SEVERITY = Severity.HINT
EQUIVALENT = ("noarch-python-min-syntax", "R-047")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True
SKIP_KEY = "hint_python_min"

_PIN = {"v1": r"\$\{\{\s*python_min\s*\}\}", "v0": r"\{\{\s*python_min\s*\}\}"}


def _matches(doc: RecipeDocument, view: RecipeView, entries: list[tuple[str, Path_]], operator: str) -> bool:
    fmt = doc.format
    pattern = re.compile(r"python\s+" + operator + _PIN[fmt])
    rendered = re.compile(r"python\s+" + operator + "9999")
    for spec, path in entries:
        if spec.strip().split()[0] != "python" or spec == "python":
            continue
        if pattern.search(spec) or (
            fmt == "v0" and (rendered.search(spec) or pattern.search(source_line(doc, view, path)))
        ):
            return True
    return False


def _test_ok(doc: RecipeDocument, view: RecipeView, out: Output) -> bool:
    data = view.data
    if _matches(doc, view, test_requirements(data, out.path, doc.format), "=?=?"):
        return True
    for _, path in test_items(data, out.path, doc.format):
        for version, _ in strings(data, (*path, "python", "python_version")):
            if re.search(_PIN["v1"], version):
                return True
    return False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    fmt = doc.format
    pin = "${{ python_min }}" if fmt == "v1" else "{{ python_min }}"
    for view, out, kind in python_scope_kinds(doc):
        if kind != "noarch":
            continue
        data = view.data
        multi = not out.top_level
        missing = []
        if not _matches(doc, view, requirements_of(data, out.path, "host", fmt), "=?=?"):
            missing.append(f"host: `python {pin}{'.*' if fmt == 'v1' else ''}`")
        if not _matches(doc, view, requirements_of(data, out.path, "run", fmt), ">="):
            missing.append(f"run: `python >={pin}`")
        if not _test_ok(doc, view, out):
            missing.append(
                f"tests: `python_version: {pin}.*` or `python {pin}.*`"
                if fmt == "v1"
                else f"test.requires: `python {pin}`"
            )
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
