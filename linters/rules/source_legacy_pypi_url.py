"""Source URLs should use PyPI's file host, not the old `pypi.io` domain.

Why: `pypi.io` only redirects. Since 2026 conda-smithy (R-050) names PyPI's file host
`https://files.pythonhosted.org/` as the default and conda-forge's bot rewrites the old
hosts to `https://files.pythonhosted.org/packages/source/...`. Like conda-smithy, the rule
fires on the `pypi.io` host only: the `pypi.org/packages/source` form still works and is
what conda-forge's documentation shows, so it is left alone.

Passing::

    source:
      url: https://files.pythonhosted.org/packages/source/f/foo/foo-1.0.tar.gz
      sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08

Failing::

    source:
      url: https://pypi.io/packages/source/f/foo/foo-1.0.tar.gz
      sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, replace_in_line
from recipegen.linters.walk import strings

from recipegen.problems import Severity

ID = "source-legacy-pypi-url"
SEVERITY = Severity.HINT
EQUIVALENT = ("source-legacy-pypi-url", "R-050")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False

LEGACY_HOST = "https://pypi.io/"
# conda-forge's canonical host (conda-smithy R-050, 2026), not a mirror the user may configure:
# the suggestion goes into a recipe that conda-forge builds.
FILE_HOST = "https://files.pythonhosted.org/"


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        for _, path in view.facts.sources:
            for url, url_path in strings(view.data, (*path, "url")):
                if url.startswith(LEGACY_HOST):
                    yield Finding(
                        f"PyPI's default download host is now `{FILE_HOST}`, not `{LEGACY_HOST}`: "
                        "update the source url.",
                        path=url_path,
                        view=view,
                        fix=FILE_HOST + url[len(LEGACY_HOST) :],
                    )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Use PyPI's file host."""
    return replace_in_line(doc.text, problem.line, LEGACY_HOST, FILE_HOST, f"Use `{FILE_HOST}`")
