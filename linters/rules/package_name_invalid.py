"""The package name may only hold lowercase letters, digits, `_`, `-` and `.`.

Why: conda package names are lowercase; other characters break channels and solvers.

Passing::

    package:
      name: foo-bar

Failing::

    package:
      name: Foo_Bar
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, replace_scalar, scalar_text, unquoted
from recipegen.linters.walk import missing_path

from recipegen.problems import Severity

ID = "package-name-invalid"
SEVERITY = Severity.ERROR
EQUIVALENT = ("package-name-invalid", "R-014")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

_VALID = re.compile(r"^[a-z0-9_\-.]+$")


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        name = view.facts.name
        if doc.dialect.schema_checked and (not name or "${{" in name):
            continue  # a missing name is the schema's problem; `${{ ... }}` left: not known here
        if not _VALID.match(name):
            path, found = missing_path(view.data, *view.facts.name_path)
            shown = f"`{name}` has" if name else "The recipe name is missing or has"
            yield Finding(
                f"{shown} invalid characters: use only lowercase letters, digits, `_`, `-` and `.`.",
                path=path,
                view=view,
                key=not name and found,
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Lowercase a name whose only fault is its case (v0 `{{ name }}` -> `{{ name|lower }}`)."""
    if not problem.line:
        return None
    written = unquoted(scalar_text(doc.text, problem.line, problem.column)[2]).strip()
    if re.fullmatch(r"\{\{\s*name\s*\}\}", written) and doc.dialect.rendered:  # v0 `{{ name }}`
        fixed = "{{ name|lower }}"
    elif _VALID.match(written.lower()) and written != written.lower():
        fixed = written.lower()
    else:
        return None
    return replace_scalar(doc.text, problem.line, problem.column, fixed, f"Write `{fixed}`")
