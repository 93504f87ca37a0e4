"""A space between the package name and its version constraint (`xonsh >1.0`, not `xonsh>1.0`).

Why: conda-forge's recipe tools (and conda-smithy's other checks) split a requirement at the
first space: `xonsh>1.0` is read as a package literally named `xonsh>1.0`. Checked in the same
lists as `spec-operator-space`; entries with Jinja are skipped.

Passing::

    requirements:
      run:
        - xonsh >1.0

Failing::

    requirements:
      run:
        - xonsh>1.0
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, rewrite_item
from recipegen.linters.rules._specs import canonical_spec

from recipegen.problems import Severity

ID = "spec-name-version-space"
SEVERITY = Severity.ERROR
EQUIVALENT = ("spec-name-version-space", "R-022")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        for section, spec, path in view.facts.all_requirements(extra=True):
            if "{{" in spec or not spec.strip():
                continue
            first = spec.split()[0]
            if not any(op in first for op in "<>="):
                continue
            fixed = canonical_spec(spec)
            yield Finding(
                f"`{spec.strip()}` in {section}: put a space between the name and the version (`{fixed}`).",
                path=path,
                view=view,
                fix=f"write `{fixed}`",
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Write the spec as `xonsh >1.0`."""
    from recipegen.linters.rules._specs import canonical_spec

    return rewrite_item(doc, problem, canonical_spec, "Write `{new}`")
