"""No space between a relational operator and its version (`python >=3.10`, not `python >= 3.10`).

Why: conda reads `python >= 3.10` as name `python`, version `>=` and build string `3.10`, which
is not what the author meant. Checked in every requirement list (build, host, run, run
constraints; v1 also `ignore_run_exports.from_package` and `run_exports`) of the recipe and its
outputs; entries with Jinja (`${{ ... }}`) are skipped.

Passing::

    requirements:
      run:
        - python >=3.10

Failing::

    requirements:
      run:
        - python >= 3.10
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, rewrite_item
from recipegen.linters.rules._specs import canonical_spec

from recipegen.problems import Severity

ID = "spec-operator-space"
SEVERITY = Severity.ERROR
EQUIVALENT = ("spec-operator-space", "R-021")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

OPERATORS = frozenset({"!=", "=", "==", ">", "<", "<=", ">="})


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        for section, spec, path in view.facts.all_requirements(extra=True):
            if "{{" in spec:
                continue
            parts = spec.split()
            if len(parts) >= 3 and parts[1] in OPERATORS:
                fixed = canonical_spec(spec)
                yield Finding(
                    f"`{spec.strip()}` in {section}: no space between the operator and the version (`{fixed}`).",
                    path=path,
                    view=view,
                    fix=f"write `{fixed}`",
                )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Write the spec as `python >=3.10`."""
    from recipegen.linters.rules._specs import canonical_spec

    return rewrite_item(doc, problem, canonical_spec, "Write `{new}`")
