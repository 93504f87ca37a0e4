"""`python` in build but not in host, in a recipe that installs with pip or tests imports.

Why: this is the conda-build 2 leftover the bot's Build2Host migration fixes: the package
is built for the Python in host; in build it only runs tools, so the package gets no
correct python dependency and breaks when cross-compiling.

Passing::

    requirements:
      host:
        - python
        - pip
        - setuptools
      run:
        - python

Failing::

    requirements:
      build:
        - python
        - pip
      run:
        - python
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._common import (
    get,
    is_cross_only,
    package_of,
    related_host_names,
    requirement_scopes,
    requirements_of,
    scope_names,
    test_items,
)
from recipegen.linters.rules._fixes import Fix, Problem, move_item

from recipegen.problems import Severity

ID = "python-in-build-not-host"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def _tests_imports(data, base, fmt) -> bool:
    if fmt == "v0":
        return bool(get(data, *base, "test", "imports"))
    return any(get(item, "python", "imports") for item, _ in test_items(data, base, fmt))


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    fmt = doc.format
    for view in doc.views:
        data = view.data
        for base in requirement_scopes(data, fmt):
            build = [
                (s, p)
                for s, p in requirements_of(data, base, "build", fmt)
                if not (fmt == "v1" and is_cross_only(data, p))
            ]
            pythons = [p for s, p in build if package_of(s) == "python"]
            if not pythons or "python" in related_host_names(data, base, fmt):
                continue
            uses_pip = "pip" in scope_names(data, base, "build", fmt) | scope_names(data, base, "host", fmt)
            if uses_pip or _tests_imports(data, base, fmt):
                yield Finding(
                    "`python` is in build but not in host: the package is built for the Python in host; "
                    "move python (and pip) to host.",
                    path=pythons[0],
                    view=view,
                    fix="rename `build:` to `host:` if it holds no compilers or tools",
                )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Move python from build to host."""
    return move_item(doc, problem, "host")
