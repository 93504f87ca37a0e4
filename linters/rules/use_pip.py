"""Install Python packages with pip, not `python setup.py install`.

Why: `setup.py install` is deprecated, skips the metadata pip writes (so `pip check` and
uninstall break) and may download dependencies.

Passing::

    build:
      script: ${{ PYTHON }} -m pip install . -vv --no-deps --no-build-isolation

Failing::

    build:
      script: python setup.py install --single-version-externally-managed --record=record.txt
"""

from __future__ import annotations

from typing import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._common import get, outputs, script_lines
from recipegen.problems import Severity

ID = "use-pip"
SEVERITY = Severity.HINT
EQUIVALENT = ("use-pip", "R-049")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        bases = {()} | {o.path for o in outputs(view.data, doc.format)}
        for base in sorted(bases, key=len):
            path = (*base, "build", "script") if doc.format == "v1" or not base else (*base, "script")
            candidates = [path] if doc.format == "v1" or not base else [path, (*base, "build", "script")]
            for candidate in candidates:
                if any("python setup.py install" in line for line in script_lines(get(view.data, *candidate))):
                    yield Finding("Install with pip (`${{ PYTHON }} -m pip install . -vv --no-deps "
                                  "--no-build-isolation`) rather than `python setup.py install`.",
                                  path=candidate, view=view)
