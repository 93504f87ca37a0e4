"""`# [selector]` comments do nothing in a v1 recipe.

Why: rattler-build reads `recipe.yaml` as plain YAML; a trailing `# [win]` is only a comment,
so the line applies on every platform. Use an `if:`/`then:` item instead, with the selector
written as rattler-build reads it (conda-build's `py<39` is `match(python, "<3.9")`).

Passing::

    requirements:
      build:
        - if: win
          then: m2-patch

Failing::

    requirements:
      build:
        - m2-patch  # [win]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, item_at, line_index, replace_span
from recipegen.linters.rules._text import line_span

from recipegen.problems import Severity

ID = "comment-selectors-v1"
SEVERITY = Severity.ERROR
EQUIVALENT = ("comment-selectors-v1", "R1-001")
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = False

COMMENT_SELECTOR = re.compile(r"^(?P<body>\s*[^#\s][^#]*?)\s*(?P<comment>#\s*\[(?P<expr>[^\[\]]+)\])\s*$")


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for number, line in enumerate(doc.lines, start=1):
        if "#" not in line or "[" not in line:
            continue
        match = COMMENT_SELECTOR.match(line)
        if match:
            condition = v1_condition(match.group("expr"))
            advice = f"use `- if: {condition}` / `then:` instead" if condition else "use an `if:` / `then:` item"
            yield Finding(
                f"The selector comment `{match.group('comment')}` has no effect in a v1 recipe: {advice}.",
                span=line_span(doc, number, match.start("comment"), match.end("comment")),
                fix=f"if: {condition}" if condition else "",
            )


def v1_condition(selector: str) -> str:
    """A conda-build selector as rattler-build's `if:` condition (`py<39` -> `match(python, "<3.9")`,
    `x86` -> `x86 or x86_64`); '' when it has no v1 form."""
    from jinja2.exceptions import TemplateSyntaxError

    from recipegen.convert.expressions import Untranslatable, translate

    try:
        return translate(selector.strip(), selector=True)
    except (Untranslatable, TemplateSyntaxError, ValueError, LookupError, TypeError):
        return ""


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Turn `- value  # [expr]` into an `if: expr` / `then: value` item (keys cannot be), the
    condition written as rattler-build reads it."""
    item = item_at(doc, problem.line)
    match = COMMENT_SELECTOR.match(item.text) if item else None
    if item is None or match is None:
        return None
    expression = v1_condition(match.group("expr"))
    value = match.group("body").strip()[1:].strip()
    if not value or not expression:
        return None
    if not _plain(expression):
        expression = "'" + expression.replace("'", "''") + "'"
    then = " " * item.content + f"then: {value}"
    replaced = f"- if: {expression}" + line_index(doc.text).newline + then
    edit = replace_span(line_index(doc.text), item.number, item.indent + 1, len(item.text) + 1, replaced)
    return Fix(f"Write `- if: {expression}` / `then: {value}`", (edit,))


def _plain(expression: str) -> bool:
    """YAML reads `expression` as that text without quotes."""
    return not re.search(r": |\s#|^[\[\]{}&*!|>'\"%@`,?:-]", expression)
