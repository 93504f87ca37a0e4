"""A recipe file in the wrong place of a staged-recipes checkout.

Why: staged-recipes builds only `recipes/<name>/meta.yaml` or `recipes/<name>/recipe.yaml`; a
recipe directly in `recipes/`, nested deeper, or inside the example folders is not picked up
(or changes the examples everyone copies).

Passing::

    # recipes/foo/recipe.yaml
    package:
      name: foo

Failing::

    # recipes/recipe.yaml
    package:
      name: foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import STAGED_RECIPES_EXAMPLES, staged_recipes_place
from recipegen.linters.rules._text import whole_document_span

from recipegen.problems import Severity

ID = "recipe-misplaced-staged-recipes"
SEVERITY = Severity.ERROR
EQUIVALENT = ()  # staged-recipes' own linter (lint-rules.md section 10), not conda-smithy
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    relative = staged_recipes_place(doc)
    if relative is None:
        return
    if not relative:
        problem = "directly in `recipes/`"
    elif len(relative) > 1 and relative[0] in STAGED_RECIPES_EXAMPLES:
        problem = f"inside the example folder `recipes/{relative[0]}/`"
    elif len(relative) > 1:
        problem = f"nested in `recipes/{'/'.join(relative)}/`"
    else:
        return
    yield Finding(
        f"This recipe file is {problem}: staged-recipes only builds `recipes/<name>/{doc.path.name}`.",
        span=whole_document_span(doc),
        fix=f"move it to recipes/<name>/{doc.path.name}",
    )
