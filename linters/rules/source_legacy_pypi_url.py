"""Source URLs should use PyPI's current file host, not the old `pypi.io` domain.

Why: `pypi.io` only redirects; conda-forge's templates and tools use
`https://pypi.org/packages/source/...` (or files.pythonhosted.org).

Passing::

    source:
      url: https://pypi.org/packages/source/f/foo/foo-1.0.tar.gz
      sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08

Failing::

    source:
      url: https://pypi.io/packages/source/f/foo/foo-1.0.tar.gz
      sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
"""

from __future__ import annotations

from typing import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._common import sources, strings
from recipegen.problems import Severity

ID = "source-legacy-pypi-url"
SEVERITY = Severity.HINT
EQUIVALENT = ("source-legacy-pypi-url", "R-050")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        for _, path in sources(view.data, doc.format):
            for url, url_path in strings(view.data, (*path, "url")):
                if url.startswith("https://pypi.io/"):
                    yield Finding("PyPI's download host is now pypi.org: replace `https://pypi.io/` with "
                                  "`https://pypi.org/`.", path=url_path, view=view,
                                  fix=url.replace("https://pypi.io/", "https://pypi.org/", 1))
