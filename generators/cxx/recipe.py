"""A C/C++ Project + its source → v1 recipe data with the conda-forge split outputs.

Compiled libraries: one staging output builds and installs once (shared on, static off
unless --static, tests off); `lib<name>`, `lib<name>-devel`, `<name>-static` (--static) and
`<name>-tools` (installed programs) pick their files with per-platform `build.files`.
Header-only projects: a single `lib<name>-headers` package that ignores the compilers'
run_exports. Globs are by file kind (`lib/lib*.so.*`), not by name: the staging prefix only
holds this project's files, so they select exactly the right ones.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from recipegen.generators.cxx.hostdeps import host_requirements, linux_only_required
from recipegen.generators.cxx.model import AUTOTOOLS, CMAKE, MESON, Library, Project
from recipegen.generators.cxx.options import (
    SHARED_OPTION,
    STATIC_OPTION,
    is_off_switch,
    script_value,
    turned_off,
)
from recipegen.generators.cxx.source import SourceTree
from recipegen.generators.cxx.versions import archive_version
from recipegen.generators.split.classify import layout
from recipegen.generators.split.outputs import DEVEL, HEADERS, RUNTIME, STATIC, TOOLS, output_names
from recipegen.generators.split.sections import SUMMARIES, package_output, relations

from recipegen.generate import GenerationError
from recipegen.recipe import (
    About,
    Build,
    ContentsTest,
    Extra,
    If,
    Recipe,
    Req,
    Requirements,
    Source,
    Test,
    compiler,
    multi_output,
    staging_output,
    stdlib,
)
from recipegen.recipe import maintainers as recipe_maintainers

WIN_CHECK = "if errorlevel 1 exit 1"


def conda_name(name: str) -> str:
    return re.sub(r"[^a-z0-9_.-]+", "-", name.lower()).strip("-._") or "project"


# --- build scripts -------------------------------------------------------------------------------


COMMAND_LINE_OPTIONS = {"BUILD_SHARED_LIBS", "BUILD_TESTING", "CMAKE_BUILD_TYPE"}


def _cmake_options(project: Project, static: bool, shared: bool = True) -> list[str]:
    """The project's own switches: tests/examples/docs off, its static switch, its shared switch
    (off in a static-only pass)."""
    flags = []
    for option in project.options.values():
        value = None if option.kept else script_value(option.name, static)
        if option.name in COMMAND_LINE_OPTIONS or value is None:
            continue
        if SHARED_OPTION.search(option.name) and not is_off_switch(option.name):
            value = "ON" if shared else "OFF"
        flags.append(f"-D{option.name}={value}")
    return flags


def _policy_minimum(project: Project) -> list[str]:
    """CMake 4, conda-forge's, refuses `cmake_minimum_required(VERSION ...)` below 3.5 (libkolabxml's
    2.8.5) unless told the policy version to assume."""
    from recipegen.generators.cxx.cmake import version_key

    below = bool(project.cmake_minimum) and version_key(project.cmake_minimum) < (3, 5)
    return ["-DCMAKE_POLICY_VERSION_MINIMUM=3.5"] if below else []


def _static_switch(project: Project) -> bool:
    """True when the project has its own option to build static libraries next to shared ones."""
    return any(STATIC_OPTION.search(o.name) and not is_off_switch(o.name) for o in project.options.values())


Command = list[str]  # first item: the command, the rest: its arguments (one per continued line if long)


def render_script(commands: list[Command], windows: bool) -> str:
    """One script text: long commands continued over lines (`\\` / `^`), cmd checks errorlevel."""
    lines = []
    for command in commands:
        text = " ".join(command)
        if len(text) > 88 and len(command) > 1:
            joiner = " ^\n    " if windows else " \\\n    "
            text = command[0] + joiner + joiner.join(command[1:])
        lines.append(text)
        if windows:
            lines.append(WIN_CHECK)
    return "\n".join(lines) + "\n"


def cmake_script(project: Project, static: bool) -> tuple[list[Command], list[Command]]:
    """Configure, build, install; with --static and no static switch upstream, a static-only pass
    first (so the shared pass's CMake config files are the ones installed last). On Windows the
    static pass installs aside and its `.lib` archives are copied in as `<name>_static.lib`, so
    they do not overwrite the import libraries of the same name."""
    src = project.source_dir
    flags = ["-DCMAKE_BUILD_TYPE=Release", "-DBUILD_SHARED_LIBS=ON", "-DBUILD_TESTING=OFF"]
    shared = [*flags, *_policy_minimum(project), *_cmake_options(project, static)]
    unix_prefix = ["${CMAKE_ARGS}", "-DCMAKE_INSTALL_PREFIX=$PREFIX", "-DCMAKE_INSTALL_LIBDIR=lib"]
    unix: list[Command] = [
        [f"cmake -S {src} -B build -G Ninja", *unix_prefix, *shared],
        ["cmake --build build --parallel ${CPU_COUNT}"],
        ["cmake --install build"],
    ]
    # a DLL whose sources mark no symbols __declspec(dllexport) gets no import library (plfit):
    # export them all, as conda-forge's Windows CMake builds commonly do
    win: list[Command] = [
        [
            f"cmake -S {src} -B build -G Ninja",
            "%CMAKE_ARGS%",
            "-DCMAKE_INSTALL_PREFIX=%LIBRARY_PREFIX%",
            "-DCMAKE_WINDOWS_EXPORT_ALL_SYMBOLS=ON",
            *shared,
        ],
        ["cmake --build build --parallel %CPU_COUNT%"],
        ["cmake --install build"],
    ]
    if static and not _static_switch(project):
        static_only = [
            flags[0],
            "-DBUILD_SHARED_LIBS=OFF",
            flags[2],
            *_policy_minimum(project),
            *_cmake_options(project, True, shared=False),
        ]
        unix = [
            [f"cmake -S {src} -B build-static -G Ninja", *unix_prefix, *static_only],
            ["cmake --build build-static --parallel ${CPU_COUNT}"],
            ["cmake --install build-static"],
            *unix,
        ]
        win += [
            [
                f"cmake -S {src} -B build-static -G Ninja",
                "%CMAKE_ARGS%",
                "-DCMAKE_INSTALL_PREFIX=%SRC_DIR%\\static-prefix",
                *static_only,
            ],
            ["cmake --build build-static --parallel %CPU_COUNT%"],
            ["cmake --install build-static"],
            ['for %%f in ("%SRC_DIR%\\static-prefix\\lib\\*.lib") do copy /Y "%%f" "%LIBRARY_LIB%\\%%~nf_static.lib"'],
        ]
    return unix, win


def meson_script(project: Project, static: bool) -> tuple[list[Command], list[Command]]:
    flags = []
    for option in project.options.values():
        if turned_off(option) and option.off_value:
            flags.append(f"-D{option.name}={option.off_value}")
    common = ["--buildtype=release", f"--default-library={'both' if static else 'shared'}", *flags]
    source = "" if project.source_dir in ("", ".") else f" {project.source_dir}"
    unix: list[Command] = [
        [f"meson setup build{source}", "${MESON_ARGS}", "--prefix=$PREFIX", "--libdir=lib", *common],
        ["meson compile -C build -j ${CPU_COUNT}"],
        ["meson install -C build"],
    ]
    win: list[Command] = [
        [f"meson setup build{source}", "%MESON_ARGS%", "--prefix=%LIBRARY_PREFIX%", *common],
        ["meson compile -C build -j %CPU_COUNT%"],
        ["meson install -C build"],
    ]
    return unix, win


def autotools_script(project: Project, static: bool, paths: list[str]) -> list[Command]:
    commands: list[Command] = [] if project.source_dir in ("", ".") else [[f"cd {project.source_dir}"]]
    if not project.has_configure:
        prefix_dir = "" if project.source_dir in ("", ".") else project.source_dir.rstrip("/") + "/"
        generated = f"{prefix_dir}configure.ac.in" in paths and f"{prefix_dir}autogen.sh" in paths
        # aclocal finds the m4 macros of host libraries (libfixbuf's AM_PATH_GLIB_2_0, glib-2.0.m4 in $PREFIX)
        commands.append(['export ACLOCAL_PATH="$PREFIX/share/aclocal${ACLOCAL_PATH:+:$ACLOCAL_PATH}"'])
        commands.append(["NOCONFIGURE=1 ./autogen.sh" if generated else "autoreconf -fiv"])  # jbig2dec: configure.ac.in
    prefix = "" if project.source_dir in ("", ".") else project.source_dir.rstrip("/") + "/"
    own = [p[len(prefix) :] for p in paths if p.startswith(prefix)]
    for folder in sorted({str(PurePosixPath(p).parent) for p in own if p.endswith("config.guess")}):
        commands.append([f"cp $BUILD_PREFIX/share/gnuconfig/config.* {folder}/"])
    commands += [
        [
            "./configure",
            "--prefix=$PREFIX",
            "--enable-shared",
            "--enable-static" if static else "--disable-static",
            "--disable-dependency-tracking",
        ],
        ["make -j${CPU_COUNT}"],
        ["make install"],
    ]
    return commands


def make_script() -> list[Command]:
    return [["make -j${CPU_COUNT} PREFIX=$PREFIX CC=$CC"], ["make install PREFIX=$PREFIX"]]


def _windows_cmake(project: Project) -> Project | None:
    """A CMake build of an Autotools project, for Windows (as conda-forge's curl, libxml2 do)."""
    return next((p for p in project.alternatives if p.build_system == CMAKE and p.compiled_libraries), None)


def build_script(project: Project, static: bool, paths: list[str]) -> tuple[Any, bool]:
    """(script data, unix_only)."""
    if project.build_system == CMAKE:
        unix, win = cmake_script(project, static)
    elif project.build_system == MESON:
        unix, win = meson_script(project, static)
    elif project.build_system == AUTOTOOLS:
        windows = _windows_cmake(project)
        if windows is None:
            return render_script(autotools_script(project, static, paths), False), True
        unix, win = autotools_script(project, static, paths), cmake_script(windows, static)[1]
    else:
        return render_script(make_script(), False), True
    return [If("win", render_script(win, True), render_script(unix, False))], False


def build_requirements(project: Project, unix_only: bool) -> list[Any]:
    reqs: list[Any] = []
    for language in ("c", "cxx"):
        if language in project.languages:
            reqs.append(compiler(language))
    reqs.append(stdlib("c"))
    tools: list[str] = []
    if project.build_system == CMAKE:
        tools += ["cmake", "ninja"]
    elif project.build_system == MESON:
        tools += ["meson", "ninja", "pkg-config"]
    elif project.build_system == AUTOTOOLS:
        tools += ["make", "gnuconfig"]
        if not project.has_configure:
            tools += ["autoconf", "automake", "libtool"]
            # aclocal's copies of autoconf-archive's macros the source does not ship (timbl's AX_CXX_COMPILE_STDCXX_17)
            tools += ["autoconf-archive"] if project.archive_macros else []
    else:
        tools.append("make")
    if project.uses_pkg_config and project.build_system != MESON:
        tools.append("pkg-config")
    if project.build_system == AUTOTOOLS and not unix_only and _windows_cmake(project):
        unix_tools = [t for t in tools if t != "pkg-config"]
        shared = [t for t in tools if t == "pkg-config"]
        return [*reqs, If("unix", unix_tools), If("win", ["cmake", "ninja"]), *shared]
    return list(dict.fromkeys(reqs + tools))


# --- outputs -------------------------------------------------------------------------------------


def _static_win_globs() -> list[str]:
    return [f"Library/lib/{p}" for p in layout()["windows_static_lib"]]


def _runtime_files() -> dict[str, list[If]]:
    """The shared libraries, and plug-ins and data the library loads from its own folder under lib/
    (libao's lib/ao/plugins-4, aspell's lib/aspell-0.60); not pkg-config/CMake files or a folder of
    headers (glib's lib/glib-2.0/include)."""
    return {
        "include": [
            If("linux", ["lib/lib*.so.*", "lib/*/**"]),
            If("osx", ["lib/lib*.*.dylib", "lib/*/**"]),
            If("win", ["Library/bin/*.dll"]),
        ],
        "exclude": [If("unix", ["lib/pkgconfig/**", "lib/cmake/**", "lib/*/include/**"])],
    }


def _devel_files() -> Any:
    """The -devel output: headers, the link library and the build systems' metadata."""
    return {
        "include": [
            If("linux", ["lib/lib*.so"]),
            If("osx", ["lib/lib*.dylib"]),
            If(
                "unix",
                [
                    "include/**",
                    "lib/pkgconfig/**",
                    "lib/cmake/**",
                    "lib/*/include/**",
                    "share/pkgconfig/**",
                    "share/cmake/**",
                    "share/*/cmake/**",  # bcg729's share/Bcg729/cmake/Bcg729Config.cmake
                    "bin/*-config",
                    "share/aclocal/**",
                    "share/man/man3/**",
                    "share/doc/**",
                ],
            ),
            If(
                "win",
                [
                    "Library/include/**",
                    "Library/lib/*.lib",
                    "Library/lib/pkgconfig/**",
                    "Library/lib/cmake/**",
                    "Library/share/pkgconfig/**",
                    "Library/share/cmake/**",
                    "Library/share/*/cmake/**",
                    "Library/cmake/**",
                    "Library/share/doc/**",
                ],
            ),
        ],
        "exclude": [
            If("osx", ["lib/lib*.*.dylib"]),
            If("win", _static_win_globs()),
        ],
    }


def output_files(role: str, sbin: bool = False) -> Any:
    """Per-platform `build.files` for a role (see the module doc for why they are by kind)."""
    if role == RUNTIME:
        return _runtime_files()
    if role == DEVEL:
        return _devel_files()
    if role == HEADERS:
        return [
            If(
                "unix",
                [
                    "include/**",
                    "lib/pkgconfig/**",
                    "lib/cmake/**",
                    "share/pkgconfig/**",
                    "share/cmake/**",
                    "share/*/cmake/**",
                ],
            ),
            If(
                "win",
                [
                    "Library/include/**",
                    "Library/lib/pkgconfig/**",
                    "Library/lib/cmake/**",
                    "Library/share/pkgconfig/**",
                    "Library/share/cmake/**",
                    "Library/share/*/cmake/**",
                    "Library/cmake/**",
                ],
            ),
        ]
    if role == STATIC:
        return [If("unix", ["lib/lib*.a"]), If("win", _static_win_globs())]
    if role == TOOLS:
        return {
            "include": [
                If("unix", ["bin/*", *(["sbin/*"] if sbin else []), "share/man/man1/**"]),
                If("win", ["Library/bin/*.exe"]),
            ],
            "exclude": [If("unix", ["bin/*-config"])],
        }
    raise ValueError(role)


def public_headers(tree: SourceTree, project: Project) -> list[str]:
    """Installed header paths (relative to include/): from install(FILES ...), else guessed
    from the source's include/ folder."""
    if project.public_headers:
        ranked = sorted(
            dict.fromkeys(project.public_headers),
            key=lambda p: (PurePosixPath(p).stem.lower() != project.name.lower(), p.count("/"), p),
        )
        return ranked[:1]
    prefixes = ["include/"]
    if project.source_dir not in ("", "."):
        prefixes.insert(0, project.source_dir.rstrip("/") + "/include/")
    for prefix in prefixes:
        found = sorted(
            p[len(prefix) :]
            for p in tree.paths
            if p.startswith(prefix)
            and p.endswith((".h", ".hpp", ".hh", ".hxx"))
            and "detail" not in p
            and "internal" not in p
        )
        if found:
            found.sort(key=lambda p: (PurePosixPath(p).stem.lower() != project.name.lower(), p.count("/"), p))
            return found[:1]
    if not project.header_only:
        return []  # a compiled library's headers may go to a versioned folder (json-glib-1.0/)
    own = project.name.lower()  # a header-only project's folder named after it (glm/glm.hpp)
    return sorted(p for p in tree.paths if p.lower() in (f"{own}/{own}.h", f"{own}/{own}.hpp"))[:1]


def main_library(project: Project) -> Library | None:
    libs = [lib for lib in project.compiled_libraries if lib.kind != "module"]
    if not libs:
        return None
    wanted = conda_name(project.name).removeprefix("lib")
    for lib in libs:
        if conda_name(lib.output_name).removeprefix("lib") == wanted:
            return lib
    return libs[0]


def _file_stem(lib: Library) -> str:
    """What follows `lib` in the installed file name (CMake/Meson add the `lib` prefix on unix)."""
    return lib.output_name.removeprefix("lib")


def tests_for(role: str, project: Project, headers: list[str]) -> list[Test]:
    lib = main_library(project)
    stem = _file_stem(lib) if lib else ""
    test = ContentsTest()
    if role == RUNTIME and stem:
        test.exists = [If("linux", f"lib/lib{stem}.so.*"), If("osx", f"lib/lib{stem}.*.dylib")]
        test.not_exists = [If("unix", f"lib/lib{stem}.a")]
        if headers:
            test.not_exists.append(If("unix", f"include/{headers[0]}"))
    elif role == DEVEL:
        test.include = list(headers)
        if stem:
            test.lib = [If("unix", stem)]
            test.not_exists = [If("unix", f"lib/lib{stem}.a")]
    elif role == HEADERS and headers:
        test.include = list(headers)
    elif role == HEADERS:  # which headers is not known (Eigen/Core has no extension): some are installed
        test.exists = [If("unix", "include/**"), If("win", "Library/include/**")]
    elif role == STATIC and stem:
        test.exists = [If("unix", f"lib/lib{stem}.a")]
        if headers:
            test.not_exists = [If("unix", f"include/{headers[0]}")]
    elif role == TOOLS and any(project.programs):
        test.bin = sorted(e for e in project.programs if e and e not in project.sbin)[:3]
        test.exists = [If("unix", f"sbin/{e}") for e in sorted(project.sbin)[: 3 - len(test.bin)]]
    if role == RUNTIME and not stem:  # the library's name is not known: any versioned shared object
        test.exists = [If("linux", "lib/lib*.so.*"), If("osx", "lib/lib*.*.dylib")]
    return [test] if test else []


# --- source and about ----------------------------------------------------------------------------


def source_section(tree: SourceTree, version: str, recipe_dir: str | None) -> tuple[Source, list[str]]:
    notes: list[str] = []
    if tree.url:
        url = tree.url.replace(version, "${{ version }}") if version else tree.url
        return Source(url=url, sha256=tree.sha256), notes
    # Relative to the folder the recipe is written to; as given when printed (--stdout).
    if recipe_dir:
        path = os.path.relpath(os.path.abspath(tree.local_path), recipe_dir).replace(os.sep, "/")
    else:
        path = tree.local_path.replace(os.sep, "/")
    notes.append(
        "source is a local path: replace it with the upstream release URL and its sha256 "
        "before submitting to conda-forge"
    )
    return Source(path=path, sha256=tree.sha256), notes


def project_urls(url: str) -> dict[str, str]:
    """homepage (and repository, on a code forge) of a download URL; nothing for mirrors."""
    from recipegen.generators.cxx.about import forge_repository, is_mirror

    repo = forge_repository(url)
    if repo:
        return {"homepage": repo, "repository": repo}
    m = re.match(r"^(https?://[^/]+)/", url)
    if m and not is_mirror(url):
        return {"homepage": m.group(1)}
    return {}


def _homepage(tree: SourceTree, project: Project) -> tuple[dict[str, Any], list[str]]:
    """homepage/repository: the download URL, the build files (CMake HOMEPAGE_URL, AC_INIT's URL
    and bug-report address), a checkout's git remote, pkg-config/meson URL, the README."""
    from recipegen.generators.cxx import about as described

    found: dict[str, Any] = dict(project_urls(tree.url)) if tree.url else {}
    if "homepage" in found:
        return found, []
    for url in [project.homepage, *project.urls]:
        if url and not described.is_mirror(url):
            repo = described.forge_repository(url)
            if url == project.homepage or repo:
                # the repository for a forge URL, also libdwarf's HOMEPAGE_URL ".../libdwarf-code.git"
                own_page = url == project.homepage and not (repo and url.endswith(".git"))
                return {
                    "homepage": url if own_page else repo,
                    **({"repository": repo} if repo else {}),
                }, []
            if page := described.page_of(url, project.name):
                return {"homepage": page}, [f"about.homepage taken from the bug-report address {url}: check it"]
    remote = tree.extra.get("git_remote", "")
    if remote:
        return {"homepage": remote, "repository": remote, **project_urls(remote)}, [
            f"about.homepage taken from the git remote ({remote})"
        ]
    label = archive_version(tree.archive_name or os.path.basename(tree.label.rstrip("/")))[0]
    url, where = described.homepage_from_sources(tree.texts, project.name, project.root_dir, label)
    if url:
        repo = described.forge_repository(url)
        return {"homepage": url, **({"repository": repo} if repo else {})}, [
            f"about.homepage taken from {where}: check it"
        ]
    return {}, []


def described_about(tree: SourceTree, project: Project) -> tuple[dict[str, Any], list[str]]:
    """homepage/repository and summary from what the source says, with notes naming where from:
    the download URL, the build files (CMake HOMEPAGE_URL/DESCRIPTION, AC_INIT URL), a local
    checkout's git remote, a pkg-config template or meson `pkgconfig.generate` description, the
    README. Fields nobody says stay out (the command then asks for them)."""
    from recipegen.generators.cxx import about as described

    about, notes = _homepage(tree, project)
    if project.description:
        about["summary"] = project.description
        return about, notes
    summary, where = described.meson_pkgconfig_description(tree.texts)
    if not summary:
        summary, where = described.pkg_config_description(tree.texts, project.name)
    if not summary:
        prefix = "" if project.root_dir in ("", ".") else project.root_dir + "/"
        where = described.readme_file(tree.texts, prefix) or described.readme_file(tree.texts)
        summary = described.readme_summary(tree.texts[where], project.name) if where else ""
        where = f"the first sentence of {where}"
    if summary:
        about["summary"] = summary
        notes.append(f"about.summary taken from {where}: check it")
    return about, notes


def license_section(tree: SourceTree, project: Project) -> tuple[dict[str, Any], list[str], str]:
    """(about.license / license_file, notes, error line) from the licence files (license_files.py);
    meson's `project(license:)` wins when it is a valid SPDX expression."""
    from recipegen.generators.cxx.license_files import Programs, find_license

    from recipegen.licenses import check_expression
    from recipegen.licensing.expressions import expression_ids, replace_deprecated

    programs = Programs(bool(project.executables), tree.source_heads, frozenset(tree.programs))
    found = find_license(tree.texts, project.root_dir, project.name, programs)
    about: dict[str, Any] = {}
    error = found.error
    if project.license and check_expression(project.license).valid:
        # meson's `license: 'LGPL-2.1+'` is a deprecated id rattler-build refuses; a bare GNU id
        # takes the -only/-or-later the licence files state for the same licence
        stated = expression_ids(found.expression) if found.expression else []
        about["license"] = replace_deprecated(
            project.license,
            lambda old, new: next((i for i in stated if i.startswith(new.rsplit("-", 1)[0] + "-")), None),
        )
        error = ""
    elif found.expression:
        about["license"] = found.expression
    if found.files:
        about["license_file"] = found.files if len(found.files) > 1 else found.files[0]
    return about, found.notes, error


# --- the recipe ----------------------------------------------------------------------------------


@dataclass
class _Parts:
    """What both recipe shapes (split outputs, single headers package) are made of."""

    name: str
    source: Source
    about: About
    script: Any
    skip: list[str]
    build: list[Any]
    host: list[Req]
    headers: list[str]
    notes: list[str]
    errors: list[str]


def _parts(
    tree: SourceTree,
    project: Project,
    static: bool,
    recipe_dir: str | None,
    overrides: dict[str, str],
) -> _Parts:
    notes = list(project.notes)
    script, unix_only = build_script(project, static, tree.paths)
    license_about, license_notes, license_error = license_section(tree, project)
    copyleft_ok = bool(re.search(r"\b(A|L)?GPL-", license_about.get("license", "") or overrides.get("license", "")))
    host, host_notes, tools = host_requirements(project, copyleft_ok)
    build = build_requirements(project, unix_only) + list(tools)
    notes += host_notes
    if not re.search(r"--version|project\(VERSION\)|meson project|AC_INIT|CMake variable", project.version_source):
        notes.append(f"version {project.version} taken from the {project.version_source}")
    source, source_notes = source_section(tree, project.version, recipe_dir)
    about, about_notes = described_about(tree, project)
    about.update(license_about)
    about.update({k: v for k, v in overrides.items() if v})
    errors = [license_error] if license_error and not overrides.get("license") else []
    skip = ["win"] if unix_only else []
    needed_on_linux = linux_only_required(host)
    if needed_on_linux:
        skip = ["not linux"]
        notes.append(
            f"{', '.join(needed_on_linux)}: Linux only on conda-forge and required: macOS and Windows are skipped"
        )
    elif unix_only:
        notes.append(f"{project.build_system} build: Windows is skipped (it needs an MSYS2/MSVC port)")
    elif project.build_system == AUTOTOOLS:
        notes.append("Windows builds with upstream's CMake files (as conda-forge's curl and libxml2 recipes do)")
    return _Parts(
        name=conda_name(project.name),
        source=source,
        about=About.of(about),
        script=script,
        skip=skip,
        build=[b for i, b in enumerate(build) if not isinstance(b, str) or b not in build[:i]],
        host=host,
        headers=public_headers(tree, project),
        notes=notes + source_notes + about_notes + license_notes,
        errors=errors,
    )


def build_cxx_recipe(
    tree: SourceTree,
    project: Project,
    *,
    static: bool = False,
    maintainers: tuple[str, ...] = (),
    recipe_dir: str | None = None,
    about_overrides: dict[str, str] | None = None,
) -> Recipe:
    if not project.version:
        raise GenerationError(
            f"{tree.label}: cannot tell the version from the build files, headers or archive name; pass --version"
        )
    parts = _parts(tree, project, static, recipe_dir, about_overrides or {})
    extra = recipe_maintainers(maintainers)
    if project.header_only:
        recipe = _headers_recipe(project, parts, extra)
    else:
        recipe = _split_recipe(project, parts, static, extra)
    recipe.about_from = f"the source ({tree.label})"
    return recipe


def _headers_recipe(project: Project, parts: _Parts, extra: Extra) -> Recipe:
    name = output_names(parts.name)[HEADERS]
    compilers = [lang for lang in ("c", "cxx") if lang in project.languages]
    requirements = Requirements(
        build=parts.build,
        host=parts.host,
        ignore_run_exports={
            "from_package": [f"${{{{ (compiler('{lang}') | split(' '))[0] }}}}" for lang in compilers]
            + ["${{ (stdlib('c') | split(' '))[0] }}"]
        },
    )
    requirements.comment(
        "ignore_run_exports",
        above="header-only: the compilers are only used to configure; their run-time libraries are not needed",
    )
    return Recipe(
        folder=name,
        name=name,
        context={"version": project.version},
        source=[parts.source],
        build=Build(skip=parts.skip, script=parts.script),
        requirements=requirements,
        tests=tests_for(HEADERS, project, parts.headers),
        about=parts.about,
        extra=extra,
        notes=parts.notes,
        errors=parts.errors,
    )


def _static_notes(project: Project, static: bool) -> list[str]:
    static_targets = [lib.target for lib in project.compiled_libraries if lib.kind == "static"]
    if not static_targets or static:
        return []
    if not [lib for lib in project.compiled_libraries if lib.kind not in ("static", "module")]:
        return [
            "upstream builds only static libraries: conda-forge wants shared ones (CFEP-18); "
            "patch the build or pass --static"
        ]
    if not _static_switch(project):
        return [
            f"upstream always builds static archives too ({', '.join(static_targets)}): no output "
            "packages them (CFEP-18); delete them at the end of the build script"
        ]
    return []


def pin_width(project: Project) -> tuple[str, str]:
    """The run_exports upper bound, and why: from the library's CMake SOVERSION compared with the
    version, as `recipegen split` compares a SONAME (cmark's SOVERSION is major.minor.patch: every
    release breaks the ABI, `x.x.x`); without a SOVERSION of two or three parts `x`."""
    from recipegen.generators.split.outputs import release_numbers, width_from_abi

    lib = main_library(project)
    soversion = lib.soversion if lib else ""
    if re.fullmatch(r"\d+(\.\d+){1,2}", soversion):  # a one-number SOVERSION: the default below
        width, how = width_from_abi([int(n) for n in soversion.split(".")], release_numbers(project.version))
        return width, f"upper_bound='{width}': SOVERSION {soversion}, release {project.version}: {how}"
    return "x", (
        "upper_bound='x' assumes the SONAME changes only with the major version; check the "
        "library's ABI policy (recipegen split on a built package measures it)"
    )


def _split_recipe(project: Project, parts: _Parts, static: bool, extra: Extra) -> Recipe:
    name = parts.name
    names = output_names(name)
    roles = [RUNTIME, DEVEL] + ([STATIC] if static else []) + ([TOOLS] if project.programs else [])
    staging = f"{name}-build"
    outputs = [
        staging_output(
            staging,
            Requirements(build=parts.build, host=parts.host),
            parts.script,
            above="build once: shared libraries on, static " + ("on" if static else "off (CFEP-18)") + ", tests off",
        )
    ]
    width, why = pin_width(project)
    for role in roles:
        requirements = relations(role, names, roles, width)
        if role == RUNTIME:
            requirements.comment("run_exports", above=why)
        outputs.append(
            package_output(
                names[role],
                role,
                staging=staging,
                files=output_files(role, bool(project.sbin)),
                requirements=requirements,
                tests=tests_for(role, project, parts.headers),
                summary=SUMMARIES[role].format(name=name),
            )
        )
    return multi_output(
        name,
        outputs,
        extra=extra,
        context={"version": project.version},
        source=[parts.source],
        build=Build(skip=parts.skip),
        about=parts.about,
        notes=parts.notes + _static_notes(project, static),
        errors=parts.errors,
    )
