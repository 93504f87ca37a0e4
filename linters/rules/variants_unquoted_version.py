"""A version in `variants.yaml` written as a float (`python: [3.10]`): quote it.

Why: `3.10` unquoted is the number 3.1 to a YAML reader, so the variant asks for Python 3.1
(`1e3` becomes 1000.0, and `11.0` loses its trailing zero where numbers are printed as
`11`). Variant values are version strings: quote them. Floats that read back exactly
(`2.17`, `3.9`), integers (`c_compiler_version: [13]`) and `conda_build_config.yaml`
(conda-build reads its numbers as the text written) are left alone. Reported in the variants
file, at the value (`recipegen validate variants.yaml` reports the same).

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
from pathlib import Path

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._variants import recipe_variant_files, variant_file_problems

from recipegen.problems import Severity
from recipegen.yamlio import Span

ID = "variants-unquoted-version"
SEVERITY = Severity.ERROR
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for path in recipe_variant_files(doc):
        for problem in variant_file_problems(path):
            if problem.rule_id == ID:
                yield Finding(
                    problem.message,
                    file=Path(problem.file),
                    span=Span(problem.line, problem.column, problem.end_line, problem.end_column),
                    fix="quote the value",
                )
