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
    """Output name per role; `lib<name>` keeps a name that already starts with `lib`."""
    lib = name if name.startswith("lib") else f"lib{name}"
    return {
        RUNTIME: lib,
        DEVEL: f"{lib}-devel",
        HEADERS: f"{lib}-headers",
        STATIC: f"{name}-static",
        TOOLS: f"{name}-tools",
    }


def recipe_name(name: str) -> str:
    return f"{name}-split"


def default_name(tree: InstallTree, classified: list[Classified]) -> str:
    """The package's name: the conda package's own, else the main library's, else the tree's."""
    libs = [
        c.library
        for c in classified
        if c.category in (C.SHARED_LIBRARY, C.STATIC_LIBRARY, C.IMPORT_LIBRARY) and c.library
    ]
    if tree.name:
        base = re.sub(r"-(devel|dev|static|tools|headers)$", "", tree.name)
        return base
    if libs:
        counts: dict[str, int] = {}
        for lib in libs:
            key = lib.lower().removeprefix("lib")
            counts[key] = counts.get(key, 0) + 1
        return min(counts, key=lambda k: (-counts[k], len(k), k))
    label = PurePosixPath(tree.label.replace("\\", "/")).name
    label = re.sub(r"(\.tar\.\w+|\.tgz|\.zip|\.conda)$", "", label)
    label = re.sub(r"[-_]\d.*$", "", label)
    return re.sub(r"[^a-z0-9_.-]", "-", label.lower()) or "package"


def _sover(name: str) -> str | None:
    m = re.match(r"^.+?\.so\.(\d+(?:\.\d+)*)$", name) or re.match(r"^[^.]+?\.(\d+(?:\.\d+)*)\.dylib$", name)
    if m:
        return m.group(1)
    m = re.match(r"^.+?-(\d+(?:[._]\d+)*)\.dll$", name, re.I)
    return m.group(1).replace("_", ".") if m else None


def pin_width(tree: InstallTree, classified: list[Classified], primary: str) -> tuple[str, str]:
    """`upper_bound` width for run_exports, and the reason, from the primary library's SONAME.

    SONAME `libfoo.so.1` (major only) → `x`; `libfoo.so.1.2` → `x.x`; a SONAME carrying
    three numbers (ABI changes every release, e.g. libprotobuf, boost) → `x.x.x`.
    Without a versioned SONAME the ABI promise is unknown: `x.x`, and a note says so.
    """
    files = tree.by_path()
    runtime = [c for c in classified if c.category == C.SHARED_LIBRARY and c.library.lower() == primary.lower()]
    soname = None
    source = ""
    for c in runtime:  # 1. what the binary records
        found = soname_of(files[c.path]) if not files[c.path].is_symlink else None
        if found:
            soname, source = found, "SONAME recorded in " + PurePosixPath(c.path).name
            break
    runtime_links = {PurePosixPath(c.path).name for c in runtime if files[c.path].is_symlink}
    if soname is None:  # 2. the symlink chain: libfoo.so -> libfoo.so.1 (a link) -> libfoo.so.1.2.3
        for c in classified:
            target = PurePosixPath(files[c.path].link_target).name
            if c.category == C.DEV_LINK and c.library.lower() == primary.lower() and target in runtime_links:
                soname, source = target, f"symlink chain {PurePosixPath(c.path).name} -> {target}"
                break
    if soname is None:  # 3. the shortest versioned link
        links = sorted(runtime_links, key=len)
        if links:
            soname, source = links[0], "symlink chain"
    if soname is None and runtime:  # 4. the shortest versioned name
        names = sorted((PurePosixPath(c.path).name for c in runtime), key=len)
        soname, source = names[0], "file name"
    sover = _sover(soname) if soname else None
    if not sover:
        return "x.x", (
            "no versioned SONAME found; x.x assumed, check the library's ABI policy" if runtime else "no shared library"
        )
    width = ".".join(["x"] * min(3, len(sover.split("."))))
    return width, f"{soname} ({source}) carries ABI version {sover} → upper_bound='{width}'"


def plan_split(tree: InstallTree, options: SplitOptions | None = None, platform: str | None = None) -> SplitPlan:
    classified = C.classify_tree(tree, platform)
    options = options or SplitOptions(name=default_name(tree, classified))
    platform = platform or C.detect_platform(tree)
    names = output_names(options.name)
    categories = {c.category for c in classified}
    has_shared = bool(categories & LIBRARY_CATEGORIES)
    notes: list[str] = []

    roles: list[str] = []
    if has_shared:
        roles.append(RUNTIME)
        if categories & DEV_CATEGORIES:
            roles.append(DEVEL)
    if (options.headers_output and C.HEADER in categories) or (not has_shared and categories & DEV_CATEGORIES):
        roles.append(HEADERS)
    if C.STATIC_LIBRARY in categories:
        if options.static:
            roles.append(STATIC)
        else:
            archives = sorted(c.path for c in classified if c.category == C.STATIC_LIBRARY)
            notes.append(
                f"left out {len(archives)} static archive(s) ({', '.join(archives[:3])}"
                f"{', ...' if len(archives) > 3 else ''}): conda-forge ships shared libraries only by "
                "default (CFEP-18); pass --static for a separate "
                f"{names[STATIC]} output"
            )
    if C.EXECUTABLE in categories:
        roles.append(TOOLS)
    if not has_shared and C.STATIC_LIBRARY in categories:
        notes.append("no shared library found, only static archives: CFEP-18 asks for shared libraries")
    if not has_shared and categories & {C.DEV_LINK, C.IMPORT_LIBRARY}:
        notes.append(
            "link-time libraries but no run-time shared library: this looks like one output of an "
            "already split package; split the complete install tree instead"
        )
    roles = [r for r in ROLE_ORDER if r in roles]
    if not roles:
        if C.STATIC_LIBRARY in categories:
            raise ValueError(
                f"{tree.label}: only static archives found; pass --static to package them "
                "(CFEP-18 prefers shared libraries)"
            )
        raise ValueError(f"{tree.label}: nothing to split (no libraries, headers or programs found)")

    assignment: dict[str, str] = {}
    omitted: dict[str, str] = {}
    for c in classified:
        preferences = DESTINATIONS[c.category]
        if c.category == C.HEADER and options.headers_output and HEADERS in roles:
            preferences = (HEADERS,)
        role = next((r for r in preferences if r in roles), None)
        if role is None:
            omitted[c.path] = (
                c.reason
                if c.category == C.LIBTOOL
                else (
                    "static archive: pass --static to package it"
                    if c.category == C.STATIC_LIBRARY
                    else f"no output for {c.category}"
                )
            )
            assignment[c.path] = ""
        else:
            assignment[c.path] = names[role]

    outputs = [Output(names[r], r) for r in roles]
    for output in outputs:
        output.files = sorted(p for p, n in assignment.items() if n == output.name)
    outputs = [o for o in outputs if o.files]
    all_paths = [c.path for c in classified]
    for output in outputs:
        output.globs = compact_globs(output.files, all_paths)

    libs = [c.library for c in classified if c.category == C.SHARED_LIBRARY and c.library]
    primary = _primary_library(libs, options.name)
    width, reason = pin_width(tree, classified, primary)
    others = sorted({c.path for c in classified if c.category == C.OTHER})
    if others:
        notes.append(
            f"{len(others)} file(s) not recognised, kept with "
            f"{assignment[others[0]] or 'no output'}: {', '.join(others[:3])}"
            f"{', ...' if len(others) > 3 else ''} (see --explain)"
        )
    if len({lib.lower() for lib in libs}) > 1:
        notes.append(
            "several shared libraries ("
            + ", ".join(sorted(set(libs))[:6])
            + ") go into one runtime output; split them further by hand if they version separately"
        )
    plan = SplitPlan(options.name, platform, outputs, assignment, classified, omitted, width, reason, primary, notes)
    problems = plan.partition_problems()
    if problems:  # cannot happen with compact_globs' fallback; guard the invariant anyway
        raise ValueError(f"{tree.label}: output globs do not partition the files: {problems[0]}")
    return plan


def _primary_library(libs: list[str], name: str) -> str:
    if not libs:
        return ""
    wanted = name.lower().removeprefix("lib")
    for lib in libs:
        if lib.lower().removeprefix("lib") == wanted:
            return lib
    return min(set(libs), key=lambda lib: (-libs.count(lib), len(lib), lib))
