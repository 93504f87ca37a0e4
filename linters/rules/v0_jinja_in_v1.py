"""v0 (conda-build) Jinja `{{ ... }}` without the `$` in a recipe.yaml.

Why: rattler-build renders only `${{ ... }}`; a `{{ version }}` left from a meta.yaml stays in
the recipe as literal text, so a source URL, a version or a requirement silently names
`{{ version }}`. At the start of a value (`version: {{ version }}`) YAML even reads it as a
mapping. In a script or a test command a literal `{{` may be meant for another tool
(`docker inspect --format '{{.Id}}'`), so there it is a warning. In the about prose (summary,
description) a literal `{{...}}` is often the project's own syntax (mstch: "an implementation of
{{mustache}} templates"), so there only an expression naming a recipe variable is reported.

Passing::

    source:
      url: https://example.org/foo-${{ version }}.tar.gz

Failing::

    source:
      url: https://example.org/foo-{{ version }}.tar.gz
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, block, line_index, replace_span

from recipegen.problems import Severity
from recipegen.yamlio import Span

ID = "v0-jinja-in-v1"
SEVERITY = Severity.ERROR
EQUIVALENT = ()
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = False

# a Jinja expression: starts with a name (`{{ version }}`, `{{ PYTHON }}`, `{{ name|lower }}`);
# Go/Docker templates (`{{.Id}}`) do not
V0_EXPRESSION = re.compile(r"(?<!\$)\{\{\s*[A-Za-z_][^{}]*?\}\}")
SCRIPT_KEYS = frozenset({"script", "content", "commands"})
PROSE_KEYS = frozenset({"summary", "description"})
# the names a conda-build recipe's Jinja used beside its own `{% set %}` variables
RECIPE_NAMES = frozenset(
    {"version", "name", "build_number", "build", "sha256", "PYTHON", "python", "environ", "compiler", "stdlib"}
    | {"pin_subpackage", "pin_compatible", "cdt", "load_setup_py_data", "load_file_data", "os", "PREFIX"}
)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    view = doc.views[0]
    yield from _read_as_mappings(doc, view.data)
    for path, text in view.facts.scalars:
        match = V0_EXPRESSION.search(text) if isinstance(text, str) and "{{" in text else None
        if not match:
            continue
        in_script = any(key in SCRIPT_KEYS for key in path if isinstance(key, str))
        expression = match.group(0)
        if path and path[-1] in PROSE_KEYS and not _names_a_variable(expression, view.data):
            continue
        yield Finding(
            f"`{expression}` is v0 (conda-build) Jinja: rattler-build leaves it as literal text"
            + (" (ignore this if the script means a literal `{{`)." if in_script else "."),
            path=path,
            view=view,
            fix=f"write `${expression}`",
            severity=Severity.WARNING if in_script else None,
        )


def _names_a_variable(expression: str, data: Any) -> bool:
    """Whether `{{ name ... }}` starts with a recipe variable (conda-build's or the context's)."""
    first = re.match(r"\{\{\s*([A-Za-z_]\w*)", expression)
    context = data.get("context") if isinstance(data, Mapping) else None
    names = RECIPE_NAMES | (set(context) if isinstance(context, Mapping) else set())
    return first is not None and first.group(1) in names


def _read_as_mappings(doc: RecipeDocument, node: Any) -> Iterator[Finding]:
    """`key: {{ x }}` / `- {{ x }}`: YAML reads the value as the mapping `{{x: null}: null}`."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            expression = _expression_mapping(doc, node)
            if expression is not None:
                line, column, written = expression
                yield Finding(
                    f"`{written}` is v0 (conda-build) Jinja, which YAML reads as a mapping at the start "
                    f"of a value: write `${written}`.",
                    span=Span(line, column, line, column + len(written)),
                    fix=f"write `${written}`",
                )
                continue
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _expression_mapping(doc: RecipeDocument, node: dict) -> tuple[int, int, str] | None:
    """(line, column, text) of the `{{ ... }}` a flow mapping was written as, or None."""
    if len(node) != 1 or not isinstance(next(iter(node)), Mapping) or next(iter(node.values())) is not None:
        return None
    try:
        line, column = node.lc.line + 1, node.lc.col + 1  # type: ignore[attr-defined]  # ruamel's position
    except AttributeError:
        return None
    text = line_index(doc.text).line_text(line) if 1 <= line <= len(doc.lines) else ""
    found = V0_EXPRESSION.match(text, column - 1)
    return (line, column, found.group(0)) if found else None


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Add the `$` of v1 Jinja (`{{ x }}` -> `${{ x }}`, quoted where YAML needs it); not in scripts,
    where `{{` may be literal."""
    if problem.severity is not Severity.ERROR:
        return None
    whole = _whole_value(doc, problem)
    if whole is not None:
        return whole
    lines = block(doc.text)
    index = line_index(doc.text)
    for number in range(problem.line, lines.block_end(problem.line) + 1):
        found = list(V0_EXPRESSION.finditer(lines[number].text))
        if found:
            edits = tuple(replace_span(index, number, m.start() + 1, m.start() + 1, "$") for m in found)
            return Fix("Write v1 Jinja `${{ ... }}`", edits)
    return None


def _whole_value(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """A value that is all one `{{ ... }}` (read as a mapping): `${{ ... }}`, quoted if YAML would
    not read that as text."""
    text = line_index(doc.text).line_text(problem.line)
    found = V0_EXPRESSION.match(text, problem.column - 1)
    if found is None or text[found.end() :].split(" #", 1)[0].strip():
        return None
    value = "$" + found.group(0)
    if not _reads_as_text(value):
        value = "'" + value.replace("'", "''") + "'"
    edit = replace_span(line_index(doc.text), problem.line, found.start() + 1, found.end() + 1, value)
    return Fix("Write v1 Jinja `${{ ... }}`", (edit,))


def _reads_as_text(value: str) -> bool:
    from recipegen.problems import InputError
    from recipegen.yamlio import parse_yaml

    try:
        return parse_yaml(f"k: {value}\n", "value.yaml", keep_comments=False).get("k") == value
    except InputError:
        return False
