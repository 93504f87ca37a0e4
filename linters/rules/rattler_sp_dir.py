"""Build scripts set the site-packages directory by hand.

Why: rattler-build defines `$SP_DIR` (`%SP_DIR%`) itself; assigning `SP_DIR=` or hard-coding
`%PREFIX%\\Lib\\site-packages` breaks when the layout changes (e.g. free-threaded Python).

Passing::

    build:
      script:
        - cp -r foo $SP_DIR/

Failing::

    build:
      script:
        - export SP_DIR=$PREFIX/lib/python3.12/site-packages
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._text import line_span

from recipegen.problems import Severity

ID = "rattler-sp-dir"
SEVERITY = Severity.HINT
EQUIVALENT = ("rattler-sp-dir", "R1-006")
FORMATS = frozenset({"v1"})
CONDA_FORGE_ONLY = True
SKIP_KEY = "hint_rattler_build_sp_dir"

MANUAL_SP_DIR = re.compile(r"\bSP_DIR=|%PREFIX%[\\/]Lib[\\/]site-packages", re.IGNORECASE)


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for number, line in enumerate(doc.lines, start=1):
        match = MANUAL_SP_DIR.search(line)
        if match and not line.lstrip().startswith("#"):
            yield Finding(
                "This line handles site-packages by hand: rattler-build defines `$SP_DIR` "
                "(`%SP_DIR%` on Windows), use it.",
                span=line_span(doc, number, match.start(), match.end()),
                fix="use $SP_DIR / %SP_DIR%",
            )
