"""`is_abi3` is a boolean variant: compare it as a boolean, not with a string.

Why: `is_abi3 == "true"` is never true now that the variant is a real boolean, so the
condition silently does the wrong thing.

Passing::

    build:
      skip: is_abi3 and win

Failing::

    build:
      skip: is_abi3 == "true"
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, replace_span_text, span_text
from recipegen.linters.rules._text import span_at

from recipegen.problems import Severity

ID = "is-abi3-string-compare"
SEVERITY = Severity.ERROR
EQUIVALENT = ("is-abi3-string-compare", "R-038")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True

_PATTERN = re.compile(r"""is_abi3\s*(==|!=)\s*['"](true|false)['"]""")


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for match in _PATTERN.finditer(doc.text):
        yield Finding(
            f"`is_abi3` is a boolean variant now; replace `{match.group(0)}` with a boolean test "
            "(`is_abi3` or `not is_abi3`).",
            span=span_at(doc, match.start(), len(match.group(0))),
        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Compare `is_abi3` as a boolean."""
    match = _PATTERN.fullmatch(span_text(doc, problem))
    if not match:
        return None
    positive = (match.group(1) == "==") == (match.group(2) == "true")
    test = "is_abi3" if positive else "not is_abi3"
    return replace_span_text(doc, problem, test, f"Use `{test}`")
