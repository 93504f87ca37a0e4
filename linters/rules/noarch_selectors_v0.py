"""A v0 `noarch` recipe cannot use selectors on `skip:` or in host/run requirements.

Why: a noarch package is built once, on one platform; a `# [win]` selector there is
evaluated on the build machine only, so the package is wrong everywhere else. Platform
selectors are allowed when conda-forge.yml lists several `noarch_platforms`, and selectors
on variant keys of conda_build_config.yaml are allowed.

Passing::

    build:
      noarch: python
    requirements:
      run:
        - python >={{ python_min }}

Failing::

    build:
      noarch: python
    requirements:
      run:
        - python >={{ python_min }}
        - pywin32  # [win]
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._folder import load_near, noarch_platforms
from recipegen.linters.rules._selectors import requirement_block_selectors

from recipegen.problems import Severity
from recipegen.yamlio import Span

ID = "noarch-selectors-v0"
SEVERITY = Severity.ERROR
EQUIVALENT = ("noarch-selectors (v0)", "R0-004")
FORMATS = frozenset({"v0"})
CONDA_FORGE_ONLY = False
SKIP_KEY = "lint_noarch_selectors"


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    value = next((v.facts.noarch for v in doc.views if v.facts.noarch), "")
    if not value:
        return
    keys = frozenset(str(k) for k in load_near(doc, "conda_build_config.yaml"))
    for line, kind, text in requirement_block_selectors(doc, noarch_platforms(doc), keys):
        column = len(text) - len(text.lstrip()) + 1
        what = "skip with a selector" if kind == "skip" else "a selector in its requirements"
        yield Finding(
            f"`noarch: {value}` packages cannot have {what}; remove the selector or `noarch: {value}`.",
            span=Span(line, column, line, len(text.rstrip()) + 1),
        )
        return
