"""v0 (conda-build) Jinja `{{ ... }}` without the `$` in a recipe.yaml.

Why: rattler-build renders only `${{ ... }}`; a `{{ version }}` left from a meta.yaml stays in
the recipe as literal text, so a source URL, a version or a requirement silently names
`{{ version }}`. In a script or a test command a literal `{{` may be meant for another tool
(`docker inspect --format '{{.Id}}'`), so there it is a warning.

Passing::

    source:
      url: https://example.org/foo-${{ version }}.tar.gz

Failing::

    source:
      url: https://example.org/foo-{{ version }}.tar.gz
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, block, line_index, replace_span

from recipegen.problems import Severity

ID = "v0-jinja-in-v1"
SEVERITY = Severity.ERROR
EQUIVALENT = ()
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = False

# a Jinja expression: starts with a name (`{{ version }}`, `{{ PYTHON }}`, `{{ name|lower }}`);
# Go/Docker templates (`{{.Id}}`) do not
V0_EXPRESSION = re.compile(r"(?<!\$)\{\{\s*[A-Za-z_][^{}]*?\}\}")
SCRIPT_KEYS = frozenset({"script", "content", "commands"})


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    view = doc.views[0]
    for path, text in view.facts.scalars:
        match = V0_EXPRESSION.search(text) if isinstance(text, str) and "{{" in text else None
        if not match:
            continue
        in_script = any(key in SCRIPT_KEYS for key in path if isinstance(key, str))
        expression = match.group(0)
        yield Finding(
            f"`{expression}` is v0 (conda-build) Jinja: rattler-build leaves it as literal text"
            + (" (ignore this if the script means a literal `{{`)." if in_script else "."),
            path=path,
            view=view,
            fix=f"write `${expression}`",
            severity=Severity.WARNING if in_script else None,
        )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Add the `$` of v1 Jinja (`{{ x }}` -> `${{ x }}`); not in scripts, where `{{` may be literal."""
    if problem.severity is not Severity.ERROR:
        return None
    lines = block(doc.text)
    index = line_index(doc.text)
    for number in range(problem.line, lines.block_end(problem.line) + 1):
        found = list(V0_EXPRESSION.finditer(lines[number].text))
        if found:
            edits = tuple(replace_span(index, number, m.start() + 1, m.start() + 1, "$") for m in found)
            return Fix("Write v1 Jinja `${{ ... }}`", edits)
    return None
