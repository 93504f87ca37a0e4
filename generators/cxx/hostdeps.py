"""The host requirements of a C/C++ project: its dependencies on the default build path,
mapped to conda-forge packages (depmap.py), the way a conda-forge reviewer expects them.

* A library the default build looks for and uses when found ("auto", `--with-x=check`,
  `required: false`) is in host: conda-forge's build environment has exactly what host lists,
  and its recipes enable the optional libraries that are on conda-forge.
* A library behind an option that is off by default is not; a note names the option.
* Of alternatives the build picks one from (TLS/crypto backends), only conda-forge's choice is
  kept when none is required (data/dependencies.toml `[[alternatives]]`); a note names the rest.
* A copyleft library (readline) that a non-GPL project only uses when found is left out, with
  a note: linking it would change the licence of what the package ships.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from recipegen.generators.cxx.depmap import Mapped, map_dependency
from recipegen.generators.cxx.model import Dependency, Project

from recipegen.recipe import Req

# how a build names a library by its link name (-lfoo), and variables of -l flags (READLINE_LIBS)
LINK_VIAS = frozenset(
    {"AC_CHECK_LIB", "AC_SEARCH_LIBS", "LIBS", "find_library", "check_library_exists", "target_link_libraries"}
)


@dataclass
class _Entry:
    conda: str
    dependency: Dependency
    mapped: Mapped


def _off_note(via: str, name: str, switch: str, conda: str, section: str) -> str:
    """What turns on a library the default build leaves out (a CMake/Meson option or a
    configure switch)."""
    if switch.startswith("--"):
        return f"{via}({name}) needs {switch}, off by default: add {conda} to {section} and pass {switch} to configure"
    if switch.startswith("-D"):
        return f"{via}({name}) needs {switch}, off by default: add {conda} to {section} and pass {switch}"
    from recipegen.generators.cxx.options import is_off_switch

    if is_off_switch(switch):  # libArcus' BUILD_PYTHON is ON upstream; the script turns bindings off
        return (
            f"{via}({name}) needs option {switch}, which the build script turns off: add {conda} to {section} "
            f"and -D{switch}=ON to enable it"
        )
    return (
        f"{via}({name}) needs option {switch}, OFF by default: add {conda} to {section} and -D{switch}=ON to enable it"
    )


def _bare(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower()).removeprefix("lib")


def _own_names(project: Project) -> set[str]:
    """The project's own name and its libraries' names, as `_bare` spells them; a library named
    as a dependency conda-forge ships is a bundled fallback, not the project's own (superlu's
    internal `blas` beside its find_package(BLAS)), unless the project is named after it
    (airspyhf_all's library airspyhf, which conda-forge ships as libairspyhf)."""
    libraries = {*(lib.target for lib in project.libraries), *(lib.output_name for lib in project.libraries)}
    project_name = _bare(project.name)
    names = {project.name} | {
        name
        for name in libraries
        if not map_dependency(name).conda or (_bare(name) and project_name.startswith(_bare(name)))
    }
    return {bare for bare in map(_bare, names) if bare}


def host_requirements(project: Project, copyleft_ok: bool = True) -> tuple[list[Req], list[str], list[str]]:
    """(host packages, each with a comment naming what asks for it; notes; build tools)."""
    entries: list[_Entry] = []
    tools: list[str] = []
    notes: list[str] = []
    own = _own_names(project)
    # leveldb's `if(HAVE_TCMALLOC) target_link_libraries(leveldb tcmalloc)` after its optional check
    found_only = {m.conda for m in (map_dependency(d.name) for d in project.dependencies if d.optional) if m.when_found}
    for dep in project.dependencies:
        if dep.test_only or not dep.name.strip() or re.search(r"[$\"'`@]", dep.name):
            continue
        if _bare(dep.name) in own:  # hackrf's tools find_package(LIBHACKRF): the project's own library
            continue
        mapped = map_dependency(dep.name, link_name=dep.via in LINK_VIAS or dep.via.isupper())
        if mapped.test_only:
            continue
        if dep.off_by_default:
            if mapped.conda:
                section = "build" if mapped.build else "host"
                notes.append(_off_note(dep.via, dep.name, dep.off_by_default, mapped.conda, section))
            continue
        if not mapped.conda:
            if not mapped.known:
                notes.append(f"dependency {dep.name} ({dep.via}, {dep.where}): {mapped.reason}")
            continue
        if mapped.display and dep.optional:
            notes.append(
                f"{dep.via}({dep.name}) is optional upstream (viewer programs): add {mapped.conda} to build them"
            )
            continue
        if mapped.when_found and (dep.optional or mapped.conda in found_only):
            notes.append(
                f"{dep.via}({dep.name}) is linked when found ({mapped.when_found}): add {mapped.conda} to use it"
            )
            continue
        if (mapped.build or dep.native) and "Development" not in dep.components:
            tools.append(mapped.conda)
            continue
        header_only = dep.via == "find_package" and not set(dep.components) - {"headers"}
        conda = mapped.without_components if header_only and mapped.without_components else mapped.conda
        entries.append(_Entry(conda, dep, mapped))
    # libgdf's find_package(Boost) and find_package(Boost COMPONENTS ...): libboost-devel has the headers
    full = {e.conda for e in entries if e.conda == e.mapped.conda}
    entries = [e for e in entries if e.conda == e.mapped.conda or e.mapped.conda not in full]
    entries = _one_of_alternatives(entries, notes)
    entries = _without_optional_copyleft(entries, notes, copyleft_ok)
    return _host_list(entries), list(dict.fromkeys(notes)), list(dict.fromkeys(tools))


def _host_list(entries: list[_Entry]) -> list[Req]:
    """One requirement per package in the build's order, then the packages their headers
    include (libvorbis's libogg) that the build does not ask for itself."""
    wanted: list[tuple[str, str]] = []
    for entry in entries:
        dep = entry.dependency
        asked = (
            f"{dep.via} in {dep.where}, not in the source"
            if dep.via.startswith("#include")
            else f"{dep.via}({dep.name})"
        )
        wanted.append((entry.conda, asked + (" optional upstream" if dep.optional else "")))
    for entry in entries:
        optional = " optional upstream" if entry.dependency.optional else ""
        wanted += [(name, f"{entry.conda}'s headers include it{optional}") for name in entry.mapped.includes]
    host: list[Req] = []
    for conda, comment in wanted:
        if conda not in [r.spec for r in host]:
            host.append(Req(conda, comment, condition="linux" if conda in linux_only() else ""))
    return host


@cache
def linux_only() -> frozenset[str]:
    """conda-forge packages built for Linux only (data/linux_only.toml)."""
    from recipegen.generators.cxx.data import load

    return frozenset(load("linux_only.toml")["packages"])


def linux_only_required(host: list[Req]) -> list[str]:
    """The Linux-only packages of host the default build cannot do without (libgudev's libudev)."""
    return [r.spec for r in host if r.condition == "linux" and "optional upstream" not in r.comment]


def _groups() -> list[tuple[list[str], bool]]:
    """(members in conda-forge's order, whether conda-forge's first wins over the build's first)."""
    from recipegen.generators.cxx.data import load

    groups = load("dependencies.toml").get("alternatives", [])
    return [(group["prefer"], bool(group.get("conda_forge_first", False))) for group in groups]


def _one_of_alternatives(entries: list[_Entry], notes: list[str]) -> list[_Entry]:
    """Of the members of an alternatives group the build may pick from, the required ones, or
    else the one the build looks for first (libstrophe's expat before libxml2): a build takes the
    first it finds; for TLS backends, conda-forge's first (openssl)."""
    dropped: set[str] = set()
    for prefer, conda_forge_first in _groups():
        members = [e for e in entries if e.conda in prefer]
        names = sorted({e.conda for e in members}, key=prefer.index)
        if len(names) < 2:
            continue
        required = {e.conda for e in members if not e.dependency.optional}
        keep = required or {names[0] if conda_forge_first else members[0].conda}
        left_out = [n for n in names if n not in keep]
        dropped.update(left_out)
        why = "" if required else " (as conda-forge builds do)" if conda_forge_first else ", the one it looks for first"
        notes.append(
            f"the build picks one of {', '.join(names)}: host has {', '.join(sorted(keep, key=prefer.index))}{why}"
            f", not {', '.join(left_out)}"
        )
    return [e for e in entries if e.conda not in dropped]


def _without_optional_copyleft(entries: list[_Entry], notes: list[str], copyleft_ok: bool) -> list[_Entry]:
    if copyleft_ok:
        return entries
    out = []
    for entry in entries:
        if entry.mapped.copyleft and entry.dependency.optional:
            notes.append(
                f"{entry.dependency.via}({entry.dependency.name}) is optional upstream and {entry.conda} is "
                f"{entry.mapped.copyleft}: left out of a package under a non-GPL licence (add it if that is wanted)"
            )
            continue
        out.append(entry)
    return out
