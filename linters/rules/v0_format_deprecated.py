"""A new staged-recipes submission uses the deprecated v0 `meta.yaml` format.

Why: conda-forge asks for new recipes in the v1 `recipe.yaml` format (rattler-build) unless
v1 cannot support the package; explain the exception in the pull request. Only recipes in a
staged-recipes checkout (`recipes/<name>/meta.yaml`, examples excluded) get this hint.

Passing::

    # recipes/foo/recipe.yaml
    package:
      name: foo

Failing::

    # recipes/foo/meta.yaml
    package:
      name: foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import is_staged_recipe
from recipegen.linters.rules._text import whole_document_span

from recipegen.problems import Severity

ID = "v0-format-deprecated"
SEVERITY = Severity.HINT
EQUIVALENT = ()  # staged-recipes' own linter (lint-rules.md section 10), not conda-smithy
FORMATS = frozenset({"v0"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if is_staged_recipe(doc):
        yield Finding(
            "The v0 `meta.yaml` format is deprecated: use the v1 `recipe.yaml` format unless v1 cannot "
            "support this recipe, and explain the exception in the pull request.",
            span=whole_document_span(doc),
            fix="convert with `recipegen convert` or rattler-build's tools",
        )
