"""Every `WITH <exception>` of `about.license` should be an SPDX license exception.

Why: exceptions such as `Classpath-exception-2.0` change what a license allows; only the
SPDX exception ids are understood by tools.

Passing::

    about:
      license: GPL-2.0-or-later WITH Classpath-exception-2.0

Failing::

    about:
      license: GPL-2.0-or-later WITH Some-exception
"""

from __future__ import annotations

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._licenses import license_check, not_current_spdx
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "license-exception-not-spdx"
SEVERITY = Severity.HINT
EQUIVALENT = ("license-exception-not-spdx", "R-045")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        value = get(view.data, "about", "license")
        if not isinstance(value, str) or "${{" in value:
            continue
        found = license_check(value)
        bad = not_current_spdx(found.exceptions, found)
        if bad:
            named = ", ".join(
                f"`{e}`" + (f" (use `{found.deprecated[e]}`)" if found.deprecated.get(e) else "") for e in bad
            )
            yield Finding(
                f"License exception {named} is not an SPDX license exception.", path=("about", "license"), view=view
            )
