"""Which build system a C/C++ project uses, and the Project read from it (with fallbacks)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from recipegen.generators.cxx.autotools import read_autotools, read_makefile
from recipegen.generators.cxx.cmake import TEST_DIRS, VENDORED_DIRS, read_cmake
from recipegen.generators.cxx.meson import read_meson
from recipegen.generators.cxx.model import AUTOTOOLS, CMAKE, MAKE, MESON, Project
from recipegen.generators.cxx.source import SourceTree

# Where projects keep their CMake build when it is not at the root (zstd: build/cmake).
NESTED_CMAKE_DIRS = ("build/cmake", "cmake", "build-cmake", "contrib/cmake")
C_SOURCES = (".c",)
CXX_SOURCES = (".cc", ".cpp", ".cxx", ".c++", ".hpp", ".hh", ".hxx")


class DetectError(Exception):
    """No supported build system; one line."""


def detect(tree: SourceTree) -> tuple[str, str]:
    """(build system, folder of its entry file). CMake first: it builds on every platform."""
    paths = set(tree.paths)
    if "CMakeLists.txt" in paths:
        return CMAKE, "."
    if "meson.build" in paths:
        return MESON, "."
    if "configure.ac" in paths or "configure.in" in paths or ("configure" in paths and "Makefile.in" in paths):
        return AUTOTOOLS, "."
    for folder in NESTED_CMAKE_DIRS:
        if f"{folder}/CMakeLists.txt" in paths:
            return CMAKE, folder
    if paths & {"Makefile", "GNUmakefile", "makefile"}:
        return MAKE, "."
    raise DetectError(f"{tree.label}: no CMakeLists.txt, meson.build, configure.ac or Makefile at the top level")


def name_from_label(tree: SourceTree) -> tuple[str, str]:
    """(name, version) guessed from the archive or folder name, e.g. zlib-1.3.1.tar.gz."""
    label = tree.archive_name or PurePosixPath(tree.label.rstrip("/").replace("\\", "/")).name
    label = re.sub(r"\.(tar\.\w+|tgz|tbz2|txz|zip)$", "", label)
    m = re.match(r"^(?P<name>.+?)[-_]v?(?P<version>\d+(?:\.\d+)+[\w.]*)$", label)
    if m:
        return m.group("name"), m.group("version")
    m = re.match(r"^v?(?P<version>\d+(?:\.\d+)+)$", label)  # GitHub archive: v1.2.3.tar.gz
    return (label if not m else ""), (m.group("version") if m else "")


def version_from_headers(tree: SourceTree, name: str) -> tuple[str, str]:
    """FOO_VERSION "1.2.3" or FOO_VERSION_MAJOR/MINOR/PATCH (or _RELEASE) defines in headers."""
    preferred = {name.lower(), f"{name.lower()}_version", f"{name.lower()}version", "version", "config"}
    ranked = sorted(
        tree.texts.items(), key=lambda kv: (PurePosixPath(kv[0]).stem.lower() not in preferred, kv[0].count("/"), kv[0])
    )
    for path, text in ranked:
        if not path.endswith((".h", ".hpp", ".hh")):
            continue
        m = re.search(r'#\s*define\s+\w*VERSION(?:_STRING)?\s+"(\d+\.\d+(?:\.\d+)*)"', text)
        if m:
            return m.group(1), f"{path} VERSION define"
        parts = []
        for key in ("MAJOR", "MINOR", ("PATCH", "RELEASE", "MICRO", "REVISION")):
            keys = key if isinstance(key, tuple) else (key,)
            m = None
            for k in keys:
                m = re.search(rf"#\s*define\s+\w*VERSION_{k}\s+(\d+)\b", text)
                if m:
                    break
            if not m:
                break
            parts.append(m.group(1))
        if len(parts) >= 2:
            return ".".join(parts), f"{path} VERSION_MAJOR/MINOR defines"
    return "", ""


def read_project(tree: SourceTree, version_override: str = "") -> Project:
    system, folder = detect(tree)
    label_name, label_version = name_from_label(tree)
    if system == CMAKE:
        project = read_cmake(tree.texts, tree.paths, folder)
    elif system == MESON:
        project = read_meson(tree.texts, tree.paths)
    elif system == AUTOTOOLS:
        project = read_autotools(tree.texts, tree.paths)
    else:
        project = read_makefile(tree.texts, tree.paths, label_name)
    project.source_dir = folder
    if not project.name:
        project.name = label_name
    if version_override:
        project.version, project.version_source = version_override, "--version"
    if not project.version:
        project.version, project.version_source = version_from_headers(tree, project.name)
    if not project.version and label_version:
        project.version, project.version_source = label_version, "archive name"
    if not project.languages:
        project.languages = languages_from_sources(tree.paths)
    return project


def languages_from_sources(paths: list[str]) -> set[str]:
    languages: set[str] = set()
    for path in paths:
        parts = PurePosixPath(path).parts
        if any(p.lower() in TEST_DIRS | VENDORED_DIRS for p in parts[:-1]):
            continue
        lower = path.lower()
        if lower.endswith(C_SOURCES):
            languages.add("c")
        elif lower.endswith(CXX_SOURCES):
            languages.add("cxx")
    return languages or {"c"}
