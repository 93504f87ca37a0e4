"""A `-static` output should not ship headers; they come from the shared/devel output it pins.

Why: two packages shipping the same headers clobber each other; the `-static` package pins
the devel (or main) output exactly, which brings the headers (CFEP-18 practice, e.g. zstd,
curl, c-ares).

Passing::

    outputs:
      - package:
          name: libfoo-static
        build:
          files:
            - lib/libfoo.a

Failing::

    outputs:
      - package:
          name: libfoo-static
        build:
          files:
            - lib/libfoo.a
            - include/foo.h
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._outputs import is_static_output_name

from recipegen.problems import Severity

ID = "static-output-headers"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

_HEADERS = re.compile(r"^(Library/)?include(/|$)|\.(h|hh|hpp|hxx)$", re.IGNORECASE)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        facts = view.facts
        for out in facts.outputs:
            if out.top_level or not is_static_output_name(out.name):
                continue
            entries = [(e, p) for e, p in facts.files_entries(out) if _HEADERS.search(e.strip())]
            entries += facts.package_contents_includes(out)
            if entries:
                yield Finding(
                    f"`{out.name}` ships headers (`{entries[0][0]}`): leave them to the shared/devel output "
                    "the static output pins.",
                    path=entries[0][1],
                    view=view,
                )
