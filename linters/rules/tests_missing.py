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

from recipegen.linters.facts import RecipeFacts
from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import recipe_folder_files

from recipegen.problems import Severity

ID = "tests-missing"
SEVERITY = Severity.ERROR
EQUIVALENT = ("tests-missing", "R-005")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

# conda-build runs these scripts of the recipe folder as the test (rattler-build does not)
RUN_TEST_FILES = {"v0": ("run_test.py", "run_test.sh", "run_test.bat", "run_test.pl")}


def has_any_test(facts: RecipeFacts, run_test_files: list[str]) -> bool:
    """The recipe or one of its outputs has a test (v0: or a `run_test.*` script in the folder)."""
    if facts.has_test(()) or run_test_files:
        return True
    return any(facts.has_test(o.path) for o in facts.outputs if not o.top_level and not o.staging)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    scripts = RUN_TEST_FILES.get(doc.format, ())
    found = [name for name in recipe_folder_files(doc) if name in scripts] if scripts else []
    if any(has_any_test(view.facts, found) for view in doc.views):
        return
    view = doc.views[0]
    key = doc.dialect.tests_key
    if isinstance(view.data, dict) and key in view.data:
        path: tuple = (key,)
    else:
        path = view.facts.name_path[:1]
    yield Finding(
        "The recipe has no tests: add at least an import check, a command or a script.",
        path=path,
        view=view,
        key=True,
        fix="v1: `tests: [{python: {imports: [pkg]}}]` or a `script` test; v0: `test: imports/commands`",
    )
