"""A built package (`--artifact`) ships static archives but is not a `-static` package (CFEP-18).

Why: what the recipe says and what the build installs can differ (a forgotten
`--disable-static`); this checks the files really shipped. `.dll.a` import libraries are
not static archives.

Passing::

    outputs:
      - package:
          name: libfoo   # artifact holds lib/libfoo.so.1 only

Failing::

    outputs:
      - package:
          name: libfoo   # artifact holds lib/libfoo.so.1 and lib/libfoo.a
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._outputs import is_static_archive_file, is_static_output_name, recipe_artifacts

from recipegen.problems import Severity

ID = "artifact-static-archive"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    view = doc.views[0]
    for name, artifact in sorted(recipe_artifacts(doc).items()):
        if is_static_output_name(name):
            continue
        archives = [f for f in artifact.files if is_static_archive_file(f)]
        if archives:
            more = f" and {len(archives) - 1} more" if len(archives) > 1 else ""
            yield Finding(
                f"The built package `{name}` ships static archives (`{archives[0]}`{more}): move them to "
                f"a `{name}-static` output or delete them (CFEP-18).",
                path=view.facts.output_name_path(name),
                view=view,
            )
