"""A v1 recipe folder holds `bld.bat`: rattler-build runs `build.bat`.

Why: rattler-build looks for `build.sh` and `build.bat`; conda-build's `bld.bat` name is not
picked up, so the Windows build runs no script.

Passing::

    # recipe/ holds recipe.yaml, build.sh, build.bat
    package:
      name: foo

Failing::

    # recipe/ holds recipe.yaml, build.sh, bld.bat
    package:
      name: foo
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import on_disk, recipe_folder_files
from recipegen.linters.rules._text import whole_document_span

from recipegen.problems import Severity

ID = "rattler-bld-bat"
SEVERITY = Severity.HINT
EQUIVALENT = ("rattler-bld-bat", "R1-003")
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if not on_disk(doc):
        return
    if "bld.bat" in recipe_folder_files(doc):
        yield Finding(
            "The recipe folder has `bld.bat`, but rattler-build runs `build.bat`: rename it.",
            span=whole_document_span(doc),
            fix="git mv bld.bat build.bat",
        )
