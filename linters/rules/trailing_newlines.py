"""The recipe file ends with exactly one newline.

Why: a missing final newline or trailing blank lines produce noisy diffs and trip tools that
edit recipes line by line.

Passing::

    # the file ends with one newline after the last line
    package:
      name: foo

Failing::

    # the file ends with two blank lines after the last line
    package:
      name: foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, TextEdit
from recipegen.linters.rules._text import line_span

from recipegen.problems import Severity

ID = "trailing-newlines"
SEVERITY = Severity.ERROR
EQUIVALENT = ("trailing-newlines", "R-011", "R-012")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    text = doc.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return
    stripped = text.rstrip("\n")
    extra = len(text) - len(stripped) - 1
    last_content = stripped.count("\n") + 1
    if extra < 0:
        yield Finding(
            "The file does not end with a newline: add one.",
            span=line_span(doc, last_content),
            fix="add a newline at the end of the file",
        )
    elif extra > 0:
        from recipegen.yamlio import Span

        yield Finding(
            f"The file ends with {extra} blank line{'s' if extra > 1 else ''} too many: keep exactly "
            "one newline at the end.",
            span=Span(last_content + 1, 1, last_content + 1, 1),
            fix="remove the trailing blank lines",
        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """End the file with exactly one newline."""
    text = doc.text
    content = len(text.rstrip("\r\n"))
    if not text.strip():
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    return Fix("End the file with one newline", (TextEdit(content, len(text), newline),))
