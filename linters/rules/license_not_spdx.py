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

from collections.abc import Iterator

from recipegen.linters.model import Finding, LintOptions, RecipeDocument
from recipegen.linters.rules._fixes import Fix, Problem, replace_scalar, scalar_text, unquoted
from recipegen.linters.rules._licenses import license_check, not_current_spdx
from recipegen.linters.walk import get

from recipegen.problems import Severity

ID = "license-not-spdx"
SEVERITY = Severity.HINT
EQUIVALENT = ("license-not-spdx", "R-044")
FORMATS = frozenset({"v0", "v1"})
CONDA_FORGE_ONLY = False
DOCS = "https://conda-forge.org/docs/maintainer/adding_pkgs/#spdx-identifiers-and-expressions"


def _advice(symbol: str, check) -> str:
    spelled = check.miscased.get(symbol, symbol)
    if spelled in check.deprecated:
        replacement = check.deprecated[spelled]
        return f"`{symbol}` is a deprecated SPDX id" + (f", use `{replacement}`" if replacement else "")
    if symbol in check.miscased:
        return f"`{symbol}` should be spelled `{spelled}`"
    return f"`{symbol}` is not an SPDX license id"


def check(doc: RecipeDocument, options: LintOptions) -> Iterator[Finding]:
    for view in doc.views:
        value = get(view.data, "about", "license")
        if not isinstance(value, str) or not value.strip() or "${{" in value:
            continue
        found = license_check(value)
        if not found.licenses:  # does not parse
            yield Finding(
                f"License `{value}` is not a valid SPDX license expression (combine ids with "
                f"AND/OR/WITH and parentheses); see {DOCS}",
                path=("about", "license"),
                view=view,
            )
            continue
        bad = not_current_spdx(found.licenses, found)
        if bad:
            yield Finding(
                "License is not an SPDX expression: " + "; ".join(_advice(s, found) for s in bad) + ".",
                path=("about", "license"),
                view=view,
                fix=f"see {DOCS}; use `LicenseRef-<name>` for a custom license",
            )


def fix(doc: RecipeDocument, problem: Problem) -> Fix | None:
    """Replace deprecated or miscased SPDX ids by their current spelling."""
    import re

    written = unquoted(scalar_text(doc.text, problem.line, problem.column)[2])
    found = license_check(written)
    if not found.licenses:
        return None
    fixed = written
    for symbol in not_current_spdx(found.licenses, found):
        spelled = found.miscased.get(symbol, symbol)
        replacement = found.deprecated.get(spelled) or (spelled if symbol in found.miscased else "")
        if not replacement:
            return None  # not an SPDX id at all: which license it means is for a person to say
        fixed = re.sub(rf"(?<![\w.+-]){re.escape(symbol)}(?![\w.+-])", replacement, fixed)
    if fixed == written:
        return None
    return replace_scalar(doc.text, problem.line, problem.column, fixed, f"Use `{fixed}`")
