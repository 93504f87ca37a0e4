"""A value that YAML reads as a floating-point number (`version: 1.10` is 1.1).

Why: YAML turns `1.10` into the number 1.1, so versions and similar strings silently lose
digits. v1 reads the file as written (`context.version: 1.10`); v0 after Jinja rendering
(`version: {{ version }}` with `{% set version = "1.10" %}` renders to a float). Quote it.

Passing::

    context:
      version: "1.10"

Failing::

    context:
      version: 1.10
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, line_index, quote_number

from recipegen.problems import Severity

ID = "version-unquoted-float"
SEVERITY = Severity.ERROR
EQUIVALENT = ("version-unquoted-float", "R-040")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        for path, value in view.facts.scalars:
            if not isinstance(value, float):
                continue
            dotted = ".".join(str(k) for k in path)
            yield Finding(
                f'`{dotted}` is read as the number {value!r}: quote it (like `"1.0"`)'
                + (' or `"{{ var }}"`' if doc.dialect.rendered else "")
                + ".",
                path=path,
                view=view,
                fix="quote the value",
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Quote the number as written (`1.10` -> `"1.10"`); in a meta.yaml also `{{ var }}` when
    `var` is set from a quoted string (the quotes then keep its exact text)."""
    import re

    from recipegen.linters.rules._fixes import replace_span, scalar_text

    found = quote_number(doc.text, problem.line, problem.column)
    if found is not None or not doc.dialect.rendered:  # v0: the float may come from `{{ var }}`
        return found
    start, end, written = scalar_text(doc.text, problem.line, problem.column)
    variable = re.fullmatch(r"\{\{\s*([A-Za-z_]\w*)\s*\}\}", written)
    if variable is None:
        return None
    quoted = re.search(r"\{%-?\s*set\s+" + variable.group(1) + r"\s*=\s*(['\"])[^'\"]*\1\s*-?%\}", doc.text)
    if quoted is None:
        return None
    edit = replace_span(line_index(doc.text), problem.line, start, end, f'"{written}"')
    return Fix(f'Quote `{written}` as "{written}"', (edit,))
