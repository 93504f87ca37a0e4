"""Header-only libraries the sources include but the tree does not have: a Debian `+dfsg`
tarball or a git checkout without the bundled copy (rlottie's `rapidjson/document.h`,
tinygltf's `json.hpp`, neatvnc's `xxhash.h`), which the build then takes from the system, so
conda-forge's recipe has them in host. Build files often say nothing of them.

The headers are named in data/dependencies.toml `[[header]]`; test, example, program and vendored
folders do not count, nor includes a default-off `#ifdef` guards (source.py).
"""

from __future__ import annotations

from functools import cache

from recipegen.generators.cxx.cmake import TEST_DIRS, VENDORED_DIRS
from recipegen.generators.cxx.cmake_interp import in_dirs
from recipegen.generators.cxx.model import Dependency
from recipegen.generators.cxx.source import SOURCE_SUFFIXES


@cache
def _headers() -> tuple[tuple[str, str], ...]:
    """(header or folder prefix ending in '/', conda-forge package)."""
    from recipegen.generators.cxx.data import load

    return tuple((h["include"], h["conda"]) for h in load("dependencies.toml").get("header", []))


@cache
def _covered_by() -> dict[str, frozenset[str]]:
    """conda-forge package of a header -> the packages that already bring it."""
    from recipegen.generators.cxx.data import load

    return {h["conda"]: frozenset(h.get("covered_by", ())) for h in load("dependencies.toml").get("header", [])}


def uncovered(found: list[Dependency], named: list[Dependency]) -> list[Dependency]:
    """The unbundled header libraries no dependency the build files name already brings."""
    from recipegen.generators.cxx.depmap import map_dependency

    brought = {map_dependency(d.name).conda for d in named} | {d.name for d in named}
    return [d for d in found if not (_covered_by().get(d.name, frozenset()) | {d.name}) & brought]


def _library_of(header: str) -> str:
    for include, name in _headers():
        if header == include or (include.endswith("/") and header.startswith(include)):
            return name
    return ""


# programs' folders: their optional parts find what they include themselves (dav1d's tools/output/xxhash.c)
PROGRAM_DIRS = {"tools", "apps", "programs"}


def _own(place: str) -> bool:
    """A place ("path:line") in the project's own library sources, not its tests, examples,
    programs, language bindings (GeographicLib's wrapper/python/) or bundled code."""
    from recipegen.generators.cxx.detect import LANGUAGE_BINDING_DIR

    path = place.rsplit(":", 1)[0]
    binding = any(LANGUAGE_BINDING_DIR.search(part) for part in path.split("/")[:-1])
    return not binding and not in_dirs(path, TEST_DIRS | VENDORED_DIRS | PROGRAM_DIRS)


def _compiled_headers(includes: dict[str, list[str]]) -> set[str]:
    """File names of the headers a compiled source of the project's own includes (not an example's:
    Imath's docs/examples/gl.cpp includes ImathGL.h)."""
    return {
        header.rsplit("/", 1)[-1]
        for header, places in includes.items()
        if any(place.rsplit(":", 1)[0].lower().endswith(SOURCE_SUFFIXES) and _own(place) for place in places)
    }


def _compiled(place: str, compiled_headers: set[str]) -> bool:
    """Is the include at `place` compiled: in a source, or in a header a source includes
    (liboglappth's base_app.h, which base_app.cpp includes; not Imath's ImathGL.h, a header for
    the library's users that none of its sources includes)?"""
    path = place.rsplit(":", 1)[0]
    return path.lower().endswith(SOURCE_SUFFIXES) or path.rsplit("/", 1)[-1] in compiled_headers


def unbundled_libraries(
    includes: dict[str, list[str]], paths: list[str], header_only: bool = False
) -> list[Dependency]:
    """A dependency for each known header-only library the project's own sources include
    (`includes`: header -> ["path:line", ...]) and no file of the tree provides."""
    found: dict[str, Dependency] = {}
    # a header-only library's headers are what it ships: their includes count (cpp-jwt's nlohmann/json.hpp)
    compiled = None if header_only else _compiled_headers(includes)
    for header, places in sorted(includes.items()):
        conda = _library_of(header)
        own = [place for place in places if _own(place) and (compiled is None or _compiled(place, compiled))]
        if not conda or not own or conda in found:
            continue
        if not any(p == header or p.endswith("/" + header) for p in paths):  # no bundled copy
            found[conda] = Dependency(conda, f"#include <{header}>", where=own[0])
    return list(found.values())
