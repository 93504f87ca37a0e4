"""Sources must not be compiled (platform-specific) wheels.

Why: conda-forge builds from source; a compiled wheel carries binaries built elsewhere,
against libraries conda does not know.

Passing::

    source:
      url: https://files.pythonhosted.org/packages/source/f/foo/foo-1.0.tar.gz
      sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08

Failing::

    source:
      url: https://files.pythonhosted.org/packages/cp312/f/foo/foo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl
      sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._text import wheel_findings

from recipegen.problems import Severity

ID = "source-compiled-wheel"
SEVERITY = Severity.ERROR
EQUIVALENT = ("source-compiled-wheel", "R-028")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    yield from wheel_findings(
        doc, pure=False, message="Compiled wheel in source (`{url}`): build from the source distribution instead."
    )
