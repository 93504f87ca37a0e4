"""`about.license` should be an SPDX license expression (or a `LicenseRef-...`).

Why: SPDX ids are what conda-forge, PyPI (PEP 639) and license scanners understand.
Deprecated ids such as `GPL-2.0` are named with their replacement (`GPL-2.0-only`), and a
wrong case (`mit`) with the right spelling.

Passing::

    about:
      license: BSD-3-Clause AND (MIT OR Apache-2.0)

Failing::

    about:
      license: GPL-2.0
"""

from __future__ import annotations

from typing import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._common import data_toml, deprecated_ids, get, parse_license, spdx_ids, spdx_lookup
from recipegen.problems import Severity

ID = "license-not-spdx"
SEVERITY = Severity.HINT
EQUIVALENT = ("license-not-spdx", "R-044")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False
DOCS = "https://conda-forge.org/docs/maintainer/adding_pkgs/#spdx-identifiers-and-expressions"


def _advice(symbol: str) -> str:
    replacement = data_toml("spdx_deprecated.toml")["licenses"].get(symbol)
    if replacement:
        return f"`{symbol}` is a deprecated SPDX id, use `{replacement}`"
    cased = spdx_lookup().get(symbol.lower())
    if cased:
        return f"`{symbol}` should be spelled `{cased}`"
    if symbol in deprecated_ids():
        return f"`{symbol}` is a deprecated SPDX id"
    return f"`{symbol}` is not an SPDX license id"


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    known, _ = spdx_ids()
    for view in doc.views:
        value = get(view.data, "about", "license")
        if not isinstance(value, str) or not value.strip() or "${{" in value:
            continue
        parsed = parse_license(value)
        if not parsed.parsed:
            yield Finding(f"License `{value}` is not a valid SPDX license expression (combine ids with "
                          f"AND/OR/WITH and parentheses); see {DOCS}", path=("about", "license"), view=view)
            continue
        bad = [symbol for symbol in parsed.licenses if symbol not in known]
        if bad:
            yield Finding("License is not an SPDX expression: " + "; ".join(_advice(s) for s in bad) + ".",
                          path=("about", "license"), view=view,
                          fix=f"see {DOCS}; use `LicenseRef-<name>` for a custom license")
