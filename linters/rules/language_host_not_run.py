"""`python` / `r-base` in host must also be in run.

Why: an extension built for an interpreter only works with that interpreter; without the run
requirement conda may install the package next to another Python or R. Checked for
single-output, non-noarch recipes, as conda-smithy does.

Passing::

    requirements:
      host:
        - python
        - pip
      run:
        - python

Failing::

    requirements:
      host:
        - python
        - pip
      run:
        - numpy
"""

from __future__ import annotations

from typing import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._common import get, noarch, requirements_of
from recipegen.problems import Severity

ID = "language-host-not-run"
SEVERITY = Severity.ERROR
EQUIVALENT = ("language-host-not-run", "R-023")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        data = view.data
        if noarch(data) or get(data, "outputs"):
            continue
        host = requirements_of(data, (), "host", doc.format)
        run = requirements_of(data, (), "run", doc.format)
        for language in ("python", "r-base"):
            in_host = [path for spec, path in host if spec.partition(" ")[0] == language]
            if in_host and not any(spec.partition(" ")[0] == language for spec, _ in run):
                yield Finding(f"`{language}` is a host requirement, so it must be a run requirement too.",
                              path=in_host[0], view=view, fix=f"add `{language}` to `requirements.run`")
