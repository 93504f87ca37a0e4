"""The recipe must have some tests.

Why: conda-forge builds are only trusted when the package is exercised after it is built: at
least an import, a command or a script. v0: `test.imports`/`test.commands`, a `run_test.*` file
in the recipe folder, or an output with a test; `requires`/`files` alone do not count. v1: a
non-empty `tests` list at the top level or in a (non-staging) output. A v0 test that exists on
only some platforms (selectors) counts.

Passing::

    package:
      name: foo
      version: "1.0"
    tests:
      - python:
          imports:
            - foo

Failing::

    package:
      name: foo
      version: "1.0"
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._common import get, name_path, outputs, recipe_folder_files

from recipegen.problems import Severity

ID = "tests-missing"
SEVERITY = Severity.ERROR
EQUIVALENT = ("tests-missing", "R-005")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

RUN_TEST_FILES = ("run_test.py", "run_test.sh", "run_test.bat", "run_test.pl")


def v0_output_has_test(output: object) -> bool:
    """An output's own test: `imports`/`commands`, or a `test.script` ending in .sh/.bat."""
    test = get(output, "test")
    if not isinstance(test, dict):
        return False
    script = str(test.get("script") or "")
    return bool(test.get("imports") or test.get("commands") or script.endswith((".sh", ".bat")))


def has_any_test(data: object, fmt: str, folder_files: list[str]) -> bool:
    if fmt == "v1":
        if get(data, "tests"):
            return True
        return any(get(o.data, "tests") for o in outputs(data, fmt) if not o.top_level and not o.staging)
    test = get(data, "test")
    if isinstance(test, dict) and (test.get("imports") or test.get("commands")):
        return True
    if any(name in folder_files for name in RUN_TEST_FILES):
        return True
    return any(v0_output_has_test(o.data) for o in outputs(data, fmt) if not o.top_level)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    files = recipe_folder_files(doc) if doc.format == "v0" else []
    if any(has_any_test(view.data, doc.format, files) for view in doc.views):
        return
    view = doc.views[0]
    key = "tests" if doc.format == "v1" else "test"
    if isinstance(view.data, dict) and key in view.data:
        path: tuple = (key,)
    else:
        path = name_path(view.data, doc.format)[:1]
    yield Finding(
        "The recipe has no tests: add at least an import check, a command or a script.",
        path=path,
        view=view,
        key=True,
        fix="v1: `tests: [{python: {imports: [pkg]}}]` or a `script` test; v0: `test: imports/commands`",
    )
