"""Jinja variable definitions take the form `{% set name = value %}` (single spaces).

Why: the autotick bot and other conda-forge tools update versions and hashes by matching
`{% set version = "..." %}` literally; `{%set version="1.0"%}` is not found.

Passing::

    {% set version = "1.0" %}
    package:
      name: foo
      version: {{ version }}

Failing::

    {% set version="1.0" %}
    package:
      name: foo
      version: {{ version }}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, line_text, replace_in_line
from recipegen.linters.rules._text import line_span

from recipegen.problems import Severity

ID = "jinja-set-format"
SEVERITY = Severity.ERROR
EQUIVALENT = ("jinja-set-format", "R0-005")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

LOOSE_SET = re.compile(r"\s*\{%\s*(set)\s+[^\s]+\s*=\s*[^\s]+\s*%\}")
GOOD_SET = re.compile(r"\s*\{%\s(set)\s[^\s]+\s=\s[^\s]+\s%\}")
_PARTS = re.compile(r"\{%\s*set\s+([^\s=]+)\s*=\s*([^\s]+?)\s*%\}")


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for number, line in enumerate(doc.lines, start=1):
        if "{%" not in line or not LOOSE_SET.match(line) or GOOD_SET.match(line):
            continue
        parts = _PARTS.search(line)
        fixed = f"{{% set {parts.group(1)} = {parts.group(2)} %}}" if parts else ""
        yield Finding(
            "Write Jinja variable definitions as `{% set name = value %}` (one space each)"
            + (f": `{fixed}`." if fixed else "."),
            span=line_span(doc, number),
            fix=fixed,
        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Write `{% set name = value %}` with single spaces."""
    parts = _PARTS.search(line_text(doc, problem.line))
    if not parts:
        return None
    fixed = f"{{% set {parts.group(1)} = {parts.group(2)} %}}"
    return replace_in_line(doc.text, problem.line, parts.group(0), fixed, f"Write `{fixed}`")
