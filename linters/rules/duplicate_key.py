"""A key given twice in the same mapping of a recipe.yaml.

Why: rattler-build (and conda-smithy's parsers, R-036) refuse a recipe with a repeated key;
YAML readers that accept it silently keep one of the values, so the other one is lost. The
recipe is still linted (with the first value of each key), and each repeated key is reported
at its own line.

Passing::

    requirements:
      host:
        - zlib
      run:
        - python

Failing::

    requirements:
      host:
        - zlib
      host:
        - python
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument

from recipegen.problems import Severity
from recipegen.yamlio import Span

ID = "duplicate-key"
SEVERITY = Severity.ERROR
EQUIVALENT = ("recipe-not-parsable", "R-036")
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for line, column, key in doc.duplicate_keys:
        yield Finding(
            f"`{key}` is given twice in the same mapping; rattler-build refuses the recipe "
            "(the first value is the one linted).",
            span=Span(line, column, line, column + len(key)),
            fix="remove or merge the repeated key",
        )
