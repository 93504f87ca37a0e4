"""Native libraries a compiled Python package links → conda-forge `host` packages, and build tools.

Python metadata never names the C libraries an extension links (OpenSSL, libxml2, BLAS...).
Two sources, in order:

1. the curated table `data/native-libraries.toml` (PyPI project → conda-forge libraries, each
   entry with its feedstock), which wins for the projects it lists;
2. static detection in the sdist's build files (read as text, never run): setup.py
   `libraries=[...]` literal lists, `pkgconfig.parse('x')`-style calls and `pkg-config` command
   lists; meson `dependency('x')`; CMake `find_package(X)` and `pkg_check_modules(P ... x)`.
   Names are mapped with the C/C++ generator's library map
   (`recipegen.generators.cxx.depmap`, data/dependencies.toml there).

Names that map to nothing known are returned as `unresolved` so the caller can warn that
native host dependencies may be missing.

`build_tools` reads `data/build-tools.toml`: the executables a backend or build requirement
runs at build time (scikit-build-core → cmake, ninja; meson-python → meson, ninja, pkg-config).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from packaging.utils import canonicalize_name
from recipegen.generators.pypi.sources import SourceTree

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

# Names build files use for Python itself, Python build inputs and the toolchain: not libraries.
NOT_LIBRARIES = {
    "python",
    "python3",
    "python2",
    "pythoninterp",
    "pythonlibs",
    "python3-embed",
    "python-embed",
    "pythonextensions",
    "development",
    "interpreter",
    "pybind11",
    "nanobind",
    "numpy",
    "cython",
    "pythran",
    "f2py",
    "py",
    "cuda",
    "cudatoolkit",
    "mpi",
    "git",
    "doxygen",
    "sphinx",
    "gtest",
    "skbuild",
    "pkgconfig",
    "threads",
    "openmp",
    "dl",
    "m",
    "rt",
    "pthread",
    "c",
    "stdc++",
    "gcc",
    "msvcrt",
    "ws2_32",
    "advapi32",
    "user32",
    "kernel32",
    "shell32",
    "ole32",
    "crypt32",
    "iphlpapi",
    "psapi",
    "pdh",
    "secur32",
    "bcrypt",
    "ntdll",
    "userenv",
    "winmm",
    "gdi32",
}


@dataclass
class NativeLibraries:
    host: list[str] = field(default_factory=list)  # conda-forge packages, in discovery order
    source: str = ""  # "curated (<feedstock>)" or "detected in <files>"
    found: list[tuple[str, str, str]] = field(default_factory=list)  # (upstream name, file, conda package)
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (upstream name, file)
    env: dict[str, str] = field(default_factory=dict)  # build switches that link them (XXHASH_LINK_SO=1)
    build_options: list[str] = field(default_factory=list)  # setup.py options that link them (--system-zstd)


@lru_cache(maxsize=1)
def curated() -> dict[str, dict]:
    text = resources.files("recipegen.generators.pypi").joinpath("data/native-libraries.toml").read_text("utf-8")
    return {canonicalize_name(k): v for k, v in tomllib.loads(text)["project"].items()}


@lru_cache(maxsize=1)
def _library_names() -> dict[str, str]:
    """Library names (lower case) the C/C++ map lacks → conda-forge package ("" = none needed)."""
    text = resources.files("recipegen.generators.pypi").joinpath("data/native-libraries.toml").read_text("utf-8")
    return {k.lower(): v for k, v in tomllib.loads(text)["libraries"].items()}


@lru_cache(maxsize=1)
def library_conditions() -> dict[str, str]:
    """conda-forge library packages built for some platforms only → the `if:` selector of
    where they exist (unixODBC: unix; Windows links its own odbc32)."""
    text = resources.files("recipegen.generators.pypi").joinpath("data/native-libraries.toml").read_text("utf-8")
    return dict(tomllib.loads(text).get("platforms", {}))


@lru_cache(maxsize=1)
def _build_tools_table() -> dict:
    text = resources.files("recipegen.generators.pypi").joinpath("data/build-tools.toml").read_text("utf-8")
    return tomllib.loads(text)


def executable_requirement(canonical_name: str) -> str | None:
    """The conda package of a build requirement that is an executable (cmake, ninja), else None."""
    return _build_tools_table()["executables"].get(canonical_name)


def build_tools(build_backend: str, requirement_names: list[str]) -> list[tuple[str, str]]:
    """(conda package, reason) for the build tools the backend or the build requirements need."""
    module = build_backend.split(":")[0]
    keys = {module, module.split(".")[0], *requirement_names}
    tools: dict[str, str] = {}
    for entry in _build_tools_table()["tool"]:
        if keys & set(entry["match"]):
            for tool in entry["build"]:
                tools.setdefault(tool, entry["reason"])
    return list(tools.items())


# Static detection -------------------------------------------------------------------------------
_SETUP_LIBRARIES = re.compile(r"\blibraries\s*=\s*\[([^\]]*)\]")
_SETUP_PKGCONFIG = re.compile(
    r"\bpkgconfig\.(?:parse|libs|cflags|exists|modversion|configure_extension)\s*\(\s*"
    r"(?:[^,()]+,\s*)?['\"]([^'\"]+)['\"]"
)
_PKG_CONFIG_COMMAND = re.compile(r"['\"]pkg-config['\"]\s*,([^\]\)]*)[\]\)]")
_PKG_CONFIG_SHELL = re.compile(r"['\"]pkg-config\s+([^'\"]+)['\"]")
_MESON_DEPENDENCY = re.compile(r"(?<![\w.])dependency\s*\(\s*['\"]([^'\"]+)['\"]")
_CMAKE_FIND_PACKAGE = re.compile(r"\bfind_package\s*\(\s*([A-Za-z0-9_.+-]+)", re.I)
_CMAKE_PKG_CHECK = re.compile(r"\bpkg_(?:check|search)_modules?\s*\(\s*\w+([^)]*)\)", re.I)
_STRING = re.compile(r"['\"]([^'\"]+)['\"]")
_MODULE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+-]*")


COMPUTED_PKG_CONFIG = "(a pkg-config module named at build time)"


def _setup_py_names(text: str) -> list[str]:
    """pkg-config modules setup.py queries by command (the literal library lists and probes
    are read by probes.python_library_uses)."""
    queried = _SETUP_PKGCONFIG.findall(text)
    for match in _PKG_CONFIG_COMMAND.finditer(text):
        queried += [n for n in _STRING.findall(match.group(1)) if not n.startswith("-")]
    for match in _PKG_CONFIG_SHELL.finditer(text):
        words = match.group(1).split()
        if not any(w.startswith("--") for w in words):
            continue  # prose, not a command: lupa's "pkg-config cannot find an installed %s"
        queried += [w for w in words if _MODULE_NAME.fullmatch(w)]  # not "%s", "$X" or "{name}"
    if not queried and re.search(r"['\"]pkg-config\b|\bpkgconfig\.\w+\(", text):
        queried.append(COMPUTED_PKG_CONFIG)  # mysqlclient: f"pkg-config --libs {name}"
    return queried


def _meson_names(text: str) -> list[str]:
    text = re.sub(r"#.*", "", text)
    return _MESON_DEPENDENCY.findall(text)


def _cmake_names(text: str) -> list[str]:
    text = re.sub(r"#.*", "", text)
    names = _CMAKE_FIND_PACKAGE.findall(text)
    for match in _CMAKE_PKG_CHECK.finditer(text):
        names += [
            w.split(">")[0].split("=")[0]
            for w in match.group(1).split()
            if w not in {"REQUIRED", "QUIET", "IMPORTED_TARGET", "GLOBAL", "NO_CMAKE_PATH", "NO_CMAKE_ENVIRONMENT_PATH"}
            and not w.startswith("$")
        ]
    return names


_CMAKE_LINK = re.compile(r"\btarget_link_libraries\s*\(\s*[\w.+-]+([^)]*)\)", re.I)
_CMAKE_TARGET = re.compile(
    r"\b(?:add_library|add_executable|\w+_add_module|python_add_library)\s*\(\s*([\w.+-]+)", re.I
)
_CMAKE_LINK_KEYWORDS = {"PRIVATE", "PUBLIC", "INTERFACE", "LINK_PRIVATE", "LINK_PUBLIC", "LINK_INTERFACE_LIBRARIES"}


def _cmake_linked(text: str) -> list[str]:
    """Bare library names `target_link_libraries` links (pikepdf's `qpdf`) that no target of the
    file defines and the library map knows: imported targets (`X::Y`), variables and generator
    expressions are left to find_package, unknown words are not reported."""
    text = re.sub(r"#.*", "", text)
    own = {name.lower() for name in _CMAKE_TARGET.findall(text)}
    names: list[str] = []
    for match in _CMAKE_LINK.finditer(text):
        for word in match.group(1).split():
            word = word.removeprefix("-l")
            if word in _CMAKE_LINK_KEYWORDS or word.lower() in own or not _MODULE_NAME.fullmatch(word):
                continue
            conda, known = _conda_library(word)
            if known and conda and word not in names:
                names.append(word)
    return names


_CFFI_MODULES = re.compile(r"cffi_modules\s*=\s*\[([^\]]*)\]")


def _cffi_scripts(tree: SourceTree) -> list[str]:
    """The cffi build scripts setup.py names (`cffi_modules=["src/_build.py:ffi"]`)."""
    setup_py = tree.text("setup.py") or ""
    found = []
    for match in _CFFI_MODULES.finditer(setup_py):
        found += [s.split(":")[0] for s in _STRING.findall(match.group(1))]
    return [p for p in found if p.endswith(".py")]


def _names_in_tree(tree: SourceTree) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    """(library name, file, environment that selects it) in the order the build files name them."""
    from recipegen.generators.pypi.probes import built_here, python_library_uses

    found: list[tuple[str, str, tuple[tuple[str, str], ...]]] = []
    setup_py = tree.text("setup.py")
    built = frozenset(built_here(setup_py)) if setup_py else frozenset()
    for path, text in [*sorted(tree.texts.items()), *tree.read(_cffi_scripts(tree)).items()]:
        base = path.rsplit("/", 1)[-1]
        uses: list[tuple[str, tuple[tuple[str, str], ...]]] = []
        if path == "setup.py" or path in _cffi_scripts(tree):
            uses = [(u.name, u.env) for u in python_library_uses(text, built)]
            uses += [(n, ()) for n in _setup_py_names(text)] if path == "setup.py" else []
        elif base == "meson.build":
            uses = [(n, ()) for n in _meson_names(text)]
        elif base == "CMakeLists.txt":
            uses = [(n, ()) for n in [*_cmake_names(text), *_cmake_linked(text)]]
        found += [(n.strip(), path, env) for n, env in uses if n.strip() and (n.strip(), path, env) not in found]
    return found


def _conda_library(name: str) -> tuple[str | None, bool]:
    """(conda-forge package or "" when the OS/toolchain provides it, known?) of a library name."""
    from recipegen.generators.cxx.depmap import map_dependency

    key = name.lower()
    if key in NOT_LIBRARIES or canonicalize_name(name) in NOT_LIBRARIES:
        return "", True
    own = _library_names().get(key)
    if own is not None:  # our additions to the C/C++ map; "" = provided by the OS/toolchain
        return own, True
    mapped = map_dependency(name)
    if mapped.test_only:
        return "", True
    return (mapped.conda, True) if mapped.known else (None, False)


def native_libraries(pypi_name: str, tree: SourceTree | None) -> NativeLibraries:
    """The conda-forge libraries a compiled package links (curated table, else its build files),
    with the environment variables that make the build link them instead of bundled copies."""
    entry = curated().get(canonicalize_name(pypi_name))
    if entry is not None:
        switches = {k: str(v) for k, v in (entry.get("env") or {}).items()}
        options = [str(option) for option in entry.get("build_options") or []]
        return NativeLibraries(list(entry["host"]), f"curated ({entry['source']})", env=switches, build_options=options)
    result = NativeLibraries()
    if tree is None:
        return result
    seen: set[tuple[str, tuple]] = set()
    files: list[str] = []
    for name, path, env in _names_in_tree(tree):
        if name == COMPUTED_PKG_CONFIG:
            result.unresolved.append((name, path))
            continue
        if (name.lower(), env) in seen:
            continue
        seen.add((name.lower(), env))
        conda, known = _conda_library(name)
        if not known and not env:
            result.unresolved.append((name, path))
        if not conda:  # unknown behind a switch (the bundled copy is built), or the OS provides it
            continue
        result.found.append((name, path, conda))
        result.env.update(env)
        if conda not in result.host:
            result.host.append(conda)
        files.append(path)
    if files:
        result.source = "detected in " + ", ".join(dict.fromkeys(files))
    return result
