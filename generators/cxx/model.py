"""What `recipegen cxx` learns from a project's build files (plain data, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field

CMAKE, MESON, AUTOTOOLS, MAKE = "cmake", "meson", "autotools", "make"


@dataclass
class Library:
    target: str
    output_name: str  # base of the file name (OUTPUT_NAME, or the target)
    kind: str  # shared | static | both | default (BUILD_SHARED_LIBS / default_library) | interface | module
    soversion: str = ""  # the SONAME's version when the build file says it (CMake SOVERSION)


@dataclass
class Dependency:
    name: str  # as the build file writes it
    via: str  # find_package | pkg-config | meson | AC_CHECK_LIB | ...
    optional: bool = False
    test_only: bool = False
    where: str = ""  # file:line
    off_by_default: str = ""  # the option (default OFF) that guards it, when there is one
    components: tuple[str, ...] = ()  # find_package(... COMPONENTS ...) and the like
    native: bool = False  # for the build machine (meson's `native: true`): a build requirement


@dataclass
class Option:
    name: str
    default: str
    description: str = ""
    kind: str = ""  # meson option type (boolean, feature, combo ...); "" for CMake options
    choices: tuple[str, ...] = ()  # a meson combo's choices
    kept: bool = False  # an examples switch on by default whose programs are installed: left on

    @property
    def off_value(self) -> str:
        """The value that turns this meson option off ('' when it has none: a string option)."""
        if self.kind == "boolean":
            return "false"
        if self.kind == "feature":
            return "disabled"
        return next((c for c in ("false", "disabled", "no", "none") if c in self.choices), "")


@dataclass
class Project:
    build_system: str
    source_dir: str = "."  # where the build system's entry file is, relative to the source root
    cmake_minimum: str = ""  # the lowest cmake_minimum_required(VERSION) the CMake files read ask for
    root_dir: str = "."  # the project's folder in the source (expat's `expat/`): licence files, README
    name: str = ""
    version: str = ""
    version_source: str = ""
    version_weight: int = 0  # how much the version evidence counts (0: a build file's own, full weight)
    languages: set[str] = field(default_factory=set)  # "c", "cxx"
    libraries: list[Library] = field(default_factory=list)
    executables: list[str] = field(default_factory=list)  # installed programs
    sbin: list[str] = field(default_factory=list)  # those of them installed into sbin/ (pcsc-lite's pcscd)
    dependencies: list[Dependency] = field(default_factory=list)
    options: dict[str, Option] = field(default_factory=dict)
    has_configure: bool = False  # autotools: a generated ./configure ships with the source
    archive_macros: bool = False  # autotools: configure.ac calls autoconf-archive macros the source lacks
    uses_pkg_config: bool = False
    installs_headers: bool = False
    installs_nothing: bool = False  # CMake: no install() rule runs in the default build
    public_headers: list[str] = field(default_factory=list)  # installed paths below include/, when known
    description: str = ""
    homepage: str = ""
    urls: list[str] = field(default_factory=list)  # other URLs the build files give (bug reports ...)
    license: str = ""  # SPDX expression the build file declares (meson project(license:))
    notes: list[str] = field(default_factory=list)
    alternatives: list[Project] = field(default_factory=list)  # other build systems usable on Windows

    @property
    def programs(self) -> list[str]:
        """The installed programs other than `foo-config` scripts that print build flags (the
        -devel output's: libmcrypt's libmcrypt-config is no tool); '' for a program of unknown name."""
        return [e for e in self.executables if not e.endswith("-config")]

    @property
    def compiled_libraries(self) -> list[Library]:
        return [lib for lib in self.libraries if lib.kind not in ("interface",)]

    @property
    def header_only(self) -> bool:
        return not self.compiled_libraries and (
            self.installs_headers or any(lib.kind == "interface" for lib in self.libraries)
        )
