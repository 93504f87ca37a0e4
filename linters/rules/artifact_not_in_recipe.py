"""A package given with `--artifact` is not one of the recipe's outputs.

Why: the artifact rules check a built package against the output that makes it, matched by
the package name in its `info/index.json`. A package of another recipe (a typo in the path,
the wrong feedstock's build folder) cannot be checked against this recipe; its files are not
reported as this recipe's problems, and this one warning says so instead.

Passing::

    outputs:
      - package:
          name: libfoo   # --artifact libfoo-1.0-h0_0.tar.bz2

Failing::

    outputs:
      - package:
          name: libfoo   # --artifact bar-1.0-h0_0.tar.bz2
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._outputs import output_names

from recipegen.problems import Severity

ID = "artifact-not-in-recipe"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not doc.artifacts:
        return
    names = output_names(doc)
    view = doc.views[0]
    built = ", ".join(f"`{n}`" for n in sorted(names)) or "no named package"
    for name, artifact in sorted(doc.artifacts.items()):
        if name not in names:
            yield Finding(
                f"The package `{name}` ({artifact.path}) is not built by this recipe (it builds "
                f"{built}): it was not checked.",
                path=view.facts.name_path,
                view=view,
                fix="pass the packages this recipe builds with --artifact",
                subject=artifact.path,
            )
