"""shellcheck could not scan the recipe's shell scripts (opt-in).

Why: with `shellcheck: {enabled: true}` in conda-forge.yml the scripts are expected to be
checked; an error of shellcheck itself (not a finding) means they were not.

Passing::

    # recipe/build.sh that shellcheck can read
    make install

Failing::

    # recipe/build.sh that shellcheck cannot read (e.g. not UTF-8)
    make install
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._shellcheck import run
from recipegen.linters.rules._text import whole_document_span

from recipegen.problems import Severity

ID = "shellcheck-failed"
SEVERITY = Severity.HINT
EQUIVALENT = ("shellcheck-failed", "R-043")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    result = run(doc)
    if result is not None and result.returncode not in (0, 1):
        detail = result.output.splitlines()[0] if result.output else f"exit status {result.returncode}"
        yield Finding(f"shellcheck failed while scanning the recipe's scripts: {detail}", span=whole_document_span(doc))
