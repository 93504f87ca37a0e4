"""Old-style Python selectors (`py38`, `py310`) do not exist beyond Python 3.6.

Why: conda-build only defines `py27`, `py34`, `py35` and `py36`; `# [py38]` is an undefined
name and the line is silently dropped (or kept) on every Python. Use `py==38`, `py>=310`, ...

Passing::

    requirements:
      run:
        - importlib-metadata  # [py<38]

Failing::

    requirements:
      run:
        - importlib-metadata  # [py37]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, replace_span_text, span_text
from recipegen.linters.rules._text import line_span
from recipegen.linters.rules.selector_format import selector_lines

from recipegen.problems import Severity

ID = "py-selector-legacy"
SEVERITY = Severity.ERROR
EQUIVALENT = ("py-selector-legacy (lint)", "R0-002")
FORMATS = frozenset({"v0"})
CONDA_FORGE_ONLY = False

LEGACY_DEFINED = frozenset({"27", "34", "35", "36"})
PY_TOKEN = re.compile(r"\bpy(\d{2,3})\b")


def legacy_selectors(doc: RecipeDocument, defined: bool) -> Iterator[tuple[int, re.Match[str], int]]:
    """(line, token match, column offset) of the first `pyNN` token of each selector."""
    for number, _line, match in selector_lines(doc):
        token = PY_TOKEN.search(match.group(3))
        if token and (token.group(1) in LEGACY_DEFINED) == defined:
            yield number, token, match.start(3)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for number, token, offset in legacy_selectors(doc, defined=False):
        version = token.group(1)
        yield Finding(
            f"`{token.group(0)}` is not a selector (old-style ones exist only for py27, py34, py35, "
            f"py36): write `py=={version}` or a range like `py>={version}`.",
            span=line_span(doc, number, offset + token.start(), offset + token.end()),
            fix=f"py=={version}",
        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Write `py==NN`."""
    token = PY_TOKEN.fullmatch(span_text(doc, problem))
    if not token:
        return None
    return replace_span_text(doc, problem, f"py=={token.group(1)}", f"Use `py=={token.group(1)}`")
