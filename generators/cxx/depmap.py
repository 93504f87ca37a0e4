"""Upstream C/C++ dependency names → conda-forge host packages (data: data/dependencies.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Mapped:
    upstream: str  # the name as the build file wrote it
    conda: str  # conda-forge package ("" = none needed)
    reason: str = ""  # why there is no package, or how the name was found
    test_only: bool = False
    known: bool = True  # False when the name was not in the map
    build: bool = False  # a program the build runs: goes in `build`
    display: bool = False  # a display library optional viewer programs use
    when_found: str = ""  # why a library the build only links when found is left to the maintainer
    copyleft: str = ""  # the licence of a copyleft library (readline: GPL-3.0-or-later)
    without_components: str = ""  # the package when find_package() names no component (Boost's headers)
    includes: tuple[str, ...] = ()  # packages whose headers its headers include (libvorbis: libogg)


@cache
def _table() -> dict[str, dict]:
    from recipegen.generators.cxx.data import load

    table: dict[str, dict] = {}
    for entry in load("dependencies.toml")["dependency"]:
        for name in entry["names"]:
            table.setdefault(name.lower(), entry)
    return table


def _candidates(name: str) -> list[str]:
    lower = name.strip().lower()
    out = [lower]
    if lower.startswith("lib"):
        out.append(lower[3:])
    for sep in ("-", "_"):  # versioned pkg-config names: foo-1.0, foo_2
        head, _, tail = lower.rpartition(sep)
        if head and tail.replace(".", "").isdigit():
            out.append(head)
    return out


def known_dependency(name: str) -> bool:
    """Is the name in the dependency map (not only a same-name guess)?"""
    table = _table()
    return any(candidate in table for candidate in _candidates(name))


def map_dependency(name: str, link_name: bool = False) -> Mapped:
    """The conda-forge package for an upstream dependency name.

    Unknown names fall back to the lower-cased name when conda-forge has a package of that
    name (from the shipped channel snapshot), `lib<name>` first for a name the linker reads
    (`link_name`: -lfoo); otherwise `known` is False and the caller reports it.
    """
    table = _table()
    for candidate in _candidates(name):
        entry = table.get(candidate)
        if entry is not None:
            return Mapped(
                name,
                entry["conda"],
                entry.get("reason", ""),
                bool(entry.get("test_only", False)),
                build=bool(entry.get("build", False)),
                display=bool(entry.get("display", False)),
                when_found=str(entry.get("when_found", "")),
                copyleft=entry.get("copyleft", ""),
                without_components=entry.get("without_components", ""),
                includes=tuple(entry.get("includes", ())),
            )
    from recipegen.condaforge import exists_on_conda_forge, is_python_package

    for candidate in _candidates(name):
        # a -l name is lib<name>.so: sox's -lmad is libmad, -lmagic libmagic (the bare names are Python packages)
        for guess in (f"lib{candidate}", candidate) if link_name else (candidate, f"lib{candidate}"):
            # a Python package is no C library: readstat's -lxlsxwriter is not conda-forge's xlsxwriter
            if exists_on_conda_forge(guess) and not is_python_package(guess):
                return Mapped(name, guess, "same name on conda-forge (not in the dependency map)", known=True)
    return Mapped(name, "", "not in the dependency map and no conda-forge package of that name", known=False)
