"""`files` or `package_contents` ship a static archive outside a `-static` output (CFEP-18).

Why: static archives (`.a`, `*_static.lib`) belong in a separate `<name>-static` output,
not in the default package. MinGW import libraries (`.dll.a`) are not static archives.

Passing::

    outputs:
      - package:
          name: libfoo
        build:
          files:
            - lib/libfoo.so.*
      - package:
          name: libfoo-static
        build:
          files:
            - lib/libfoo.a

Failing::

    outputs:
      - package:
          name: libfoo
        build:
          files:
            - lib/libfoo.so.*
            - lib/libfoo.a
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._outputs import is_static_output_name, ships_static_archive

from recipegen.problems import Severity

ID = "static-archive-in-files"
SEVERITY = Severity.WARNING
EQUIVALENT = ()
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        facts = view.facts
        for out in facts.outputs:
            if is_static_output_name(out.name) or out.staging:
                continue
            entries = facts.files_entries(out) + facts.package_contents_files(out)
            for entry, path in entries:
                if ships_static_archive(entry):
                    yield Finding(
                        f"`{out.name}` ships the static archive `{entry.strip()}`: move it to a "
                        f"`{out.name}-static` output or drop it (CFEP-18).",
                        path=path,
                        view=view,
                    )
