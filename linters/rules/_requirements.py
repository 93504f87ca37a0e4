"""Loops over requirements that many rules share, and what a requirement's package is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from recipegen.linters.model import RecipeDocument, RecipeView
from recipegen.linters.rules._data import data_lines
from recipegen.linters.walk import Path_, get, package_of

Entries = list[tuple[str, Path_]]
LANGUAGES = ("python", "r-base")  # conda-smithy's languages


def requirement_lists(
    doc: RecipeDocument, *sections: str, top_level_only: bool = False
) -> Iterator[tuple[RecipeView, Path_, str, Entries]]:
    """(view, scope base, section, its (spec, path) entries), for rules that judge a whole list:
    every view, every scope (the top level, then each output; only the top level with
    `top_level_only`)."""
    for view in doc.views:
        facts = view.facts
        for base in [()] if top_level_only else facts.scopes:
            for section in sections:
                yield view, base, section, facts.requirements(base, section)


def requirement_entries(
    doc: RecipeDocument, *sections: str, top_level_only: bool = False
) -> Iterator[tuple[RecipeView, Path_, str, str, Path_]]:
    """(view, scope base, section, spec, path) of every string requirement in `sections`."""
    for view, base, section, entries in requirement_lists(doc, *sections, top_level_only=top_level_only):
        for spec, path in entries:
            yield view, base, section, spec, path


def values_at(doc: RecipeDocument, *path: Any) -> Iterator[tuple[RecipeView, Any]]:
    """(view, value at `path`) for every view of the document (None where it is absent)."""
    for view in doc.views:
        yield view, get(view.data, *path)


def plain_single_output_views(doc: RecipeDocument) -> Iterator[RecipeView]:
    """Views of a recipe that is neither noarch nor multi-output (conda-smithy R-023/R-024's scope)."""
    for view in doc.views:
        if not view.facts.noarch and not get(view.data, "outputs"):
            yield view


def language_entries(entries: Entries, language: str) -> Entries:
    """The entries whose first word is exactly `language` (`python`, `python >=3.10`)."""
    return [(spec, path) for spec, path in entries if spec.partition(" ")[0] == language]


def named_entries(entries: Entries, names: frozenset[str]) -> Iterator[tuple[str, Path_]]:
    """(package name, path) of the entries whose package is one of `names`."""
    for spec, path in entries:
        name = package_of(spec)
        if name in names:
            yield name, path


def is_library_name(name: str) -> bool:
    """A package you link against (generator-conventions 6.5 #5): known libraries, lib*, *-devel, *-headers."""
    if not name or name in data_lines("build_tools.txt") or name.endswith(("-tools", "-bin")):
        return False
    if name.startswith(("m2-", "m2w64-", "sysroot", "libgcc", "libstdcxx", "libgfortran", "libcxx")):
        return False
    return name in data_lines("known_libraries.txt") or name.startswith("lib") or name.endswith(("-devel", "-headers"))
