"""shellcheck finds problems in the recipe's shell scripts (opt-in).

Why: build scripts with unquoted variables or ignored errors fail in surprising ways. Runs only
when `conda-forge.yml` has `shellcheck: {enabled: true}` and `shellcheck` is installed, over the
recipe folder's `*.sh` files (`--enable=all --shell=bash --exclude=SC2154`, as conda-smithy).

Passing::

    # recipe/build.sh
    cmake -S . -B build "${CMAKE_ARGS}"

Failing::

    # recipe/build.sh
    cmake -S . -B build $CMAKE_ARGS
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._shellcheck import run
from recipegen.linters.rules._text import whole_document_span

from recipegen.problems import Severity

ID = "shellcheck-findings"
SEVERITY = Severity.HINT
EQUIVALENT = ("shellcheck-findings", "R-042")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    result = run(doc)
    if result is not None and result.returncode == 1:
        yield Finding(
            "Fix the shellcheck findings in the recipe's scripts:\n" + result.output, span=whole_document_span(doc)
        )
