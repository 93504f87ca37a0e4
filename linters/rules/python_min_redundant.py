"""Do not redefine `python_min` to a version at or below conda-forge's global one.

Why: the global `python_min` (conda-forge-pinning) moves forward over time; a recipe that
pins an equal or older value freezes the package on an old minimum.

Passing::

    context:
      python_min: "3.99"

Failing::

    context:
      python_min: "3.8"
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from packaging.version import InvalidVersion, Version
from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, block, delete_lines, line_index, replace_span_text, span_text
from recipegen.linters.rules._text import span_at
from recipegen.linters.walk import get

from recipegen.condaforge import global_python_min
from recipegen.problems import Severity

ID = "python-min-redundant"
SEVERITY = Severity.HINT
EQUIVALENT = ("python-min-redundant", "R-052")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True
SKIP_KEY = "hint_redundant_python_min"

_V0_SET = re.compile(r"""\{%-?\s*set\s+python_min\s*=\s*['"]?([^'"\s%]+)['"]?\s*-?%\}""")


def _redundant(value: str) -> bool:
    try:
        return Version(value) <= Version(global_python_min())
    except InvalidVersion:
        return False


def _message(value: str) -> str:
    return (
        f"The recipe sets `python_min` to {value}, which is not above conda-forge's global value "
        f"({global_python_min()}); remove the redefinition."
    )


def _v1_definition(doc: RecipeDocument) -> Finding | None:
    """`context.python_min`, when redundant."""
    value = get(doc.views[0].data, "context", "python_min")
    if value is not None and _redundant(str(value)):
        return Finding(_message(str(value)), path=("context", "python_min"), view=doc.views[0])
    return None


def _v0_definition(doc: RecipeDocument) -> Finding | None:
    """`{% set python_min = ... %}` (read from the text: rendering replaces it), when redundant."""
    match = _V0_SET.search(doc.text)
    if match and _redundant(match.group(1)):
        return Finding(_message(match.group(1)), span=span_at(doc, match.start(), len(match.group(0))))
    return None


DEFINITIONS = {"v1": _v1_definition, "v0": _v0_definition}  # where each format sets python_min


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    found = DEFINITIONS[doc.format](doc)
    if found is not None:
        yield found


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Remove the redefinition of `python_min`."""
    index = line_index(doc.text)
    if doc.dialect.rendered:  # a meta.yaml sets it with `{% set python_min = ... %}`
        if span_text(doc, problem).strip() != index.line_text(problem.line).strip():
            return replace_span_text(doc, problem, "", "Remove `python_min`")
        return Fix("Remove the `python_min` redefinition", (delete_lines(index, problem.line),))
    lines = block(doc.text)
    entry = lines.find(("context", "python_min"))
    if entry is None:
        return None
    context = lines[entry.parent]
    if len(lines.children(context.number)) == 1:
        return Fix(
            "Remove the `python_min` redefinition",
            (delete_lines(index, context.number, lines.block_end(context.number)),),
        )
    return Fix(
        "Remove the `python_min` redefinition", (delete_lines(index, entry.number, lines.block_end(entry.number)),)
    )
