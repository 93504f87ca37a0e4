"""A version in `variants.yaml` written as a float (`python: [3.10]`): quote it.

Why: `3.10` unquoted is the number 3.1 to a YAML reader, so the variant asks for Python 3.1
(`1e3` becomes 1000.0, and `11.0` loses its trailing zero where numbers are printed as
`11`). Variant values are version strings: quote them. Floats that read back exactly
(`2.17`, `3.9`), integers (`c_compiler_version: [13]`) and `conda_build_config.yaml`
(conda-build reads its numbers as the text written) are left alone. Reported in the variants
file, at the value.

Passing::

    # recipe/variants.yaml
    python:
      - "3.10"

Failing::

    # recipe/variants.yaml
    python:
      - 3.10
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, quote_number
from recipegen.linters.rules._variants import recipe_variant_files, unquoted_numbers

from recipegen.problems import Severity
from recipegen.yamlio import Span

ID = "variants-unquoted-version"
SEVERITY = Severity.ERROR
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for path in recipe_variant_files(doc):
        for found in unquoted_numbers(path):
            yield Finding(
                found.message,
                file=path,
                span=Span(found.line, found.column, found.end_line, found.end_column),
                fix="quote the value",
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Quote the version in the variants file."""
    from pathlib import Path

    from recipegen.yamlio import read_text

    path = Path(problem.file)
    return quote_number(read_text(path), problem.line, problem.column, file=path)
