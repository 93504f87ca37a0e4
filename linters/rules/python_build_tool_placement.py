"""`pip` and PEP 517 build backends belong in host, not build or run.

Why: pip installs into the host prefix with the host Python; backends (setuptools,
hatchling, flit-core, poetry-core, scikit-build-core, meson-python, maturin...) must be
importable by that Python. In build they are the wrong Python when cross-compiling; in run
they are installed for nothing (a hint only, since a few packages really import them at run
time).

Passing::

    requirements:
      host:
        - python
        - pip
        - hatchling
      run:
        - python

Failing::

    requirements:
      build:
        - ${{ compiler('c') }}
        - ${{ stdlib('c') }}
        - pip
      host:
        - python
        - setuptools
      run:
        - python
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._data import data_lines
from recipegen.linters.rules._fixes import Fix, Problem, move_item
from recipegen.linters.walk import get, package_of

from recipegen.problems import Severity

ID = "python-build-tool-placement"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

# backends that packages legitimately import at run time (pkg_resources, plugins)
RUNTIME_OK = ("setuptools", "wheel")


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    tools = {n.replace("_", "-") for n in data_lines("python_build_backends.txt")}
    for view in doc.views:
        facts = view.facts
        for base in facts.scopes:
            name = facts.output_name_at(base) or facts.name
            has_host = get(view.data, *base, "requirements", "host") is not None
            host = facts.related_host_names(base)
            build = facts.requirements(base, "build")
            merged = not has_host and not any("compiler" in s for s, _ in build)
            for spec, path in build:
                tool = package_of(spec).replace("_", "-")
                if tool not in tools or tool in host or facts.cross_only(path):
                    continue
                if merged:
                    continue  # no host section: conda-build merges build and host (old style, works)
                yield Finding(
                    f"`{tool}` is in build: pip and build backends belong in host, next to the Python "
                    "they install for.",
                    path=path,
                    view=view,
                    fix="move it to `requirements.host`",
                )
            for spec, path in facts.requirements(base, "run"):
                tool = package_of(spec).replace("_", "-")
                if tool in tools and tool not in RUNTIME_OK and not name.startswith(tool.split("-")[0]):
                    yield Finding(
                        f"`{tool}` is a build tool: it belongs in host, not run.",
                        path=path,
                        view=view,
                        severity=Severity.HINT,
                        fix="move it to `requirements.host`",
                    )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Move pip or the build backend to host."""
    return move_item(doc, problem, "host")
