"""`extra.recipe-maintainers` must be a list.

Why: a bare string (`recipe-maintainers: octocat`) is read character by character by tools.

Passing::

    extra:
      recipe-maintainers:
        - octocat

Failing::

    extra:
      recipe-maintainers: octocat
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, indent_unit, line_index, mapping_line, replace_span, unquoted
from recipegen.linters.rules._requirements import values_at

from recipegen.problems import Severity

ID = "maintainers-not-list"
SEVERITY = Severity.ERROR
EQUIVALENT = ("maintainers-not-list", "R-004")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, maintainers in values_at(doc, "extra", "recipe-maintainers"):
        if maintainers and not isinstance(maintainers, (list, tuple)):
            yield Finding(
                "`extra.recipe-maintainers` must be a list (one `- name` per line).",
                path=("extra", "recipe-maintainers"),
                view=view,
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Turn a single maintainer into a list."""
    import re

    line = mapping_line(doc, problem)
    if line is None or line.key != "recipe-maintainers":
        return None
    name = unquoted(line.value)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9_.-]+)?", name):
        return None  # several names in one string: which split is meant is for a person to say
    key_end = line.text.index(":", line.content) + 1
    item = " " * (line.content + indent_unit(doc)) + f"- {name}"
    index = line_index(doc.text)
    edit = replace_span(index, line.number, key_end + 1, len(line.text) + 1, index.newline + item)
    return Fix(f"Write `- {name}` as a list item", (edit,))
