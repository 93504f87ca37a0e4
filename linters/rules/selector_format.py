"""Selectors take the form `<two spaces>#<one space>[<expression>]`.

Why: conda-forge's tools (the autotick bot, conda-smithy, editors) find selectors with a fixed
pattern; `- foo # [win]` or `- foo  #[win]` may be missed or misread. Every non-comment line
of a meta.yaml that conda-build reads as carrying a selector is checked.

Passing::

    requirements:
      build:
        - m2-patch  # [win]

Failing::

    requirements:
      build:
        - m2-patch # [win]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, replace_span_text
from recipegen.linters.rules._selectors import SelectorLine, match_selector_line
from recipegen.linters.rules._text import line_span

from recipegen.problems import Severity

ID = "selector-format"
SEVERITY = Severity.ERROR
EQUIVALENT = ("selector-format", "R0-001")
FORMATS = frozenset({"v0"})
CONDA_FORGE_ONLY = False

GOOD_SELECTOR = re.compile(r"(.+?)\s{2,}#\s\[(.+)\]")  # what `is_good_selector` decides, linearly
_GOOD_SELECTOR_START = re.compile(r"\s\s#\s\[")


def is_good_selector(line: str) -> bool:
    """`GOOD_SELECTOR.match(line)` without its quadratic backtracking on long whitespace runs."""
    start = _GOOD_SELECTOR_START.search(line, 1)
    return start is not None and line.find("]", start.end() + 1) >= 0


def selector_lines(doc: RecipeDocument) -> tuple[tuple[int, str, SelectorLine], ...]:
    """(1-based line, text, match) of the lines conda-build reads a selector from (found once)."""
    return doc.memo("selector_lines", lambda: _selector_lines(doc.lines))


def _selector_lines(lines: list[str]) -> tuple[tuple[int, str, SelectorLine], ...]:
    found = []
    for number, line in enumerate(lines, start=1):
        if "]" not in line or line.lstrip().startswith("#"):
            continue
        match = match_selector_line(line.rstrip())
        if match:
            found.append((number, line, match))
    return tuple(found)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for number, line, match in selector_lines(doc):
        if is_good_selector(line.rstrip()):
            continue
        start = len(match.group(1).rstrip())
        yield Finding(
            f"Write the selector as `<two spaces>#<one space>[{match.group(3)}]`.",
            span=line_span(doc, number, start, len(line.rstrip())),
            fix=f"{match.group(1).rstrip()}  # [{match.group(3).strip()}]",
        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Write the selector as `<two spaces># [expr]`."""
    for number, line, match in selector_lines(doc):
        if number == problem.line:
            body = match.group(1).rstrip()
            fixed = f"  # [{match.group(3).strip()}]"
            span = Problem(problem.file, number, len(body) + 1, "", end_line=number, end_column=len(line.rstrip()) + 1)
            return replace_span_text(doc, span, fixed, f"Write `{fixed.strip()}`")
    return None
