"""A multi-output staged-recipes submission without `extra.feedstock-name`.

Why: the feedstock of a multi-output recipe is named after `extra.feedstock-name` (else the
recipe name, which for v1 `recipe.name` may not be what the maintainers want); staged-recipes'
linter asks to state it. Only for recipes in a staged-recipes checkout.

Passing::

    recipe:
      name: foo-split
    outputs:
      - package:
          name: libfoo
    extra:
      feedstock-name: foo

Failing::

    recipe:
      name: foo-split
    outputs:
      - package:
          name: libfoo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, add_feedstock_name
from recipegen.linters.rules._folder import is_staged_recipe
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "feedstock-name-missing-multi-output"
SEVERITY = Severity.HINT
EQUIVALENT = ()  # staged-recipes' own linter (lint-rules.md section 10), not conda-smithy
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not is_staged_recipe(doc):
        return
    for view in doc.views:
        if get(view.data, "outputs") and not get(view.data, "extra", "feedstock-name"):
            yield Finding(
                "This multi-output recipe has no `extra.feedstock-name`: name the feedstock explicitly.",
                path=view.facts.name_path,
                view=view,
                fix="extra:\n  feedstock-name: <name>",
            )
            return


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Set `extra.feedstock-name` to the recipe's name (without `-split`)."""
    name = doc.views[0].facts.name.removesuffix("-split") if doc.views else ""
    if not name or "{{" in name:
        return None
    edits = add_feedstock_name(doc, name)
    return Fix(f"Set `extra.feedstock-name: {name}`", tuple(edits)) if edits else None
