"""Licensing helpers: SPDX checks (recipegen.licenses, conda-smithy's R-044/R-045 conditions on
top) and the "ship your dependencies' licenses" checks of Rust and Go builds."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from recipegen.linters.model import RecipeDocument, RecipeView
from recipegen.linters.walk import Path_, first_token, get

from recipegen.problems import Severity

# conda-smithy leaves `LicenseRef...` symbols alone, with this exact, case-sensitive pattern
_SMITHY_LICENSE_REF = re.compile(r"^LicenseRef[a-zA-Z0-9\-.]*$")
DEPENDENCY_LICENSE_WORDS = ("third", "vendor", "node_modules", "library_licenses", "licenses", "dependencies", "crates")


def license_check(expression: str) -> Any:
    """`recipegen.licenses.check_expression` of a license value (cached: several rules ask)."""
    return _license_check(expression.strip())


@lru_cache(maxsize=1024)
def _license_check(expression: str) -> Any:
    from recipegen.licenses import check_expression

    return check_expression(expression)


def not_current_spdx(symbols: list[str], check: Any) -> list[str]:
    """The symbols (as written) that are not current SPDX ids in exact case, as conda-smithy
    requires: unknown, deprecated or miscased ids and exceptions; `LicenseRef...` is fine."""
    bad = []
    for symbol in symbols:
        if _SMITHY_LICENSE_REF.match(symbol):
            continue
        if (
            symbol in check.unknown
            or symbol in check.unknown_exceptions
            or symbol in check.miscased
            or symbol in check.deprecated
            or symbol.lower().startswith("documentref-")
        ):
            bad.append(symbol)
    return bad


def bundled_licenses_findings(
    doc: RecipeDocument, language: str, tool: str
) -> Iterator[tuple[RecipeView, Path_, Severity | None]]:
    """(view, compiler entry, severity) where a `language` compiler is used and `tool` is not in build.

    conda-smithy's own condition (R-031/R-032: a top-level build list holding exactly
    `${{ compiler('<language>') }}` and not `tool`) keeps the rule's severity. Beyond it (outputs,
    double quotes, meta.yaml) the finding is a warning, and none at all when `license_file`
    already ships the dependencies' licenses (a folder of license files, a third-party file)."""
    exact = doc.dialect.expression(f"compiler('{language}')")
    for view in doc.views:
        facts = view.facts
        if facts.name == tool:
            continue
        build = get(view.data, "requirements", "build")
        if isinstance(build, list) and exact in build and tool not in build:
            yield view, ("requirements", "build", build.index(exact)), None
            continue
        compiler_at: Path_ | None = None
        has_tool = False
        for base in facts.scopes:
            for spec, path in facts.requirements(base, "build"):
                if doc.dialect.compiler_language(spec) == language and compiler_at is None:
                    compiler_at = path
                if first_token(spec) == tool:
                    has_tool = True
        if compiler_at is not None and not has_tool and not ships_dependency_licenses(view):
            yield view, compiler_at, Severity.WARNING


def ships_dependency_licenses(view: RecipeView) -> bool:
    """Some `license_file` entry is a folder or a third-party license file (e.g. `license-files/`,
    `THIRDPARTY.yml`, `library_licenses/`)."""
    for entry, _, _ in view.facts.license_file_entries:
        lowered = entry.lower().rstrip("/")
        if entry.endswith("/") or any(word in lowered for word in DEPENDENCY_LICENSE_WORDS):
            return True
    return False
