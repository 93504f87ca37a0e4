"""A pure-Python wheel as source of a `noarch: python` recipe: prefer the sdist.

Why: acceptable for noarch packages, but the source distribution usually holds the
license files and tests the wheel lacks.

Passing::

    build:
      noarch: python
    source:
      url: https://files.pythonhosted.org/packages/source/f/foo/foo-1.0.tar.gz
      sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08

Failing::

    build:
      noarch: python
    source:
      url: https://files.pythonhosted.org/packages/py3/f/foo/foo-1.0-py3-none-any.whl
      sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._python import is_noarch_python
from recipegen.linters.rules._text import wheel_findings

from recipegen.problems import Severity

ID = "source-pure-wheel-noarch"
SEVERITY = Severity.HINT
EQUIVALENT = ("source-pure-wheel-noarch", "R-030")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    if is_noarch_python(doc):
        yield from wheel_findings(
            doc,
            pure=True,
            message="Pure Python wheel in source (`{url}`): fine for noarch, "
            "but the source distribution (sdist) is preferred.",
        )
