"""Reading CMake projects: what the configure step would define, by imitating it (cmake_interp).

Read: project(... VERSION ... LANGUAGES ... DESCRIPTION ... HOMEPAGE_URL ...), option() and
cmake_dependent_option() defaults (through variables), add_library(), add_executable(),
install(TARGETS ...), OUTPUT_NAME, find_package(), pkg_check_modules()/pkg_search_module(),
including those inside the project's own functions and macros. Commands that run under a
condition about tests/examples/benchmarks, or in files under such folders, count as test-only.
A branch that does not run on the configure the recipe does (an option OFF by default) is
scanned for the dependencies it would add, so a note can name the option.
"""

from __future__ import annotations

import itertools
import posixpath
import re
from pathlib import PurePosixPath

from recipegen.generators.cxx.cmake_interp import (
    IMPORTED_TARGET,
    TEST_DIRS,
    VENDORED_DIRS,
    Context,
    Interpreter,
    in_test_dir,
    platform,
    subdirs_built,
)
from recipegen.generators.cxx.cmake_syntax import Command, IfBlock, LoopBlock, Statement, parse_blocks, tokenize
from recipegen.generators.cxx.cmake_values import Budget, BudgetExhausted, is_unknown, value_truth
from recipegen.generators.cxx.model import CMAKE, Dependency, Library, Option, Project
from recipegen.generators.cxx.options import script_value

__all__ = ["TEST_DIRS", "VENDORED_DIRS", "read_cmake", "tokenize"]

TESTISH = re.compile(r"TEST|EXAMPLE|DEMO|BENCH|FUZZ|DOC|SAMPLE", re.I)
INSTALL_TARGET_KEYWORDS = {
    "EXPORT",
    "RUNTIME",
    "LIBRARY",
    "ARCHIVE",
    "DESTINATION",
    "INCLUDES",
    "PUBLIC_HEADER",
    "COMPONENT",
    "FILE_SET",
    "BUNDLE",
    "FRAMEWORK",
    "OBJECTS",
    "CXX_MODULES_BMI",
}
MAX_SHADOW_FILES = 200
# extra-cmake-modules' modules, which include its QtVersionOption (ECM 5.82 and later)
ECM_MODULE = re.compile(r"(?:KDE|ECM)\w+$|QtVersionOption$")
FIND_PACKAGE_KEYWORDS = {
    "REQUIRED",
    "QUIET",
    "CONFIG",
    "MODULE",
    "NO_MODULE",
    "EXACT",
    "COMPONENTS",
    "OPTIONAL_COMPONENTS",
    "GLOBAL",
    "NO_POLICY_SCOPE",
    "BYPASS_PROVIDER",
}


def _find_library_names(args: list[str]) -> list[str]:
    """The names find_library(VAR ...) looks for: the short form's one name, or every name before
    and after NAMES (CMake reads both: cppdb's `find_library(ODBC_LIB odbc NAMES odbc32)`)."""
    if "NAMES" not in args:
        return args[1:2]
    at = args.index("NAMES")

    def until_keyword(items: list[str]) -> list[str]:
        return list(itertools.takewhile(lambda n: n not in FIND_LIBRARY_KEYWORDS, items))

    return until_keyword(args[1:at]) + until_keyword(args[at + 1 :])


# FindOpenGL's variables and targets that carry the GLU library
GLU_LINK = re.compile(r"\$\{OPENGL_LIBRARIES\}|\$\{OPENGL_glu_LIBRARY\}|\bOpenGL::GLU\b")


# the keywords after find_library's names (CMake's find_library signature)
FIND_LIBRARY_KEYWORDS = frozenset(
    [
        "NAMES_PER_DIR",
        "HINTS",
        "PATHS",
        "PATH_SUFFIXES",
        "DOC",
        "REQUIRED",
        "NO_DEFAULT_PATH",
        "NO_CACHE",
        "REGISTRY_VIEW",
        "ENV",
        "NO_PACKAGE_ROOT_PATH",
        "NO_CMAKE_PATH",
        "NO_CMAKE_ENVIRONMENT_PATH",
        "NO_SYSTEM_ENVIRONMENT_PATH",
        "NO_CMAKE_SYSTEM_PATH",
        "CMAKE_FIND_ROOT_PATH_BOTH",
        "ONLY_CMAKE_FIND_ROOT_PATH",
        "NO_CMAKE_FIND_ROOT_PATH",
    ]
)


class ProjectReader(Interpreter):
    """The interpreter plus the commands that describe the project."""

    def __init__(
        self,
        texts: dict[str, str],
        paths: list[str],
        source_dir: str,
        budget: Budget | None = None,
        keep: frozenset[str] = frozenset(),
    ):
        super().__init__(texts, paths, source_dir, budget)
        self.keep = keep  # switches the build script leaves at their default (options.EXAMPLES_OPTION)
        self.project = Project(build_system=CMAKE, source_dir=source_dir)
        self.installed: set[str] = set()
        # name, test-only: behind a tests/examples switch (the script turns it off) or vendored;
        # a program of a samples/examples folder the build adds anyway counts when it is installed
        self.executables: list[tuple[str, bool]] = []
        self.program_folders: set[str] = set()  # test/example folders that install a program anyway
        self.found_by_modules: set[int] = set()  # ZLIB of FindPNG: kept only if the project uses it
        self.ecm_major = 5  # find_package(ECM <version>)'s major version
        self.libraries: list[Library] = []
        self.output_names: dict[str, str] = {}
        self.soversions: dict[str, str] = {}
        self.languages: set[str] = set()
        self.handlers.update(
            {
                "project": self.cmd_project,
                "cmake_minimum_required": self.cmd_minimum_required,
                "enable_language": self.cmd_enable_language,
                "add_library": self.cmd_add_library,
                "add_executable": self.cmd_add_executable,
                "install": self.cmd_install,
                "set_target_properties": self.cmd_target_properties,
                "set_property": self.cmd_set_property,
                "find_package": self.cmd_find_package,
                "pkg_check_modules": self.cmd_pkg_modules,
                "pkg_search_module": self.cmd_pkg_modules,
                "_pkg_check_modules_internal": self.cmd_pkg_internal,
                "check_library_exists": self.cmd_check_library,
                "find_library": self.cmd_find_library,
                "target_link_libraries": self.cmd_link_libraries,
                "include": self.cmd_include_module,
            }
        )
        self.results: dict[int, tuple[str, ...]] = {}  # what a live check sets, by id(Dependency)
        self.installs_anything = False
        self.programs: list[str] = []  # install(PROGRAMS ...) into a bin folder

    def testish(self, ctx: Context) -> bool:
        return ctx.test_dir or self.switched_to_tests(ctx)

    def switched_to_tests(self, ctx: Context) -> bool:
        """Does a condition around `ctx` need a tests/examples switch the script turns off?"""
        return any(_testish(c, self.keep) for c in ctx.conditions)

    # --- options ---------------------------------------------------------------------------------

    def declare_option(self, name: str, default: str | tuple[str, ...], description: str) -> None:
        if is_unknown(name):
            return
        forced = None if name in self.keep else script_value(name)
        if forced is not None and name not in self.forced:
            self.force(name, forced)
        values = default if isinstance(default, tuple) else (default,)
        shown = "UNKNOWN" if len(values) != 1 or is_unknown(values[0]) else values[0].upper()
        self.project.options.setdefault(name, Option(name, shown, description, kept=name in self.keep))
        super().declare_option(name, default, description)

    def option_is_off(self, name: str) -> bool:
        if name not in self.project.options:
            return False
        value = self.lookup(name)
        return value is not None and all(value_truth(v) is False for v in value)

    # --- project ---------------------------------------------------------------------------------

    def cmd_minimum_required(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context):
        """`cmake_minimum_required(VERSION 2.8.5)`: the lowest policy version asked for; of a range
        (`VERSION 2.4.4...3.15.0`, zlib's) CMake takes the upper end's policies."""
        at = args.index("VERSION") + 1 if "VERSION" in args else len(args)
        m = re.match(r"\d+(?:\.\d+)*", args[at].rpartition("...")[2]) if at < len(args) else None
        if m and (not self.project.cmake_minimum or version_key(m.group(0)) < version_key(self.project.cmake_minimum)):
            self.project.cmake_minimum = m.group(0)

    def cmd_project(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if not args:
            return
        name = args[0]
        version = _project(self.project, args, self.languages, first=not self.project.name)
        top = "ON" if not self.project.name or self.project.name == name else "OFF"
        for var, value in (("PROJECT_NAME", name), ("PROJECT_IS_TOP_LEVEL", top), (f"{name}_IS_TOP_LEVEL", top)):
            self.set_var(var, (value,))
        if not self.project.name:
            self.set_var("CMAKE_PROJECT_NAME", (name,))
        for var in ("PROJECT_SOURCE_DIR", f"{name}_SOURCE_DIR"):
            self.set_var(var, (ctx.folder,))
        if version:
            parts = version.split(".")
            for prefix in ("PROJECT", name):
                self.set_var(f"{prefix}_VERSION", (version,))
                for index, suffix in enumerate(("MAJOR", "MINOR", "PATCH", "TWEAK")):
                    self.set_var(f"{prefix}_VERSION_{suffix}", (parts[index] if index < len(parts) else "",))

    def cmd_enable_language(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        self.languages |= {_language(a) for a in args if _language(a)}

    # --- targets ---------------------------------------------------------------------------------

    def cmd_add_library(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if not args or is_unknown(args[0]):
            return
        self.targets[args[0]] = "library"
        if "EXCLUDE_FROM_ALL" in args[1:]:
            self.excluded_targets.add(args[0])
        lib = _library(args)
        if lib and not self.testish(ctx) and not ctx.vendored:
            self.libraries.append(lib)
            self._needed_by_library(ctx)

    def _needed_by_library(self, ctx: Context) -> None:
        """An optional package whose result guards the library's add_library() is needed to build
        it (gl2ps: `if(OPENGL_FOUND) add_library(lib STATIC ...)`): not optional."""
        words = {
            m.group(2).upper()
            for condition in ctx.conditions
            for m in re.finditer(r"(\bNOT\s+)?\b([A-Za-z_][\w:]*)", condition)
            if not m.group(1)
        }
        for dep in self.project.dependencies:
            results = self.results.get(id(dep))
            if dep.optional and results and any(_reads(word, results) for word in words):
                dep.optional = False

    def cmd_add_executable(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if not args or is_unknown(args[0]):
            return
        self.targets[args[0]] = "executable"
        if "EXCLUDE_FROM_ALL" in args[1:]:
            self.excluded_targets.add(args[0])
        if "IMPORTED" not in args and "ALIAS" not in args:
            switched = self.switched_to_tests(ctx)
            self.executables.append((args[0], switched or ctx.vendored))

    def cmd_install(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if not args:
            return
        project = self.project
        self.installs_anything = True
        if args[0] == "TARGETS":
            for a in args[1:]:
                if a in INSTALL_TARGET_KEYWORDS:
                    break
                self.installed.add(a)
                if self.targets.get(a) == "executable" and ctx.test_dir and not self.switched_to_tests(ctx):
                    self.program_folders.add(str(PurePosixPath(cmd.file).parent))
        elif args[0] == "PROGRAMS" and not self.testish(ctx) and not ctx.vendored:
            self._installed_programs(args)
        elif args[0] in ("FILES", "DIRECTORY") and any("include" in a.lower() for a in args[1:]):
            project.installs_headers = True
            if args[0] == "FILES" and "DESTINATION" in args:
                self._public_headers(args)
        if "PUBLIC_HEADER" in args or "FILE_SET" in args:
            project.installs_headers = True

    def _installed_programs(self, args: list[str]) -> None:
        """install(PROGRAMS <files> DESTINATION <...>bin): programs or scripts the build installs
        as they are (portmidi's pmdefaults, a foo-config script)."""
        if "DESTINATION" not in args or args.index("DESTINATION") + 1 >= len(args):
            return
        destination = args[args.index("DESTINATION") + 1]
        if not re.search(r"(?:^|[/{_])s?bin(?:dir)?\}?$", destination, re.I):
            return
        for item in args[1 : args.index("DESTINATION")]:
            name = PurePosixPath(item).name
            # a program or a foo-config script, not a shell snippet (gflags' gflags_completions.sh)
            if name and "." not in name and "${" not in name and "$<" not in name and not is_unknown(name):
                self.programs.append(name)

    def _public_headers(self, args: list[str]) -> None:
        """Header names of install(FILES ... DESTINATION <...>/include[/sub])."""
        destination = args[args.index("DESTINATION") + 1] if args.index("DESTINATION") + 1 < len(args) else ""
        sub = re.split(r"include(?:dir|_dir|DIR)?\}?", destination, maxsplit=1, flags=re.I)
        subdir = sub[1].strip("/") if len(sub) > 1 else ""
        if "${" in subdir or is_unknown(subdir):
            return
        for item in args[1 : args.index("DESTINATION")]:
            name = PurePosixPath(item).name
            if name.endswith((".h", ".hpp", ".hh", ".hxx")) and "${" not in name and not is_unknown(name):
                self.project.public_headers.append(f"{subdir}/{name}" if subdir else name)

    def cmd_target_properties(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context):
        if "PROPERTIES" not in args:
            return
        targets = args[: args.index("PROPERTIES")]
        props = args[args.index("PROPERTIES") + 1 :]
        for key, value in zip(props[::2], props[1::2]):
            if key in ("OUTPUT_NAME", "SOVERSION") and not is_unknown(value):
                for target in targets:
                    (self.output_names if key == "OUTPUT_NAME" else self.soversions)[target] = value

    def cmd_set_property(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if args[:1] == ["TARGET"] and "PROPERTY" in args:
            at = args.index("PROPERTY")
            if args[at + 1 : at + 2] == ["OUTPUT_NAME"] and len(args) > at + 2 and not is_unknown(args[at + 2]):
                for target in args[1:at]:
                    self.output_names[target] = args[at + 2]

    # --- dependencies ----------------------------------------------------------------------------

    def cmd_find_package(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        if not args or is_unknown(args[0]):
            return
        if "NAMES" in args[1:-1] and not is_unknown(args[args.index("NAMES") + 1]):
            # kdsingleapplication's `find_package(QT NAMES Qt6 REQUIRED)`: the package is Qt6, and
            # QT_VERSION_MAJOR its version's major number (then `find_package(Qt${QT_VERSION_MAJOR} ...)`)
            found = args[args.index("NAMES") + 1]
            major = re.search(r"(\d+)$", found)
            if major:
                self.set_var(f"{args[0]}_VERSION_MAJOR", (major.group(1),))
            args = [found, *args[1:]]
        if "REQUIRED" in args:
            self._found_when_required(args)
        major = re.match(r"\d+", args[1]) if args[0] == "ECM" and len(args) > 1 else None
        if major:
            self.ecm_major = int(major.group(0))
        if self._run_own_find_module(args[0], ctx, "REQUIRED" in args):
            return
        self.add_dependency(args[0], "find_package", "REQUIRED" not in args, self.testish(ctx), cmd, "", args[1:])
        self._results_of_find_package(args[0])
        for also in platform().get("finds_also", {}).get(args[0].upper(), ()):
            # CMake's FindPNG finds ZLIB: needed when the project uses ZLIB's results itself
            self.add_dependency(also, "find_package", True, self.testish(ctx), cmd, "")
            self._results_of_find_package(also)
            self.found_by_modules.add(id(self.project.dependencies[-1]))

    def _results_of_find_package(self, package: str) -> None:
        """What the last dependency's find_package sets: <NAME>_FOUND, _LIBRARIES ..., <Name>:: targets."""
        name = package.upper()
        # a config package's targets may carry its first word as namespace (VulkanHeaders: Vulkan::Headers)
        head = re.match(r"[A-Z][a-z0-9]+(?=[A-Z])", package)
        self.results[id(self.project.dependencies[-1])] = (
            *(f"{name}{suffix}" for suffix in RESULT_SUFFIXES),
            f"{name}::",
            *([f"{head.group(0).upper()}::"] if head else []),
        )

    def _found_when_required(self, args: list[str]) -> None:
        """After a REQUIRED find_package the build goes on only with the package found: its
        <Name>_FOUND and its components' (Qt5Core_FOUND, Boost_filesystem_FOUND) are TRUE, so
        qtkeychain's `if(Qt5Core_FOUND AND NOT BUILD_WITH_QT6) ... else() find_package(Qt6 ...)`
        takes one branch."""
        name = args[0]
        components = _components(args[1:])
        for variable in (name, name.upper(), *(f"{name}{c}" for c in components), *(f"{name}_{c}" for c in components)):
            self.set_var(f"{variable}_FOUND", ("TRUE",))

    def _run_own_find_module(self, name: str, ctx: Context, required: bool) -> bool:
        """A package the dependency map does not know, found by the project's own Find<Name>.cmake
        (libuvc's cmake/FindJpegPkg.cmake calls find_package(JPEG), then pkg_check_modules(JPEG
        libjpeg)): the module is read for what it looks for. True when it named something."""
        from recipegen.generators.cxx.depmap import known_dependency, map_dependency

        module = self.find_module_path(name)
        # only for a name no conda-forge package answers to (JpegPkg, NSS3, GTK): Ogg, Speex stay themselves
        if known_dependency(name) or map_dependency(name).conda or module is None or module in self.running_modules:
            return False
        before, read_before = len(self.project.dependencies), set(self.referenced)
        self.running_modules.add(module)
        try:
            self.run_file(module, ctx, new_scope=False)
        finally:
            self.running_modules.discard(module)
            self.referenced &= read_before  # the module reading its own results is no use of them
        found = [d for d in self.project.dependencies[before:] if map_dependency(d.name).conda]
        outer = name.upper()  # what the caller reads: SPEEX_FOUND, Speex::Speex
        for dep in found:
            dep.optional = dep.optional and not required  # find_package(Argtable REQUIRED): what its module looks for
            own = self.results.get(id(dep), ())
            self.results[id(dep)] = (*own, *(f"{outer}{suffix}" for suffix in RESULT_SUFFIXES), f"{outer}::")
        # named a package (not only PkgConfig or Threads, which the module uses to look)
        return bool(found)

    def cmd_include_module(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        """include(FindZLIB) of a CMake find module the project does not ship is find_package(ZLIB)
        (libmysofa's); any other include() is read as it is."""
        # (or CMake's own module by its path: libclaw's `include(${CMAKE_ROOT}/Modules/FindJPEG.cmake)`)
        found = re.fullmatch(r"(?:.*/Modules/)?Find(\w+?)(?:\.cmake)?", args[0]) if args else None
        if found is None or self.module_path(args[0], ctx.folder):
            if args and ECM_MODULE.match(args[0]) and not self.module_path(args[0], ctx.folder):
                self._qt_version_option()
            self.cmd_include(cmd, args, alternatives, ctx)
            return
        self.cmd_find_package(cmd, [found.group(1)], alternatives, ctx)

    def _qt_version_option(self) -> None:
        """What extra-cmake-modules' QtVersionOption does for its modules (KDEInstallDirs ...):
        QT_MAJOR_VERSION, when not set, is 5 (BUILD_WITH_QT6 off) with ECM 5, 6 with ECM 6 (attica's
        `find_package(Qt${QT_MAJOR_VERSION} ... Core Network)`)."""
        if self.lookup("QT_MAJOR_VERSION") is None:
            self.set_var("QT_MAJOR_VERSION", ("6" if self.ecm_major >= 6 else "5",))

    def cmd_check_library(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        """check_library_exists(LIB FUNCTION LOCATION VARIABLE): leveldb's snappy."""
        if len(args) < 4:
            return
        self.set_unknown(args[3:4])
        if not re.fullmatch(r"[A-Za-z][\w.+-]*", args[0]):
            return  # a list of libraries (curl's check_library_exists_concat) or unknown
        self.add_dependency(args[0], "check_library_exists", True, self.testish(ctx), cmd, "")
        self.results[id(self.project.dependencies[-1])] = (args[3].upper(),)

    def cmd_find_library(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        """find_library(VAR NAMES lz4 liblz4 ...): a library the dependency map knows (libarchive's
        lz4, iconv); other names (platform and helper libraries) are not read as dependencies, but
        in the project's own Find module of a package the map does not know, a conda-forge
        package's link name is (libjson-rpc-cpp's FindArgtable.cmake: `NAMES argtable2`)."""
        from recipegen.generators.cxx.depmap import known_dependency, map_dependency

        self.unmodelled(cmd, args)
        if len(args) < 2:
            return
        names = [n for n in _find_library_names(args) if re.fullmatch(r"[A-Za-z][\w.+-]*", n)]
        # the first name the map knows: libsbml's `NAMES libxml2s xml2s libxml2.lib xml2`
        known = [n for n in names if known_dependency(n)]
        if not known and self.running_modules:
            known = [n for n in names if map_dependency(n, link_name=True).conda]
        if known:
            self.add_dependency(known[0], "find_library", "REQUIRED" not in args, self.testish(ctx), cmd, "")
            self.results[id(self.project.dependencies[-1])] = (args[0].upper(),)

    def cmd_link_libraries(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        """target_link_libraries(TARGET ... asound): a bare library name the dependency map knows
        (portmidi's `set(PM_NEEDED_LIBS pthread asound)`); targets, paths, flags and imported
        targets are not read here."""
        from recipegen.generators.cxx.depmap import known_dependency

        self.unmodelled(cmd, args)
        if not args or self.targets.get(args[0]) is None:
            return
        opengl = [d for d in self.project.dependencies if d.name == "OpenGL" and d.via == "find_package"]
        if opengl and any(GLU_LINK.search(raw) for raw in cmd.args[1:]):
            # FindOpenGL's OPENGL_LIBRARIES holds GLU too (ftgl links it; libwebp's optional viewer)
            self.add_dependency("GLU", "target_link_libraries", opengl[0].optional, self.testish(ctx), cmd, "")
        for item in args[1:]:
            name = item.removeprefix("-l")
            if item in LINK_KEYWORDS or name in self.targets or not re.fullmatch(r"[A-Za-z][\w.+-]*", name):
                continue
            if known_dependency(name):
                self.add_dependency(name, "target_link_libraries", False, self.testish(ctx), cmd, "")

    def cmd_pkg_modules(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        self.project.uses_pkg_config = True
        if len(args) < 2:
            return
        prefix = args[0].upper()
        for module in _pkg_modules(args[1:]):
            self.add_dependency(module, cmd.name, "REQUIRED" not in args, self.testish(ctx), cmd, "")
            # what the call sets: <PREFIX>_FOUND, _LIBRARIES, _LDFLAGS ..., and PkgConfig::<PREFIX>
            self.results[id(self.project.dependencies[-1])] = (
                *(f"{prefix}{suffix}" for suffix in (*RESULT_SUFFIXES, *PKG_CONFIG_SUFFIXES)),
                f"PKGCONFIG::{prefix}",
            )

    def cmd_pkg_internal(self, cmd: Command, args: list[str], alternatives: list[list[str]], ctx: Context) -> None:
        """FindPkgConfig's internal `_pkg_check_modules_internal(<required> <silent> [flags...] <prefix> <modules>)`,
        which projects' own macros call (lasi's pkg_check_pkgconfig): as pkg_check_modules."""
        flags = 0
        while flags < len(args) and args[flags].upper() in ("0", "1", "TRUE", "FALSE", "ON", "OFF", "YES", "NO", ""):
            flags += 1
        modules = [m for arg in args[flags + 1 :] for m in arg.split(";") if m]
        if not flags or not modules:
            return
        required = ["REQUIRED"] if args[0].upper() in ("1", "TRUE", "ON", "YES") else []
        self.cmd_pkg_modules(cmd, [args[flags], *required, *modules], alternatives, ctx)

    def add_dependency(
        self, name: str, via: str, optional: bool, test_only: bool, cmd: Command, off: str, rest: tuple | list = ()
    ) -> None:
        if name == "PkgConfig":
            self.project.uses_pkg_config = True
        where = f"{cmd.file}:{cmd.line}"
        components = _components(rest)
        self.project.dependencies.append(
            Dependency(name, via, optional, test_only, where, off_by_default=off, components=components)
        )

    # --- branches that do not run ----------------------------------------------------------------

    def shadow(self, body: list[Statement], head: Command, ctx: Context) -> None:
        """A branch that does not run: the dependencies it would add, with the OFF option that
        keeps it off (or as test-only); platform branches (WIN32, APPLE ...) are not noted."""
        words = re.findall(r"[A-Za-z_]\w*", " ".join(head.args))
        switches = [w for i, w in enumerate(words) if (i == 0 or words[i - 1] != "NOT") and self._switch_off(w)]
        off = switches[0] if switches else ""
        test_only = self.testish(ctx)
        self._dead_references(body, switched_off=bool(off or test_only))
        if off or test_only:
            self._shadow(body, off, test_only, ctx.folder)

    def _dead_references(self, body: list[Statement], switched_off: bool = False) -> None:
        """Names the statements of a branch that does not run read (for `_drop_unused`); also as read
        by switched-off code when an OFF option or a test switch keeps the branch out."""
        into = [self.dead_referenced, *([self.switched_off_referenced] if switched_off else [])]
        for statement in body:
            if len(self.dead_referenced) > 200_000:
                return
            if isinstance(statement, IfBlock):
                for head, branch in statement.branches:
                    self._words(head.args, into)
                    self._dead_references(branch, switched_off)
                self._dead_references(statement.otherwise or [], switched_off)
            elif isinstance(statement, LoopBlock):
                self._dead_references(statement.body, switched_off)
            elif isinstance(statement, Command):
                self._words(statement.args, into)

    def _words(self, args: list[str], into: list[set[str]]) -> None:
        for arg in args:
            words = {w.upper() for w in re.findall(r"[A-Za-z_][\w.+-]*(?:::)?", arg)}
            words |= {t.upper() for t in IMPORTED_TARGET.findall(arg)}  # PkgConfig::GTK3
            for names in into:
                names |= words

    def _switch_off(self, name: str) -> bool:
        """An option OFF by default, or a name not set yet (declared as an option later: zstd)."""
        if name in self.project.options:
            return self.option_is_off(name)
        return name.upper() == name and self.lookup(name) is None and not self.may_be_set(name)

    def _shadow(self, body: list[Statement], off: str, test_only: bool, folder: str) -> None:
        for statement in body:
            if isinstance(statement, IfBlock):
                for _, branch in statement.branches:
                    self._shadow(branch, off, test_only, folder)
                self._shadow(statement.otherwise or [], off, test_only, folder)
            elif isinstance(statement, LoopBlock):
                self._shadow(statement.body, off, test_only, folder)
            elif isinstance(statement, Command):
                self._shadow_command(statement, off, test_only, folder)

    def _shadow_command(self, cmd: Command, off: str, test_only: bool, folder: str) -> None:
        self.budget.step(f"{cmd.file}:{cmd.line}")
        if cmd.name not in ("find_package", "pkg_check_modules", "pkg_search_module", "add_subdirectory", "include"):
            if cmd.name == "subdirs":
                for sub in subdirs_built(self.expand_args(cmd, f"{cmd.file}:{cmd.line}")[0]):
                    self._shadow_command(Command("add_subdirectory", [sub], cmd.line, cmd.file), off, test_only, folder)
            return
        args = self.expand_args(cmd, f"{cmd.file}:{cmd.line}")[0]
        if not args or is_unknown(args[0]):
            return
        if cmd.name == "find_package":
            self.add_dependency(args[0], cmd.name, "REQUIRED" not in args, test_only, cmd, off)
        elif cmd.name.startswith("pkg_") and len(args) > 1:
            for module in _pkg_modules(args[1:]):
                self.add_dependency(module, cmd.name, "REQUIRED" not in args, test_only, cmd, off)
        else:
            target = (
                posixpath.join(self.resolve(args[0], folder), "CMakeLists.txt")
                if cmd.name == "add_subdirectory"
                else self.module_path(args[0], folder)
            )
            if (
                target
                and target in self.texts
                and target not in self.shadowed
                and len(self.shadowed) < MAX_SHADOW_FILES
            ):
                self.shadowed.add(target)
                sub_test = test_only or in_test_dir(target)
                statements = parse_blocks(tokenize(self.texts[target], target))
                # qrencode's tests/: `target_link_libraries(decoder ICONV::ICONV)`; shadowed: off or test-only
                self._dead_references(statements, switched_off=True)
                self._shadow(statements, off, sub_test, posixpath.dirname(target) or ".")

    # --- result ----------------------------------------------------------------------------------

    def finish(self) -> Project:
        project = self.project
        installed = {lib.target for lib in self.libraries if lib.target in self.installed}
        headers_only = not self.installs_anything and any(lib.kind == "interface" for lib in self.libraries)
        project.installs_nothing = not self.installs_anything
        for lib in self.libraries:
            lib.output_name = self.output_names.get(lib.target, lib.output_name)
            lib.soversion = self.soversions.get(lib.target, lib.soversion)
            if lib.kind != "interface" and headers_only:
                continue  # nothing is installed but an interface target's headers (glm 0.9.9.8)
            if lib.kind != "interface" and installed and lib.target not in installed:
                continue  # a helper library the install rules leave out
            project.libraries.append(lib)
        self._programs_of_example_folders_need_theirs()
        self._drop_unused()
        self._keep_module_finds_used()
        self._x11_components()
        own = project.name.lower()
        project.dependencies = [
            d
            for d in project.dependencies
            if d.name.lower() != own and (not d.off_by_default or d.off_by_default in project.options or d.test_only)
        ]
        for dep in project.dependencies:
            if dep.off_by_default not in project.options:
                dep.off_by_default = ""
        project.executables = list(  # installed under their OUTPUT_NAME (cmark's `cmark_exe` is bin/cmark)
            dict.fromkeys(
                self.output_names.get(name, name)
                for name, testish in self.executables
                if name in self.installed and not testish
            )
            | dict.fromkeys(self.programs)
        )
        project.languages = self.languages
        project.notes.extend(self.budget.notes)
        if not project.version:
            self._version_from_variables()
        return project

    def _programs_of_example_folders_need_theirs(self) -> None:
        """A package an examples/ folder looks for is the installed programs' when that folder
        installs them (libam7xxx's am7xxx-play, bin/, with FFmpeg): not test-only."""
        for dep in self.project.dependencies:
            if dep.test_only and str(PurePosixPath(dep.where.rsplit(":", 1)[0]).parent) in self.program_folders:
                dep.test_only = False

    def _drop_unused(self) -> None:
        """Optional libraries found on the live path whose results (FOO_FOUND, FOO_LIBRARIES,
        Foo::Foo, the check's variable) no live command reads: only code behind options that are
        off uses them (libsndfile's Speex for ENABLE_EXPERIMENTAL), so the default build does not
        link them."""
        from recipegen.generators.cxx.depmap import map_dependency

        kept = []
        for dep in self.project.dependencies:
            results = self.results.get(id(dep))
            mapped = map_dependency(dep.name)
            # Boost's headers are used through its include dirs alone; its libraries may be linked by tests only
            links = tuple(r for r in results or () if r.endswith(LINK_VARIABLES))
            unused = (
                results is not None
                and dep.optional
                and not dep.test_only
                and not dep.off_by_default
                and not mapped.build
                and (
                    self._unread(results) or (not mapped.without_components and self._linked_dead_only(links, results))
                )
            )
            if unused:
                self.project.notes.append(
                    f"{dep.via}({dep.name}) at {dep.where} finds it, but only code the default build does not "
                    "run uses it: left out of host"
                )
                continue
            kept.append(dep)
        self.project.dependencies = kept

    def _keep_module_finds_used(self) -> None:
        """A package a CMake module finds for itself (FindPNG's ZLIB) counts when live code reads its
        results (libpano13's ${ZLIB_LIBRARIES}), not a status message (qrencode's ${ZLIB_FOUND})."""
        kept = []
        for dep in self.project.dependencies:
            if id(dep) in self.found_by_modules:
                results = self.results.get(id(dep), ())
                if not any(_reads(r, results) for r in self.referenced):
                    continue
                dep.optional = False  # required by the module that finds it
            kept.append(dep)
        self.project.dependencies = kept

    def _unread(self, results: tuple[str, ...]) -> bool:
        """Only code that does not run reads these results."""
        return (
            bool(results)
            and not any(_reads(r, results) for r in self.referenced)
            and any(_reads(r, results) for r in self.dead_referenced)
        )

    def _linked_dead_only(self, links: tuple[str, ...], results: tuple[str, ...]) -> bool:
        """Only code that does not run links the libraries (librsync's `target_link_libraries(rsync
        ${ZLIB_LIBRARIES})` under ENABLE_COMPRESSION, off), while live code only tests ZLIB_FOUND
        and adds ZLIB_INCLUDE_DIRS; no live code names an imported target of the package either."""
        targets = tuple(r for r in results if "::" in r)  # Foo::, PKGCONFIG::GTK3
        prefix = next((r.removesuffix("_FOUND") + "_" for r in results if r.endswith("_FOUND")), "")
        # libarchive's ${OPENSSL_CRYPTO_LIBRARY}: a per-library variable of the package, read live
        per_library = (
            any(r.startswith(prefix) and "LIB" in r[len(prefix) :] for r in self.referenced) if prefix else False
        )
        return (
            bool(links)
            and not per_library
            and not any(_reads(r, links + targets) for r in self.referenced)
            and any(_reads(r, links + targets) for r in self.switched_off_referenced)
        )

    def _x11_components(self) -> None:
        """The X11 libraries a project links through FindX11's per-library variables (freeglut's
        `LIST(APPEND LIBS ${X11_Xrandr_LIB})`): each is a package of its own on conda-forge."""
        from recipegen.generators.cxx.depmap import known_dependency

        found = [d for d in self.project.dependencies if d.name.upper() == "X11" and d.via == "find_package"]
        live = [d for d in found if not d.test_only and not d.off_by_default]
        if not live:
            return
        names = sorted({m.group(1) for r in self.referenced if (m := re.fullmatch(r"X11_(\w+?)_LIB(?:RARY)?", r))})
        for name in names:
            if name != "X11" and known_dependency(name):
                self.project.dependencies.append(Dependency(name, "FindX11", optional=True, where=live[0].where))

    def _version_from_variables(self) -> None:
        """A version the build files compute into <PROJECT>_VERSION (openjpeg) rather than project()."""
        name = self.project.name
        for variable in (f"{name.upper()}_VERSION", f"{name}_VERSION", "PROJECT_VERSION", "VERSION"):
            value = self.lookup(variable)
            if value and len(value) == 1 and re.fullmatch(r"\d+(\.\d+)+", value[0]):
                self.project.version, self.project.version_source = value[0], f"CMake variable {variable}"
                self.project.version_weight = 1  # computed: weaker than a stated project(VERSION)
                return


RESULT_SUFFIXES = ("_FOUND", "_LIBRARIES", "_LIBRARY", "_LIBS", "_INCLUDE_DIR", "_INCLUDE_DIRS", "_LINK_LIBRARIES")
PKG_CONFIG_SUFFIXES = ("_LDFLAGS", "_CFLAGS", "_LIBRARY_DIRS", "_CFLAGS_OTHER", "_LDFLAGS_OTHER")
LINK_VARIABLES = ("_LIBRARIES", "_LIBRARY", "_LIBS", "_LINK_LIBRARIES", "_LDFLAGS")  # what a link command reads


LINK_KEYWORDS = frozenset({"PUBLIC", "PRIVATE", "INTERFACE", "LINK_PUBLIC", "LINK_PRIVATE", "LINK_INTERFACE_LIBRARIES"})
LINK_KEYWORDS |= {"debug", "optimized", "general"}


def _reads(name: str, results: tuple[str, ...]) -> bool:
    """Does a name read what a check set (its variables, or one of its imported targets)?"""
    return name in results or any(r.endswith("::") and name.startswith(r) for r in results)


def _testish(condition: str, kept: frozenset[str] = frozenset()) -> bool:
    """True when a condition requires a tests/examples/benchmarks switch (not its negation); quoted
    text counts only for the variables it reads (asmjit's `"${target_type}" MATCHES "^(EXECUTABLE|TEST)$"`
    is about the target's kind); of alternatives joined by OR, each must (jsonnet's
    `BUILD_JSONNET OR BUILD_TESTS` builds its tool by default); `kept` switches the script leaves on
    do not count."""
    alternatives = _top_level_or(condition)
    if len(alternatives) > 1:
        return all(_testish(a, kept) for a in alternatives)
    condition = re.sub(r'"[^"]*"', lambda m: " ".join(re.findall(r"\$\{(\w+)\}", m.group(0))), condition)
    condition = re.sub(
        r"\b(MATCHES|STREQUAL|STRLESS|STRGREATER|STRLESS_EQUAL|STRGREATER_EQUAL)\s+\S+", r"\1", condition
    )
    words = re.findall(r"[A-Za-z_][A-Za-z0-9_:]*|\(", condition)
    negated = False
    for word in words:
        if word == "NOT":
            negated = True
            continue
        if TESTISH.search(word) and not negated and word not in kept:
            return True
        negated = False if word != "(" else negated
    return False


def _top_level_or(condition: str) -> list[str]:
    """The parts of a condition joined by OR outside parentheses."""
    parts, depth, start = [], 0, 0
    for m in re.finditer(r"\(|\)|\bOR\b", condition):
        if m.group(0) == "(":
            depth += 1
        elif m.group(0) == ")":
            depth -= 1
        elif depth == 0:
            parts.append(condition[start : m.start()])
            start = m.end()
    return [*parts, condition[start:]]


def read_cmake(
    texts: dict[str, str],
    paths: list[str],
    source_dir: str = ".",
    budget: Budget | None = None,
    keep: frozenset[str] = frozenset(),
) -> Project:
    """The project the CMake files describe, with the build script's option values; `keep`: switches
    the script leaves at their default."""
    reader = ProjectReader(texts, paths, source_dir, budget, keep)
    root = "CMakeLists.txt" if source_dir in ("", ".") else f"{source_dir.rstrip('/')}/CMakeLists.txt"
    ctx = Context(file=root, folder=reader.root)
    try:
        reader.run_file(root, ctx, new_scope=False)
    except BudgetExhausted:
        pass
    return reader.finish()


def _components(args: list[str] | tuple) -> tuple[str, ...]:
    """find_package()'s words after the name that are neither keywords nor a version: its components."""
    return tuple(a for a in args if a not in FIND_PACKAGE_KEYWORDS and not re.match(r"\d", a))


def version_key(version: str) -> tuple[int, ...]:
    """A dotted version's numbers, for comparing (`cmake_minimum_required`'s)."""
    return tuple(int(x) for x in version.split("."))


def _language(token: str) -> str:
    return {"C": "c", "CXX": "cxx"}.get(token.upper(), "")


def _project(project: Project, args: list[str], languages: set[str], first: bool) -> str:
    """Fill the Project from the first project() call; returns this call's VERSION."""
    keywords = {"VERSION", "LANGUAGES", "DESCRIPTION", "HOMEPAGE_URL"}
    mode = "LANGUAGES"  # positional arguments after the name are languages
    version = ""
    named = False
    for token in args[1:]:
        if token in keywords:
            mode = token
        elif mode == "VERSION" and not version:
            version = token
        elif mode == "LANGUAGES" and token.upper() in CMAKE_LANGUAGES:
            named = True
            languages.add(_language(token))
        elif first and mode == "DESCRIPTION" and not project.description and not is_unknown(token):
            project.description = token
        elif first and mode == "HOMEPAGE_URL" and not project.homepage and not is_unknown(token):
            project.homepage = token
    languages.discard("")
    if not named:  # no languages: CMake enables C and CXX, and fails without a C compiler (osmpbf's project())
        languages.update(("c", "cxx"))
    if is_unknown(version) or "${" in version or not re.match(r"^\d", version):
        version = ""
    if first:
        project.name = args[0]
        if version:
            project.version, project.version_source = version, "project(VERSION)"
    return version


# CMake's language names (project(LANGUAGES ...), enable_language()); NONE enables none
CMAKE_LANGUAGES = frozenset(
    {"NONE", "C", "CXX", "FORTRAN", "CUDA", "OBJC", "OBJCXX", "HIP", "ISPC", "SWIFT", "CSHARP", "JAVA", "ASM"}
    | {"ASM_NASM", "ASM_MASM", "ASM_MARMASM", "ASM-ATT"}
)


def _library(args: list[str]) -> Library | None:
    name = args[0]
    rest = args[1:]
    if "ALIAS" in rest or "IMPORTED" in rest or "OBJECT" in rest[:1]:
        return None
    kind = "default"
    for token, value in (("SHARED", "shared"), ("STATIC", "static"), ("MODULE", "module"), ("INTERFACE", "interface")):
        if token in rest[:2]:
            kind = value
    return Library(name, name, kind)


def _pkg_modules(args: list[str]) -> list[str]:
    modules = []
    for token in args:
        if token in ("REQUIRED", "QUIET", "IMPORTED_TARGET", "GLOBAL", "NO_CMAKE_PATH", "NO_CMAKE_ENVIRONMENT_PATH"):
            continue
        if not token or token[0] in "<>=" or token[0].isdigit() or is_unknown(token):
            continue
        modules.append(re.split(r"[<>=]", token, maxsplit=1)[0])
    return modules
