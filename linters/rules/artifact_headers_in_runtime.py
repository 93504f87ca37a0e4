"""A runtime package (`--artifact`) that has a `-devel` sibling ships headers.

Why: when a library is split into `lib<name>` (runtime) and `lib<name>-devel`, the headers
belong in the devel package only; in the runtime package they clash with the devel
package and bloat every environment that only runs the library.

Passing::

    outputs:
      - package:
          name: libfoo         # artifact holds lib/libfoo.so.1
      - package:
          name: libfoo-devel   # artifact holds include/foo.h, lib/libfoo.so

Failing::

    outputs:
      - package:
          name: libfoo         # artifact holds lib/libfoo.so.1 and include/foo.h
      - package:
          name: libfoo-devel
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._outputs import recipe_artifacts

from recipegen.problems import Severity

ID = "artifact-headers-in-runtime"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

_HEADER = re.compile(r"^(Library/)?include/.+\.(h|hh|hpp|hxx|h\+\+|inc|ipp|tcc)$", re.IGNORECASE)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    view = doc.views[0]
    known = {o.name for o in view.facts.outputs} | set(doc.artifacts)
    for name, artifact in sorted(recipe_artifacts(doc).items()):
        if f"{name}-devel" not in known:
            continue
        headers = [f for f in artifact.files if _HEADER.match(f)]
        if headers:
            more = f" and {len(headers) - 1} more" if len(headers) > 1 else ""
            yield Finding(
                f"The runtime package `{name}` ships headers (`{headers[0]}`{more}); they belong in `{name}-devel`.",
                path=view.facts.output_name_path(name),
                view=view,
            )
