"""Classified files → conda-forge split outputs, their `build.files`, run_exports and tests.

Layout (../shared/docs/generator-conventions.md §0, §1.3, §1.5):

* `lib<name>`         versioned shared objects only; run-exports itself with a pin width
                      taken from how the SONAME relates to the version;
* `lib<name>-devel`   headers, unversioned link, import library, pkg-config, CMake;
                      exact pin on `lib<name>`; run-exports `lib<name>`, never itself;
* `lib<name>-headers` headers only (`--headers-output`), or everything a library-less
                      (header-only) tree has;
* `<name>-static`     static archives only, with `--static` (CFEP-18): no headers, no
                      run_exports, exact pin on the devel (or headers) output;
* `<name>-tools`      executables, when there are any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from recipegen.generators.split import classify as C
from recipegen.generators.split.classify import Classified, soname_of
from recipegen.generators.split.globs import compact_globs, partition_problems
from recipegen.generators.split.inputs import InstallTree

from recipegen.generate import GenerationError, UnusableInput

RUNTIME, DEVEL, HEADERS, STATIC, TOOLS = "runtime", "devel", "headers", "static", "tools"
ROLE_ORDER = (RUNTIME, DEVEL, HEADERS, STATIC, TOOLS)

# Where each category goes, in order of preference (the first output that exists wins).
DESTINATIONS: dict[str, tuple[str, ...]] = {
    C.SHARED_LIBRARY: (RUNTIME,),
    C.PLUGIN: (RUNTIME, TOOLS),
    C.DEV_LINK: (DEVEL, HEADERS),
    C.IMPORT_LIBRARY: (DEVEL, HEADERS),
    C.HEADER: (DEVEL, HEADERS),
    C.PKG_CONFIG: (DEVEL, HEADERS),
    C.CMAKE: (DEVEL, HEADERS),
    C.DEV_SCRIPT: (DEVEL, HEADERS, TOOLS),
    C.DEV_DATA: (DEVEL, HEADERS),
    C.API_DOC: (DEVEL, HEADERS, RUNTIME, TOOLS),
    C.STATIC_LIBRARY: (STATIC,),
    C.EXECUTABLE: (TOOLS,),
    C.TOOL_DOC: (TOOLS, DEVEL, HEADERS, RUNTIME),
    C.DOC: (DEVEL, HEADERS, TOOLS, RUNTIME),
    C.LICENSE: (RUNTIME, HEADERS, TOOLS, DEVEL, STATIC),
    C.TRANSLATION: (TOOLS, RUNTIME, DEVEL, HEADERS),
    C.OTHER: (RUNTIME, TOOLS, DEVEL, HEADERS),
    C.LIBTOOL: (),
}
LIBRARY_CATEGORIES = {C.SHARED_LIBRARY}
DEV_CATEGORIES = {C.DEV_LINK, C.IMPORT_LIBRARY, C.HEADER, C.PKG_CONFIG, C.CMAKE, C.DEV_SCRIPT, C.DEV_DATA}


@dataclass
class SplitOptions:
    name: str
    static: bool = False
    headers_output: bool = False
    version: str = ""  # the release version, to see how the SONAME moves with it (pin width)


@dataclass
class Output:
    name: str
    role: str
    files: list[str] = field(default_factory=list)
    globs: list[str] = field(default_factory=list)


@dataclass
class SplitPlan:
    name: str  # <name>
    platform: str
    outputs: list[Output]
    assignment: dict[str, str]  # path -> output name ("" when left out)
    classified: list[Classified]
    omitted: dict[str, str]  # path -> why it is left out
    pin_width: str
    pin_reason: str
    primary_library: str
    notes: list[str] = field(default_factory=list)

    def output(self, role: str) -> Output | None:
        return next((o for o in self.outputs if o.role == role), None)

    def partition_problems(self) -> list[str]:
        return partition_problems(
            [c.path for c in self.classified], {o.name: o.globs for o in self.outputs}, self.omitted
        )


def output_names(name: str) -> dict[str, str]:
    """Output name per role; `lib<name>` keeps a name that already starts with `lib`, and a
    headers package keeps a name that already says so (nv-codec-headers, vulkan-headers)."""
    lib = name if name.startswith("lib") else f"lib{name}"
    return {
        RUNTIME: lib,
        DEVEL: f"{lib}-devel",
        HEADERS: name if name.endswith(("-headers", "_headers")) else f"{lib}-headers",
        STATIC: f"{name}-static",
        TOOLS: f"{name}-tools",
    }


def recipe_name(name: str) -> str:
    return f"{name}-split"


def default_name(tree: InstallTree, classified: list[Classified]) -> str:
    """The split's base name (recipegen.generators.split.naming says how it is chosen)."""
    from recipegen.generators.split.naming import choose_name

    return choose_name(tree, classified)[0]


def _sover(name: str) -> str | None:
    m = re.match(r"^.+?\.so\.(\d+(?:\.\d+)*)$", name) or re.match(r"^[^.]+?\.(\d+(?:\.\d+)*)\.dylib$", name)
    if m:
        return m.group(1)
    m = re.match(r"^.+?-(\d+(?:[._]\d+)*)\.dll$", name, re.I)
    return m.group(1).replace("_", ".") if m else None


def library_soname(tree: InstallTree, classified: list[Classified], primary: str) -> tuple[str | None, str]:
    """The primary library's SONAME and where it was read: the binary, the symlink chain, the
    shortest versioned link, the shortest versioned file name."""
    files = tree.by_path()
    runtime = [c for c in classified if c.category == C.SHARED_LIBRARY and c.library.lower() == primary.lower()]
    for c in runtime:  # 1. what the binary records
        found = soname_of(files[c.path]) if not files[c.path].is_symlink else None
        if found:
            return found, "SONAME recorded in " + PurePosixPath(c.path).name
    runtime_links = {PurePosixPath(c.path).name for c in runtime if files[c.path].is_symlink}
    for c in classified:  # 2. the symlink chain: libfoo.so -> libfoo.so.1 (a link) -> libfoo.so.1.2.3
        target = PurePosixPath(files[c.path].link_target).name
        if c.category == C.DEV_LINK and c.library.lower() == primary.lower() and target in runtime_links:
            return target, f"symlink chain {PurePosixPath(c.path).name} -> {target}"
    if runtime_links:  # 3. the shortest versioned link
        return sorted(runtime_links, key=len)[0], "symlink chain"
    if runtime:  # 4. the shortest versioned name
        return sorted((PurePosixPath(c.path).name for c in runtime), key=len)[0], "file name"
    return None, ""


def release_numbers(version: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", version.split("+")[0].split("-")[0])][:4]


def width_from_soname(soname: str | None, source: str, version: str = "") -> tuple[str, str]:
    """`upper_bound` width and the reason, from how the SONAME moves with the release version.

    * the SONAME repeats the start of the version (libzstd.so.1 for 1.5.6, libbz2.so.1.0 for
      1.0.8): it moves with those components → their count (`x`, `x.x`);
    * it joins major and minor (libpng16.so.16 for 1.6.43) → `x.x`;
    * a number below the major (libcurl.so.4 for 8.5.0): the ABI outlived majors → `x`;
    * a number above the major (libprotobuf.so.32 for 3.21.12): the ABI breaks within a major,
      at minor releases → `x.x` (conda-forge pins protobuf so), or at patch releases when the
      minor never moves (libsodium.so.23 for 1.0.18) → `x.x.x`;
    * no version known: the number of components of the SONAME version.
    Without a versioned SONAME the ABI promise is unknown: `x.x`, and the reason says so.
    """
    sover = _sover(soname) if soname else None
    if not sover:
        return "x.x", (
            "no versioned SONAME found; x.x assumed, check the library's ABI policy"
            if soname is not None or source
            else "no shared library"
        )
    abi = [int(n) for n in sover.split(".")]
    release = release_numbers(version)
    width, how = width_from_abi(abi, release)
    evidence = f"{soname} ({source}) carries ABI version {sover}"
    if release:
        evidence += f"; release {version}: {how}"
    return width, f"{evidence} → upper_bound='{width}'"


def width_from_abi(abi: list[int], release: list[int]) -> tuple[str, str]:
    """`upper_bound` width and how, from an ABI version (SONAME, CMake SOVERSION) and the release's."""
    if not release:
        count = min(3, len(abi))
        return ".".join(["x"] * count), "no release version to compare"
    if release[: len(abi)] == abi or (len(abi) > len(release) and abi[: len(release)] == release):
        count = min(3, len(abi), len(release))
        parts = ("major", "major.minor", "major.minor.patch")[count - 1]
        return ".".join(["x"] * count), f"the SONAME follows the {parts} version"
    major = abi[0]
    if len(release) > 1 and str(major) == f"{release[0]}{release[1]}":
        return "x.x", "the SONAME joins major and minor"
    if major < release[0]:
        return "x", "the SONAME changed less often than the major version"
    if len(release) > 2 and release[1] == 0:
        return "x.x.x", "the SONAME moves within a major whose minor never changes: at patch releases"
    return "x.x", "the SONAME moves within a major version: at minor releases"


def pin_width(tree: InstallTree, classified: list[Classified], primary: str, version: str = "") -> tuple[str, str]:
    """`upper_bound` width for run_exports, and the reason, from the primary library's SONAME."""
    soname, source = library_soname(tree, classified, primary)
    if soname is None:
        return "x.x", "no shared library"
    return width_from_soname(soname, source, version)


def plan_split(tree: InstallTree, options: SplitOptions | None = None, platform: str | None = None) -> SplitPlan:
    classified = C.classify_tree(tree, platform)
    options = options or SplitOptions(name=default_name(tree, classified))
    platform = platform or C.detect_platform(tree)
    names = output_names(options.name)
    notes: list[str] = list(tree.notes)
    roles = _roles(tree, classified, options, names, notes)
    assignment, omitted = _assign(classified, roles, names, options)

    outputs = [Output(names[r], r) for r in roles]
    for output in outputs:
        output.files = sorted(p for p, n in assignment.items() if n == output.name)
    outputs = [o for o in outputs if o.files]
    all_paths = [c.path for c in classified]
    for output in outputs:
        output.globs = compact_globs(output.files, all_paths)

    libs = [c.library for c in classified if c.category == C.SHARED_LIBRARY and c.library]
    primary = _primary_library(libs, options.name)
    width, reason = pin_width(tree, classified, primary, options.version)
    notes += _content_notes(tree, classified, assignment, libs)
    plan = SplitPlan(options.name, platform, outputs, assignment, classified, omitted, width, reason, primary, notes)
    problems = plan.partition_problems()
    if problems:  # cannot happen with compact_globs' fallback; guard the invariant anyway (a bug)
        raise RuntimeError(f"{tree.label}: output globs do not partition the files: {problems[0]}")
    return plan


def _roles(
    tree: InstallTree, classified: list[Classified], options: SplitOptions, names: dict[str, str], notes: list[str]
) -> list[str]:
    """The outputs the tree needs, in ROLE_ORDER; notes about what is left out are appended."""
    categories = {c.category for c in classified}
    has_shared = bool(categories & LIBRARY_CATEGORIES)
    roles: list[str] = []
    if has_shared:
        roles += [RUNTIME, *([DEVEL] if categories & DEV_CATEGORIES else [])]
    if (options.headers_output and C.HEADER in categories) or (not has_shared and categories & DEV_CATEGORIES):
        roles.append(HEADERS)
    if C.STATIC_LIBRARY in categories and options.static:
        roles.append(STATIC)
    elif C.STATIC_LIBRARY in categories:
        archives = sorted(c.path for c in classified if c.category == C.STATIC_LIBRARY)
        notes.append(
            f"left out {len(archives)} static archive(s) ({', '.join(archives[:3])}"
            f"{', ...' if len(archives) > 3 else ''}): conda-forge ships shared libraries only by "
            f"default (CFEP-18); pass --static for a separate {names[STATIC]} output"
        )
    if C.EXECUTABLE in categories:
        roles.append(TOOLS)
    if not has_shared and C.STATIC_LIBRARY in categories:
        notes.append("no shared library found, only static archives: CFEP-18 asks for shared libraries")
    if not has_shared and categories & {C.DEV_LINK, C.IMPORT_LIBRARY}:
        notes.append(
            "link-time libraries but no run-time shared library: this looks like one output of an "
            "already split package; split the complete install tree instead (or give all its packages)"
        )
    roles = [r for r in ROLE_ORDER if r in roles]
    if not roles and C.STATIC_LIBRARY in categories:
        raise GenerationError(
            f"{tree.label}: only static archives found; pass --static to package them (CFEP-18 prefers shared libraries)"
        )
    if not roles:
        raise UnusableInput(f"{tree.label}: nothing to split (no libraries, headers or programs found)")
    return roles


def _assign(
    classified: list[Classified], roles: list[str], names: dict[str, str], options: SplitOptions
) -> tuple[dict[str, str], dict[str, str]]:
    """path -> output name ("" when left out), and path -> why it is left out."""
    assignment: dict[str, str] = {}
    omitted: dict[str, str] = {}
    for c in classified:
        preferences = DESTINATIONS[c.category]
        if c.category == C.HEADER and options.headers_output and HEADERS in roles:
            preferences = (HEADERS,)
        role = next((r for r in preferences if r in roles), None)
        assignment[c.path] = names[role] if role else ""
        if role is None and c.category == C.LIBTOOL:
            omitted[c.path] = c.reason
        elif role is None:
            static = c.category == C.STATIC_LIBRARY
            omitted[c.path] = "static archive: pass --static to package it" if static else f"no output for {c.category}"
    return assignment, omitted


def _content_notes(
    tree: InstallTree, classified: list[Classified], assignment: dict[str, str], libs: list[str]
) -> list[str]:
    """Unrecognised files, several libraries in one runtime, links to files the input lacks."""
    notes = []
    others = sorted({c.path for c in classified if c.category == C.OTHER})
    if others:
        notes.append(
            f"{len(others)} file(s) not recognised, kept with {assignment[others[0]] or 'no output'}: "
            f"{', '.join(others[:3])}{', ...' if len(others) > 3 else ''} (see --explain)"
        )
    if len({lib.lower() for lib in libs}) > 1:
        notes.append(
            "several shared libraries ("
            + ", ".join(sorted(set(libs))[:6])
            + ") go into one runtime output; split them further by hand if they version separately"
        )
    names = {PurePosixPath(f.path).name for f in tree.files}
    dangling = sorted(
        f"{f.path} -> {PurePosixPath(f.link_target).name}"
        for f in tree.files
        if f.is_symlink and f.path.startswith("lib/") and PurePosixPath(f.link_target).name not in names
    )
    if dangling:
        notes.append(
            f"{len(dangling)} link(s) point to files the input does not have ({', '.join(dangling[:3])}"
            f"{', ...' if len(dangling) > 3 else ''}): add the package that ships them"
        )
    return notes


def _primary_library(libs: list[str], name: str) -> str:
    if not libs:
        return ""
    wanted = name.lower().removeprefix("lib")
    for lib in libs:
        if lib.lower().removeprefix("lib") == wanted:
            return lib
    return min(set(libs), key=lambda lib: (-libs.count(lib), len(lib), lib))
