"""Which build system a C/C++ project is built with, and the Project read from it.

Every build system the source ships is read (CMake at the root or in a nested folder such as
zstd's `build/cmake`, Meson, Autotools, a plain Makefile; in a single project folder when the
archive holds a repository with the library one level down, as expat's does). The one used is
the first of CMake, Meson, Autotools, Makefile that upstream's own documents do not call
experimental, unofficial, deprecated or unsupported; a note says which was chosen and why. The
version is weighed from all of them together with the headers and the archive name
(versions.py).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from recipegen.generators.cxx.autotools import read_autotools, read_makefile
from recipegen.generators.cxx.cmake import TEST_DIRS, VENDORED_DIRS, read_cmake
from recipegen.generators.cxx.includes import unbundled_libraries, uncovered
from recipegen.generators.cxx.meson import read_meson
from recipegen.generators.cxx.model import AUTOTOOLS, CMAKE, MAKE, MESON, Project
from recipegen.generators.cxx.options import default_on_examples_switches
from recipegen.generators.cxx.source import SourceTree
from recipegen.generators.cxx.versions import (
    ARCHIVE,
    SPELLING,
    STRONG,
    Evidence,
    VersionConflict,
    archive_version,
    decide,
    file_evidence,
    header_evidence,
    news_evidence,
)

# folders of another language's binding to the library (python_orocos_kdl, bindings/, java/)
LANGUAGE_BINDING_DIR = re.compile(
    r"(?:^|[_-])(?:python\d?|py|java|jni|ruby|perl|lua|node|js|csharp|dotnet|go|swig)(?:[_-]|$)|^bindings?$|^wrappers?$",
    re.I,
)
# ... or of a device's firmware and hardware (hackrf's firmware/ beside its host/ library and tools)
BINDING_DIR = re.compile(rf"{LANGUAGE_BINDING_DIR.pattern}|^(?:firmware|hardware|fpga|gateware)$", re.I)
# Where projects keep their CMake build when it is not at the root (zstd: build/cmake).
NESTED_CMAKE_DIRS = ("build/cmake", "cmake", "build-cmake", "contrib/cmake", "build/cmake_unofficial")
C_SOURCES = (".c",)
CXX_SOURCES = (".cc", ".cpp", ".cxx", ".c++", ".hpp", ".hh", ".hxx")
ORDER = (CMAKE, MESON, AUTOTOOLS, MAKE)
SYSTEM_WORDS = {CMAKE: r"cmake", MESON: r"meson", AUTOTOOLS: r"autotools|autoconf|\./configure|configure script"}
DEMOTING = re.compile(
    r"\b(experimental|unofficial|deprecated|unsupported|not (?:yet )?(?:officially )?supported(?! on| for| with| by)|"
    r"not (?:the )?(?:primary|recommended|preferred|official|maintained)|"
    r"(?:primarily|mainly|only) (?:targeted at|intended for|aimed at|meant for|for) (?:windows|msvc|visual studio))\b",
    re.I,
)
ANY_SYSTEM = re.compile(r"cmake|meson|autotools|autoconf|\./configure|configure script", re.I)
# the build system the demoting word qualifies: "Experimental cmake-based build support" (not "deprecated for CMake")
NAMED_AFTER = re.compile(rf"\s+({ANY_SYSTEM.pattern})(?:[- ]based)?\s+(?:build|support|port|files|scripts?)\b", re.I)
DOC_NAMES = re.compile(r"^(readme|install|building|build)([._-].*)?$", re.I)


class DetectError(Exception):
    """No supported build system, or a version the sources disagree on; one line."""


class NotAProject(DetectError):
    """No build file recipegen reads at the top of the source."""


UNREAD_BUILDS = {
    "wscript": "waf",
    "SConstruct": "SCons",
    "BUILD.bazel": "Bazel",
    "MODULE.bazel": "Bazel",
    "premake5.lua": "premake",
}


def build_systems(tree: SourceTree) -> list[tuple[str, str]]:
    """(build system, folder of its entry file) of every build the source ships, CMake first."""
    paths = set(tree.paths)
    found = _systems_in(paths, "")
    unread = sorted(paths & set(UNREAD_BUILDS))
    if not found and unread:  # lilv 0.24.14's wscript: not a folder further down's Makefile
        raise NotAProject(
            f"{tree.label}: builds with {UNREAD_BUILDS[unread[0]]} ({unread[0]}), which recipegen does not read; "
            "write the recipe's build script by hand"
        )
    package = sub_package(tree)
    if package:
        return _systems_in(paths, package + "/")
    prefixes = [""]
    for _ in range(2):  # a project one or two folders down (expat/, lmdb's libraries/liblmdb/)
        if found:
            break
        folders = sorted(
            {
                p[: len(pre) + p[len(pre) :].index("/") + 1]
                for pre in prefixes
                for p in paths
                if p.startswith(pre) and "/" in p[len(pre) :]
            }
        )
        nested = [f for f in folders if f.rstrip("/").rsplit("/", 1)[-1].lower() not in TEST_DIRS | VENDORED_DIRS]
        with_build = [f for f in nested if _systems_in(paths, f)]
        if len(with_build) > 1:  # orocos-kdl's orocos_kdl/ beside python_orocos_kdl/: the library, not a binding
            with_build = [f for f in with_build if not BINDING_DIR.search(f.rstrip("/").rsplit("/", 1)[-1])]
        if (
            len(with_build) > 1
        ):  # tcl's unix/ beside win/ and macosx/: the build for the platforms conda-forge builds on
            with_build = [f for f in with_build if f.rstrip("/").rsplit("/", 1)[-1].lower() == "unix"] or with_build
        if len(with_build) > 1:  # clalsadrv's libs/ beside apps/: the library's own build
            libraries = [f for f in with_build if LIBRARY_DIR.fullmatch(f.rstrip("/").rsplit("/", 1)[-1])]
            with_build = libraries if len(libraries) == 1 else with_build
        if len(with_build) > 1:  # QXlsx's library folder beside its examples' (DateTime/, HelloWorld/ ...)
            named = [f for f in with_build if _names_the_archive(f, tree.archive_name or tree.label)]
            with_build = named if len(named) == 1 else with_build
        if len(with_build) > 1:  # osptoolkit's src/Makefile beside enroll/'s, a program's
            sources = [f for f in with_build if f.rstrip("/").rsplit("/", 1)[-1] == "src"]
            with_build = sources if len(sources) == 1 else with_build
        if len(with_build) == 1:
            return _systems_in(paths, with_build[0])
        prefixes = nested if len(nested) <= 8 else []
    if not found and not unread:  # gemmlowp: its own build is Bazel's BUILD; contrib/CMakeLists.txt is the other
        contributed = [f"{d}/" for d in ("contrib", "cmake", "CMake") if _systems_in(paths, f"{d}/")]
        if len(contributed) == 1:
            return _systems_in(paths, contributed[0])
    return found


LIBRARY_DIR = re.compile(r"lib(?:s|rary|src)?", re.I)


def _names_the_archive(folder: str, label: str) -> bool:
    """Is the folder named as the archive is (QXlsx/ of libqt5qxlsx_1.4.4.orig.tar.gz)?"""
    name = folder.rstrip("/").rsplit("/", 1)[-1].lower()
    archive = archive_version(PurePosixPath(label).name)[0].lower()
    return len(name) >= 3 and name.removeprefix("lib") in archive


def sub_package(tree: SourceTree) -> str:
    """The folder of the package a top-level configure only hands over to (CoinUtils' archive:
    `AC_INIT([CoinUtils] ...)`, `SUBDIRS = $(subdirs)` and nothing built at the top, the package
    with its own configure.ac in `CoinUtils/`); '' when the top level is the project."""
    configure = tree.texts.get("configure.ac") or tree.texts.get("configure.in") or ""
    named = re.search(r"^\s*AC_INIT\(\s*\[?([\w.+-]+)", configure, re.M)
    makefile = tree.texts.get("Makefile.am", "")
    if not named or not re.search(r"^\s*SUBDIRS\s*=\s*\$\(subdirs\)\s*$", makefile, re.M):
        return ""
    if re.search(r"^\s*\w+_(?:PROGRAMS|LTLIBRARIES|LIBRARIES|HEADERS)\s*\+?=", makefile, re.M):
        return ""
    folders = {p.split("/")[0] for p in tree.paths if re.fullmatch(r"[^/]+/configure\.(?:ac|in)", p)}
    return next((f for f in sorted(folders) if f.lower() == named.group(1).lower()), "")


def _systems_in(paths: set[str], prefix: str) -> list[tuple[str, str]]:
    folder = prefix.rstrip("/") or "."
    found: list[tuple[str, str]] = []
    if f"{prefix}CMakeLists.txt" in paths:
        found.append((CMAKE, folder))
    if f"{prefix}meson.build" in paths:
        found.append((MESON, folder))
    if {f"{prefix}configure.ac", f"{prefix}configure.in", f"{prefix}configure.ac.in"} & paths or {
        f"{prefix}configure",
        f"{prefix}Makefile.in",
    } <= paths:
        found.append((AUTOTOOLS, folder))
    if not any(s == CMAKE for s, _ in found):
        for nested in NESTED_CMAKE_DIRS:
            if f"{prefix}{nested}/CMakeLists.txt" in paths:
                found.insert(0, (CMAKE, f"{prefix}{nested}"))
                break
    if not found and paths & {f"{prefix}Makefile", f"{prefix}GNUmakefile", f"{prefix}makefile"}:
        found.append((MAKE, folder))
    return found


def detect(tree: SourceTree) -> tuple[str, str]:
    """(build system, folder of its entry file) that would be used, before reading the docs."""
    systems = build_systems(tree)
    if not systems:
        raise NotAProject(f"{tree.label}: no CMakeLists.txt, meson.build, configure.ac or Makefile at the top level")
    return systems[0]


def name_from_label(tree: SourceTree) -> tuple[str, str]:
    """(name, version) guessed from the archive or folder name, e.g. zlib-1.3.1.tar.gz."""
    label = tree.archive_name or PurePosixPath(tree.label.rstrip("/").replace("\\", "/")).name
    return archive_version(label)


def _view(tree: SourceTree, folder: str) -> tuple[dict[str, str], list[str]]:
    """The texts and paths below a project folder, re-rooted (for Meson/Autotools readers)."""
    if folder in ("", "."):
        return tree.texts, tree.paths
    prefix = folder.rstrip("/") + "/"
    texts = {p[len(prefix) :]: t for p, t in tree.texts.items() if p.startswith(prefix)}
    return texts, [p[len(prefix) :] for p in tree.paths if p.startswith(prefix)]


def read_system(tree: SourceTree, system: str, folder: str, fallback_name: str) -> Project:
    if system in (CMAKE, MESON):
        project = _with_installed_examples(tree, system, folder)
    else:
        texts, paths = _view(tree, folder)
        if system == AUTOTOOLS:
            if folder == sub_package(tree):  # the super-project's macros (CoinUtils: BuildTools/coin.m4)
                texts = {**{p: t for p, t in tree.texts.items() if p.endswith(".m4") and p.count("/") <= 1}, **texts}
            project = read_autotools(texts, paths)
        else:
            project = read_makefile(texts, paths, fallback_name)
    project.source_dir = folder
    return project


def _with_installed_examples(tree: SourceTree, system: str, folder: str) -> Project:
    """The CMake or meson project with its examples switches off, or, when some are on by default
    and the examples they build are installed programs (aom's aomenc, libheif's heif-convert),
    with those left on: a second reading tells."""

    def read(keep: frozenset[str]) -> Project:
        if system == CMAKE:
            return read_cmake(tree.texts, tree.paths, folder, keep=keep)
        texts, paths = _view(tree, folder)
        return read_meson(texts, paths, keep)

    project = read(frozenset())
    examples = default_on_examples_switches(project.options)
    if not examples:
        return project
    with_examples = read(examples)
    return with_examples if set(with_examples.executables) - set(project.executables) else project


ENTRY_FILES = {CMAKE: "CMakeLists.txt", MESON: "meson.build"}
SELF_DEMOTING = re.compile(rf"{DEMOTING.pattern}|\b(?:very |rather )?limited\s+(?:\w+\s+)?support\b", re.I)


# a CMakeLists.txt that stops on every compiler but MSVC (libgig's "Please use configure and make,
# this cmake file is currently only to generate msvc solution files")
WINDOWS_ONLY_CMAKE = re.compile(
    r"^\s*if\s*\(\s*NOT\s+(?:MSVC|WIN32)\s*\)\s*\n\s*message\s*\(\s*FATAL_ERROR\s+\"([^\"]*)\"", re.M | re.I
)


def demoted_by_itself(tree: SourceTree, system: str, folder: str) -> str:
    """The sentence of a build file's own opening comment that calls it experimental or limited
    (xz's CMakeLists.txt: "Very limited CMake support ... somewhat experimental"), '' if none."""
    name = ENTRY_FILES.get(system)
    path = name if folder in ("", ".") else f"{folder.rstrip('/')}/{name}"
    text = tree.texts.get(path or "", "")
    windows_only = WINDOWS_ONLY_CMAKE.search(text[:3000]) if system == CMAKE else None
    if windows_only:
        return f"{path}: {' '.join(windows_only.group(1).split())[:160]}"
    header: list[str] = []
    for line in text.splitlines()[:80]:
        if not line.strip():
            continue
        if not line.lstrip().startswith("#"):
            break
        header.append(line.lstrip().lstrip("#").strip())
    for sentence in re.split(r"(?<=[.!?:])\s+", " ".join(header)):
        for m in SELF_DEMOTING.finditer(sentence):
            subjects = ANY_SYSTEM.findall(sentence[: m.start()])
            if not subjects or re.fullmatch(SYSTEM_WORDS[system], subjects[-1], re.I):
                return f"{path}: {' '.join(sentence.split())[:160]}"
    return ""


def demoted(tree: SourceTree, system: str, folder: str = ".") -> str:
    """The sentence of upstream's README/INSTALL documents (or of the build file's own opening
    comment) that calls a build system experimental, unofficial, deprecated or unsupported
    ('' when none does)."""
    if system in ENTRY_FILES:
        said = demoted_by_itself(tree, system, folder)
        if said:
            return said
    words = re.compile(rf"^({SYSTEM_WORDS.get(system, system)})$", re.I)
    for path in sorted(tree.texts):
        name = PurePosixPath(path).name
        if path.count("/") > 2 or not DOC_NAMES.match(name) or name.endswith((".h", ".c")):
            continue
        previous = ""
        for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", tree.texts[path]):
            if len(sentence) > 400 or re.search(r"cross[- ]compil", sentence, re.I):
                continue
            for m in DEMOTING.finditer(sentence):
                subjects = ANY_SYSTEM.findall(sentence[: m.start()])  # what the word is said of
                if not subjects and re.match(r"\s*(?:This|It|That|These|They)\b", sentence):
                    subjects = ANY_SYSTEM.findall(previous)  # "We provide a CMake build script. This is ..."
                if not subjects:  # apr's README.cmake: "Experimental cmake-based build support for APR on ..."
                    named = NAMED_AFTER.match(sentence[m.end() :])
                    subjects = [named.group(1)] if named else []
                if subjects and words.match(subjects[-1]):
                    return f"{path}: {' '.join(sentence.split())[:160]}"
            previous = sentence
    return ""


RECOMMENDING = re.compile(
    r"\b(?:use|using|build with|built with|run)\s+({systems})\b[^.]{{0,40}}\bto build\b"
    r"|\b({systems}) is (?:now )?(?:the|our) (?:preferred|recommended|primary|official|main|supported) build"
    r"|\brecommend(?:ed|s)? (?:to )?(?:use |using )?({systems})\b",
    re.I,
)


ALTERNATIVE = re.compile(r"\b(?:alternatively|also)\b", re.I)
OTHER_PLATFORM = re.compile(r"\b(?:windows|msvc|visual\s+studio|mingw|cygwin|android|ios|macos|os x|xcode)\b", re.I)


def recommended(tree: SourceTree, systems: list[str]) -> str:
    """The one build system upstream's README/INSTALL/BUILD documents recommend ("then use meson
    to build the project", "CMake is the preferred build tool"), '' when none or several are."""
    words = "|".join(SYSTEM_WORDS[s] for s in systems if s in SYSTEM_WORDS)
    pattern = re.compile(RECOMMENDING.pattern.format(systems=words), re.I)
    said: set[str] = set()
    for path in sorted(tree.texts):
        name = PurePosixPath(path).name
        if path.count("/") > 2 or not DOC_NAMES.match(name) or name.endswith((".h", ".c")):
            continue
        for m in pattern.finditer(tree.texts[path]):
            text = tree.texts[path]
            starts = [b.end() for b in re.finditer(r"[.!?]\s|\n\s*\n", text[: m.start()])]
            end = re.search(r"[.!?]\s|\n\s*\n", text[m.end() :])
            begin = starts[-1] if starts else 0
            if OTHER_PLATFORM.search(text[begin : m.end() + (end.start() if end else 0)]):
                continue  # a recommendation for another platform ("use cmake instead to build with Visual Studio")
            if ALTERNATIVE.search(text[begin : m.start()]):
                continue  # an alternative, not a recommendation: libudis86's "Alternatively you can use cmake to build"
            word = next(g for g in m.groups() if g)
            said |= {s for s in systems if re.fullmatch(SYSTEM_WORDS.get(s, s), word, re.I)}
    return said.pop() if len(said) == 1 else ""


def choose(tree: SourceTree, projects: list[Project]) -> tuple[Project, list[str]]:
    """The project read with the build system upstream stands behind, and notes saying which."""
    if len(projects) == 1:
        return projects[0], []
    reasons: dict[str, str] = {p.build_system: demoted(tree, p.build_system, p.source_dir) for p in projects}
    # libudis86's CMakeLists.txt builds a static library and installs nothing; its autotools build installs
    installing = [p for p in projects if not p.installs_nothing] or projects
    usable = [p for p in installing if not reasons[p.build_system]] or installing
    usable.sort(key=lambda p: ORDER.index(p.build_system))
    best = recommended(tree, [p.build_system for p in usable])
    chosen = next((p for p in usable if p.build_system == best), usable[0])
    richer = f"; {best}, as upstream's documents recommend" if best else ""
    more = (
        ""
        if best
        else next((r for r in (_richer(p, chosen) for p in usable[1:] if p.build_system == AUTOTOOLS) if r), "")
    )
    if more:
        chosen, richer = next(p for p in usable if p.build_system == AUTOTOOLS), more
    others = ", ".join(p.build_system for p in projects if p is not chosen)
    notes = [f"built with {chosen.build_system} (the source also has {others})" + richer]
    for project in projects:
        if reasons[project.build_system] and project is not chosen:
            notes[0] += f"; not {project.build_system}: upstream says so in {reasons[project.build_system]}"
        elif project.installs_nothing and project is not chosen:
            notes[0] += f"; not {project.build_system}: its {ENTRY_FILES[project.build_system]} installs nothing"
    if chosen.build_system == AUTOTOOLS:
        chosen.alternatives = [p for p in projects if p.build_system == CMAKE]
    return chosen, notes


def _features(project: Project) -> tuple[set[str], int]:
    """(host packages, installed programs) of a build system's default build."""
    from recipegen.generators.cxx.hostdeps import host_requirements

    return {r.spec for r in host_requirements(project)[0]}, len(project.programs)


def _richer(candidate: Project, chosen: Project) -> str:
    """Why the candidate's default build does more than the chosen one's: everything it links
    and more libraries or programs (lcms2's configure builds and links its tools, its meson.build
    only the library); '' when it does not."""
    if not candidate.compiled_libraries or not chosen.compiled_libraries:
        return ""
    (mine, my_programs), (theirs, their_programs) = _features(candidate), _features(chosen)
    if not theirs <= mine or my_programs < their_programs or (mine == theirs and my_programs == their_programs):
        return ""
    more = [*sorted(mine - theirs)]
    if my_programs > their_programs:
        more.append(f"{my_programs} programs ({their_programs} with {chosen.build_system})")
    return (
        f"; {candidate.build_system}, as its default build does more than {chosen.build_system}'s ({', '.join(more)})"
    )


def version_evidence(tree: SourceTree, projects: list[Project], name: str, label_version: str) -> list[Evidence]:
    evidence = []
    for project in projects:
        if project.version:
            evidence.append(Evidence(project.version, project.version_source, project.version_weight or STRONG))
    evidence += header_evidence(tree.texts, name)
    evidence += file_evidence(tree.texts)
    if label_version:
        evidence.append(Evidence(label_version, "archive name" if tree.archive_name else "folder name", ARCHIVE))
        evidence += news_evidence(tree.texts, label_version)
    folder_version = archive_version(tree.top_folder)[1] if tree.archive_name and tree.top_folder else ""
    if folder_version and folder_version != label_version:
        evidence.append(Evidence(folder_version, "the archive's top folder", SPELLING))
    return evidence


def _without_project_suffix(project: Project, label_name: str) -> str:
    """muparser's `project(muParserProject)`: the word "Project" (or airspyhf's "_all" of
    `project(airspyhf_all)`, gudhi's "dev" of `project(GUDHIdev)`) is no part of the package's name when what is left names the archive
    or a library of the project (its `muparser` target)."""
    # (gudhi's `project(GUDHIdev)`, its development tree's name)
    stripped = re.sub(r"[-_]?project$|[-_]all$|[-_]?dev$", "", project.name, flags=re.I)
    names = {label_name.lower(), *(lib.output_name.lower() for lib in project.libraries)}
    if stripped and stripped != project.name and stripped.lower() in names:
        project.notes.append(f"package name {stripped}: project() says {project.name}")
        return stripped
    return project.name


def read_project(tree: SourceTree, version_override: str = "") -> Project:
    systems = build_systems(tree)
    if not systems:
        raise NotAProject(f"{tree.label}: no CMakeLists.txt, meson.build, configure.ac or Makefile at the top level")
    label_name, label_version = name_from_label(tree)
    projects = [read_system(tree, system, folder, label_name) for system, folder in systems]
    project, notes = choose(tree, projects)
    project.notes[:0] = notes
    unbundled = unbundled_libraries(tree.includes, tree.paths, project.header_only)
    project.dependencies += uncovered(unbundled, project.dependencies)
    _fill_about(project, projects)
    if not _systems_in(set(tree.paths), "") or sub_package(tree):
        project.root_dir = systems[0][1]
    if not project.name:
        project.name = next((p.name for p in projects if p.name), label_name)
    project.name = _without_project_suffix(project, label_name)
    if version_override:
        project.version, project.version_source = version_override, "--version"
    else:
        evidence = version_evidence(tree, projects, project.name, label_version)
        try:
            project.version, project.version_source, version_notes = decide(evidence)
        except VersionConflict as exc:
            raise DetectError(f"{tree.label}: {exc}") from None
        project.notes += version_notes
    if not project.languages:
        project.languages = languages_from_sources(tree.paths)
    return project


def _fill_about(project: Project, projects: list[Project]) -> None:
    """What the chosen build files do not say about the project, from the other build files
    (xz's AC_INIT home page when its CMake build is not the one used)."""
    for other in projects:
        if other is project:
            continue
        project.homepage = project.homepage or other.homepage
        project.description = project.description or other.description
        project.urls += [u for u in other.urls if u not in project.urls]


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
