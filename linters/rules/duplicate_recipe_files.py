"""A recipe folder holds both `meta.yaml` and `recipe.yaml`.

Why: conda-smithy and the build tools pick one of them (recipe.yaml wins for rattler-build,
meta.yaml for conda-build), so the other silently goes stale. Keep exactly one.

Passing::

    # recipe/recipe.yaml alone
    package:
      name: foo

Failing::

    # recipe/recipe.yaml next to a recipe/meta.yaml
    package:
      name: foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import on_disk, recipe_folder_files
from recipegen.linters.rules._text import whole_document_span

from recipegen.problems import Severity

ID = "duplicate-recipe-files"
SEVERITY = Severity.ERROR
EQUIVALENT = ("duplicate-recipe-files", "R-051")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not on_disk(doc):
        return
    files = recipe_folder_files(doc)
    if "meta.yaml" in files and "recipe.yaml" in files:
        other = doc.dialect.other_recipe_file
        yield Finding(
            f"The recipe folder holds both `meta.yaml` and `recipe.yaml`: remove `{other}` "
            "(or this file) so only one recipe format remains.",
            span=whole_document_span(doc),
        )
