"""`build.noarch` must be `python` or `generic`.

Why: those are the only noarch kinds conda knows; the legacy `noarch: true` is not valid.

Passing::

    build:
      noarch: generic

Failing::

    build:
      noarch: true
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, replace_scalar, scalar_text, unquoted
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "noarch-value-invalid"
SEVERITY = Severity.ERROR
EQUIVALENT = ("noarch-value-invalid", "R-020")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        for base in view.facts.scopes:
            value = get(view.data, *base, "build", "noarch")
            if value is None or isinstance(value, (dict, list)) or (isinstance(value, str) and "{{" in value):
                continue  # a mapping or a list: the schema reports it
            if value not in ("python", "generic"):
                shown = str(value).lower() if isinstance(value, bool) else value
                yield Finding(
                    f"Invalid `noarch` value `{shown}`: use `python` or `generic`.",
                    path=(*base, "build", "noarch"),
                    view=view,
                )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Write `python` / `generic` in lowercase (other values need a person)."""
    value = unquoted(scalar_text(doc.text, problem.line, problem.column)[2]).strip()
    if value.lower() not in ("python", "generic") or value == value.lower():
        return None
    return replace_scalar(doc.text, problem.line, problem.column, value.lower(), f"Use `{value.lower()}`")
