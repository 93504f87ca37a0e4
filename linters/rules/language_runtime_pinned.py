"""Non-noarch packages list `python` / `r-base` without version bounds in host and run.

Why: the interpreter version comes from the build matrix (variants) and its run_exports; a
`>=`/`<` bound in a compiled package fights the matrix. Use `build.skip` to drop versions.

Passing::

    requirements:
      host:
        - python
      run:
        - python

Failing::

    requirements:
      host:
        - python >=3.10
      run:
        - python
"""

from __future__ import annotations

from typing import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._common import get, noarch, requirements_of, truthy
from recipegen.problems import Severity

ID = "language-runtime-pinned"
SEVERITY = Severity.ERROR
EQUIVALENT = ("language-runtime-pinned", "R-024")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        data = view.data
        if noarch(data) or get(data, "outputs"):
            continue
        version_independent = truthy(get(data, "build", "python", "version_independent")
                                     if doc.format == "v1" else get(data, "build", "python_version_independent"))
        for language in ("python", "r-base"):
            if language == "python" and version_independent:
                continue
            for section in ("host", "run"):
                entries = [(s, p) for s, p in requirements_of(data, (), section, doc.format)
                           if s.partition(" ")[0] == language]
                if any(spec == language for spec, _ in entries):
                    continue
                for spec, path in entries:
                    if spec.partition(" ")[2].startswith((">", "<")):
                        yield Finding(f"Non-noarch packages should require `{language}` without a version "
                                      f"bound (found `{spec}` in {section}); skip versions with `build.skip`.",
                                      path=path, view=view)
