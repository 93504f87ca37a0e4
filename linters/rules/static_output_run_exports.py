"""A `-static` output must not have run_exports (CFEP-18).

Why: linking a static archive creates no runtime dependency, so a `-static` package has
nothing to export; its run_exports would add a needless dependency to every consumer.

Passing::

    outputs:
      - package:
          name: libfoo-static
        requirements:
          run:
            - ${{ pin_subpackage('libfoo-devel', exact=True) }}

Failing::

    outputs:
      - package:
          name: libfoo-static
        requirements:
          run:
            - ${{ pin_subpackage('libfoo-devel', exact=True) }}
          run_exports:
            - ${{ pin_subpackage('libfoo-static') }}
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._outputs import is_static_output_name
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "static-output-run-exports"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    key = doc.dialect.run_exports
    for view in doc.views:
        for out in view.facts.outputs:
            if is_static_output_name(out.name) and get(view.data, *out.path, *key):
                yield Finding(
                    f"`{out.name}` is a static-library output: it must not have run_exports "
                    "(static linking creates no runtime dependency).",
                    path=(*out.path, *key),
                    view=view,
                    key=True,
                    fix="remove `run_exports` from the static output",
                )
