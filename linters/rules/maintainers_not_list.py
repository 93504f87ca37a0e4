"""`extra.recipe-maintainers` must be a list.

Why: a bare string (`recipe-maintainers: octocat`) is read character by character by tools.

Passing::

    extra:
      recipe-maintainers:
        - octocat

Failing::

    extra:
      recipe-maintainers: octocat
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._requirements import values_at

from recipegen.problems import Severity

ID = "maintainers-not-list"
SEVERITY = Severity.ERROR
EQUIVALENT = ("maintainers-not-list", "R-004")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view, maintainers in values_at(doc, "extra", "recipe-maintainers"):
        if maintainers and not isinstance(maintainers, (list, tuple)):
            yield Finding(
                "`extra.recipe-maintainers` must be a list (one `- name` per line).",
                path=("extra", "recipe-maintainers"),
                view=view,
            )
