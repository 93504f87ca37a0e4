"""Jinja expressions take one space inside the braces: `{{ name }}`.

Why: conda-forge's tools (the autotick bot, recipe parsers) and reviewers expect one style;
`{{name}}` or `${{ name}}` are harder to find and update. Whitespace-control forms
(`{{- x -}}`) are left alone.

Passing::

    package:
      name: ${{ name }}

Failing::

    package:
      name: ${{name}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, replace_span_text, span_text
from recipegen.linters.rules._text import line_span

from recipegen.problems import Severity

ID = "jinja-expression-spacing"
SEVERITY = Severity.HINT
EQUIVALENT = ("jinja-expression-spacing", "R-025")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

# an expression ends at the first `}}` and never spans another opener: linear on any line
V0_EXPR = re.compile(r"\{\{((?:(?!\{\{|\}\}).)*)\}\}")
V1_EXPR = re.compile(r"\$\{\{((?:(?!\$\{\{|\}\}).)*)\}\}")
EXPRESSIONS = {"v0": V0_EXPR, "v1": V1_EXPR}


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    pattern = EXPRESSIONS[doc.format]
    opener = doc.dialect.expression_open
    for number, line in enumerate(doc.lines, start=1):
        if "{{" not in line:
            continue
        for match in pattern.finditer(line):
            inner = match.group(1)
            if inner.startswith("-") or inner.endswith("-") or not inner.strip():
                continue
            if inner != f" {inner.strip()} ":
                fixed = f"{opener} {inner.strip()} }}}}"
                yield Finding(
                    f"Write `{fixed}`: one space inside each brace pair.",
                    span=line_span(doc, number, match.start(), match.end()),
                    fix=fixed,
                )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """One space inside each brace pair."""
    pattern = EXPRESSIONS[doc.format]
    written = span_text(doc, problem)
    match = pattern.fullmatch(written)
    if not match or not match.group(1).strip():
        return None
    fixed = doc.dialect.expression(match.group(1).strip())
    return replace_span_text(doc, problem, fixed, f"Write `{fixed}`")
