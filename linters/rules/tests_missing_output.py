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
from recipegen.linters.rules._common import get, outputs
from recipegen.linters.rules.tests_missing import v0_output_has_test

from recipegen.problems import Severity

ID = "tests-missing-output"
SEVERITY = Severity.HINT
EQUIVALENT = ("tests-missing-output", "R-006")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def _top_level_test(data: object, fmt: str) -> bool:
    if fmt == "v1":
        return bool(get(data, "tests"))
    test = get(data, "test")
    return isinstance(test, dict) and bool(test.get("imports") or test.get("commands"))


def _output_has_test(data: object, fmt: str) -> bool:
    return bool(get(data, "tests")) if fmt == "v1" else v0_output_has_test(data)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    fmt = doc.format
    for view in doc.views:
        if _top_level_test(view.data, fmt):
            continue
        outs = [o for o in outputs(view.data, fmt) if not o.top_level and not o.staging]
        if not any(_output_has_test(o.data, fmt) for o in outs):
            continue
        for out in outs:
            if not _output_has_test(out.data, fmt):
                yield Finding(
                    f"The output `{out.name}` has no tests of its own.",
                    path=out.name_path,
                    view=view,
                    fix="add a `tests` entry to this output (an import, a command, or a `package_contents` check)",
                )
