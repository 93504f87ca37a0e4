"""The recipe must list its maintainers in `extra.recipe-maintainers`.

Why: conda-forge gives the listed GitHub users commit rights to the feedstock and pings them
about updates and failures.

Passing::

    extra:
      recipe-maintainers:
        - octocat

Failing::

    extra:
      feedstock-name: foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._requirements import values_at
from recipegen.linters.walk import missing_path

from recipegen.problems import Severity

ID = "maintainers-missing"
SEVERITY = Severity.ERROR
EQUIVALENT = ("maintainers-missing", "R-003")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, maintainers in values_at(doc, "extra", "recipe-maintainers"):
        if not maintainers:
            path, found = missing_path(view.data, "extra", "recipe-maintainers")
            yield Finding(
                "The recipe has no maintainers: list GitHub users in `extra.recipe-maintainers`.",
                path=path,
                view=view,
                key=found,
            )
