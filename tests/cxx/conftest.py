"""Helpers of the tests on verbatim extracts of real source tarballs (fixtures/cxx/real)."""

from __future__ import annotations

from pathlib import Path

from recipegen.generators.cxx.source import SourceTree, from_folder

REAL = Path(__file__).resolve().parents[2] / "fixtures" / "cxx" / "real"


def tree(name: str) -> SourceTree:
    """The files of one extract, as `recipegen cxx` reads a source tree."""
    return from_folder(REAL / name)


def text(name: str, path: str) -> str:
    """One file of an extract."""
    return (REAL / name / path).read_text()
