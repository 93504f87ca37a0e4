"""In a multi-output meta.yaml the package name should differ from every output name.

Why: conda-forge's docs warn that a top-level name equal to an output name confuses
conda-build (the top-level package is built implicitly); use `<name>-split` and set
`extra.feedstock-name`. A v1 recipe's `recipe.name` builds no package (rattler-build builds
only the outputs), so a v1 recipe named like its output is fine and not reported.

Passing::

    package:
      name: foo-split
    outputs:
      - name: foo

Failing::

    package:
      name: foo
    outputs:
      - name: foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, add_feedstock_name, replace_scalar, scalar_text, unquoted

from recipegen.problems import Severity

ID = "recipe-name-equals-output"
SEVERITY = Severity.HINT
EQUIVALENT = ()
FORMATS = frozenset({"v0"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        name = view.facts.name
        if not name:
            continue
        for out in view.facts.outputs:
            if not out.top_level and not out.staging and out.name == name:
                yield Finding(
                    f"The recipe is named like its output `{name}`: name it `{name}-split` (and set "
                    "`extra.feedstock-name`).",
                    path=view.facts.name_path,
                    view=view,
                )
                break


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Name the recipe `<name>-split` and the feedstock `<name>`."""
    written = unquoted(scalar_text(doc.text, problem.line, problem.column)[2]).strip()
    name = doc.views[0].facts.name if doc.views else ""
    if not written or not name or written.endswith("-split"):
        return None
    renamed = replace_scalar(doc.text, problem.line, problem.column, f"{written}-split", "")
    feedstock = add_feedstock_name(doc, name)
    if renamed is None or feedstock is None:
        return None
    return Fix(f"Name the recipe `{name}-split`, the feedstock `{name}`", (*renamed.edits, *feedstock))
