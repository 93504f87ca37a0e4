"""An output without tests while other outputs have some.

Why: when tests live in the outputs (none at the top level), an output without its own test is
never checked after it is built. v1 staging outputs are not packages and are skipped.

Passing::

    recipe:
      name: foo
      version: "1.0"
    outputs:
      - package:
          name: libfoo
        tests:
          - script:
              - test -f $PREFIX/lib/libfoo.so
      - package:
          name: foo-tools
        tests:
          - script:
              - foo --help

Failing::

    recipe:
      name: foo
      version: "1.0"
    outputs:
      - package:
          name: libfoo
        tests:
          - script:
              - test -f $PREFIX/lib/libfoo.so
      - package:
          name: foo-tools
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument

from recipegen.problems import Severity

ID = "tests-missing-output"
SEVERITY = Severity.HINT
EQUIVALENT = ("tests-missing-output", "R-006")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        facts = view.facts
        if facts.has_test(()):
            continue
        outs = [o for o in facts.outputs if not o.top_level and not o.staging]
        if not any(facts.has_test(o.path) for o in outs):
            continue
        for out in outs:
            if not facts.has_test(out.path):
                yield Finding(
                    f"The output `{out.name}` has no tests of its own.",
                    path=out.name_path,
                    view=view,
                    fix="add a `tests` entry to this output (an import, a command, or a `package_contents` check)",
                )
