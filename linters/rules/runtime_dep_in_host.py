"""Runtime-only Python dependencies (requests, click, rich...) do not belong in host.

Why: host is for what the build needs (Python, pip, the backend, libraries to link); a
runtime dependency there only slows the build and hides a copy-paste of `run`. List it in
run. A hint, since a few builds do import such packages.

Passing::

    requirements:
      host:
        - python
        - pip
        - setuptools
      run:
        - python
        - requests

Failing::

    requirements:
      host:
        - python
        - pip
        - setuptools
        - requests
      run:
        - python
        - requests
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._data import data_lines
from recipegen.linters.rules._fixes import Fix, Problem, move_item
from recipegen.linters.rules._requirements import named_entries, requirement_lists
from recipegen.linters.walk import package_of

from recipegen.problems import Severity

ID = "runtime-dep-in-host"
SEVERITY = Severity.HINT
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    runtime_only = data_lines("python_runtime_only.txt")
    for view, _, _, host in requirement_lists(doc, "host"):
        if any(package_of(s) == "python" for s, _ in host):
            for name, path in named_entries(host, runtime_only):
                yield Finding(
                    f"`{name}` is a runtime dependency: list it in run, not host.",
                    path=path,
                    view=view,
                    fix="move it to `requirements.run`",
                )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Move the runtime dependency from host to run."""
    return move_item(doc, problem, "run")
