"""`noarch: python` recipes need a lower bound on `python` in run.

Why: a noarch package installs on every Python; without a lower bound it lands on versions
it does not support. conda-forge's convention is `python >=${{ python_min }}`.

Passing::

    build:
      noarch: python
    requirements:
      host:
        - python ${{ python_min }}.*
      run:
        - python >=${{ python_min }}

Failing::

    build:
      noarch: python
    requirements:
      run:
        - python
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import (
    Fix,
    Problem,
    add_to_section,
    block,
    indent_unit,
    item_at,
    replace_scalar,
    unquoted,
)
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "noarch-python-lower-bound"
SEVERITY = Severity.ERROR
EQUIVALENT = ("noarch-python-lower-bound", "R-026")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    syntax = f"python >={doc.dialect.expression('python_min')}"
    for view in doc.views:
        data = view.data
        if view.facts.noarch != "python" or get(data, "outputs"):
            continue
        run = view.facts.requirements((), "run")
        if any(spec.split(" ")[0] == "python" and spec != "python" for spec, _ in run):
            continue
        bare = [path for spec, path in run if spec == "python"]
        path = (
            bare[0]
            if bare
            else (("requirements", "run") if get(data, "requirements", "run") is not None else ("build", "noarch"))
        )
        yield Finding(
            f"`noarch: python` recipes need a lower bound on python in run, usually `{syntax}`.",
            path=path,
            view=view,
            fix=f"use `{syntax}`",
        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Require `python >=${{ python_min }}` in run (replacing a bare `python`)."""
    spec = f"python >={doc.dialect.expression('python_min')}"
    item = item_at(doc, problem.line)
    if item is not None and unquoted(item.value) == "python":
        return replace_scalar(doc.text, item.number, item.content + 1, spec, f"Write `{spec}`")
    requirements = block(doc.text).find(("requirements",))
    if requirements is None:
        return None
    edits = add_to_section(doc, requirements, "run", [f"- {spec}"], indent_unit(doc))
    return Fix(f"Add `{spec}` to run", tuple(edits)) if edits else None
