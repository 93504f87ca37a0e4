"""cython, numpy, pybind11, cffi, nanobind in build belong in host (build only for cross).

Why: these are build *inputs* for the target Python: headers and libraries the extension
compiles against. They go in host; a copy in build is only needed when cross-compiling,
under `if: build_platform != host_platform` next to `cross-python`.

Passing::

    requirements:
      build:
        - ${{ compiler('c') }}
        - ${{ stdlib('c') }}
        - if: build_platform != host_platform
          then:
            - cross-python_${{ host_platform }}
            - cython
      host:
        - python
        - pip
        - setuptools
        - cython

Failing::

    requirements:
      build:
        - ${{ compiler('c') }}
        - ${{ stdlib('c') }}
        - cython
      host:
        - python
        - pip
        - setuptools
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._data import data_lines
from recipegen.linters.rules._fixes import Fix, Problem, move_item
from recipegen.linters.rules._requirements import named_entries, requirement_lists
from recipegen.linters.walk import package_of

from recipegen.problems import Severity

ID = "python-build-input-in-build"
SEVERITY = Severity.HINT
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    inputs = data_lines("python_build_inputs.txt")
    for view, _, _, build in requirement_lists(doc, "build"):
        if any(package_of(s).startswith("cross-python") for s, _ in build):
            continue
        for name, path in named_entries(build, inputs):
            if not view.facts.cross_only(path):
                yield Finding(
                    f"`{name}` is a build input of the extension: list it in host; in build only under "
                    "`if: build_platform != host_platform` (with `cross-python`).",
                    path=path,
                    view=view,
                )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Move the build input to host (drop it from build when host has it)."""
    return move_item(doc, problem, "host")
