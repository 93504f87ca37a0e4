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
from recipegen.linters.rules._fixes import Fix, Problem, move_item
from recipegen.linters.walk import package_of

from recipegen.problems import Severity

ID = "python-in-build-not-host"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        facts = view.facts
        for base in facts.scopes:
            build = [(s, p) for s, p in facts.requirements(base, "build") if not facts.cross_only(p)]
            pythons = [p for s, p in build if package_of(s) == "python"]
            if not pythons or "python" in facts.related_host_names(base):
                continue
            uses_pip = "pip" in facts.scope_names(base, "build") | facts.scope_names(base, "host")
            if uses_pip or facts.test_imports(base):
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
