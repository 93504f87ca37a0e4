"""The feedstock has GitHub Actions workflows of its own.

Why: conda-forge feedstocks may only run the workflow conda-smithy generates
(`.github/workflows/conda-build.yml`); custom workflows get access to the feedstock's secrets
and are not allowed.

Passing::

    # feedstock/.github/workflows/ holds conda-build.yml only
    package:
      name: foo

Failing::

    # feedstock/.github/workflows/ also holds release.yml
    package:
      name: foo
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import forge_dir, on_disk
from recipegen.linters.rules._text import whole_document_span

from recipegen.problems import Severity

ID = "custom-gha-workflows"
SEVERITY = Severity.ERROR
EQUIVALENT = ("custom-gha-workflows", "CF-005")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = True


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not on_disk(doc):
        return
    folder = Path(forge_dir(doc)) / ".github" / "workflows"
    workflows = sorted(p.name for p in folder.glob("*.y*ml")) if folder.is_dir() else []
    custom = [name for name in workflows if name != "conda-build.yml"]
    if custom:
        yield Finding(
            f"conda-forge feedstocks cannot have custom GitHub Actions workflows: "
            f"{', '.join(custom)} in .github/workflows/.",
            span=whole_document_span(doc),
            fix="remove them; only conda-smithy's conda-build.yml is allowed",
        )
