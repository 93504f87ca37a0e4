"""Readers for the licence data files shipped in recipegen/data/licenses/ (cached)."""

from __future__ import annotations

from functools import cache
from importlib import resources

DATA_PACKAGE = "recipegen.data.licenses"


def _rows(name: str) -> list[list[str]]:
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def deprecated_replacements() -> dict[str, str]:
    """Deprecated SPDX id -> replacement expression ('' when the list names none)."""
    return {row[0]: (row[1] if len(row) > 1 else "") for row in _rows("deprecated.tsv")}


@cache
def classifier_table() -> dict[str, tuple[str, str]]:
    """Trove classifier -> (SPDX id or '', why it is ambiguous or '')."""
    table: dict[str, tuple[str, str]] = {}
    for row in _rows("classifiers.tsv"):
        row += [""] * (3 - len(row))
        table[row[0].strip()] = (row[1].strip(), row[2].strip())
    return table


@cache
def license_categories() -> dict[str, str]:
    """SPDX id -> permissive / weak-copyleft / copyleft / public-domain."""
    return {row[0]: row[1] for row in _rows("families.tsv")}
