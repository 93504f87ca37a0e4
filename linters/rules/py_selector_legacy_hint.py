"""Old-style Python selectors (`py27`, `py34`, `py35`, `py36`) are deprecated.

Why: they still work but name Python versions conda-forge no longer builds; write
`py==36` or `py<37` (or drop the line).

Passing::

    requirements:
      run:
        - enum34  # [py<34]

Failing::

    requirements:
      run:
        - enum34  # [py27]
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._text import line_span
from recipegen.linters.rules.py_selector_legacy import fix as fix  # the same `py==NN` fix
from recipegen.linters.rules.py_selector_legacy import legacy_selectors

from recipegen.problems import Severity

ID = "py-selector-legacy-hint"
SEVERITY = Severity.HINT
EQUIVALENT = ("py-selector-legacy (hint)", "R0-003")
FORMATS = frozenset({"v0"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for number, token, offset in legacy_selectors(doc, defined=True):
        version = token.group(1)
        yield Finding(
            f"`{token.group(0)}` is a deprecated old-style selector: write `py=={version}` "
            "(or drop the line if that Python is no longer built).",
            span=line_span(doc, number, offset + token.start(), offset + token.end()),
            fix=f"py=={version}",
        )
