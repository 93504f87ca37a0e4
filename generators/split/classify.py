"""File → category, with the reason, for Linux, macOS and Windows install prefixes.

The categories are what conda-forge (CFEP-18 and its split feedstocks) and Debian's `-dev`
rules separate: versioned shared objects are needed at run time; headers, the unversioned
link, import libraries, pkg-config and CMake files only to build against the library;
static archives only for static linking; executables are tools. Evidence is taken from the
file's bytes where they are available (ELF SONAME, Mach-O install name, import vs static
`.lib`), then from symlink chains, then from the name.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import PurePosixPath

from recipegen.generators.split.binaries import archive_kind, elf_soname, macho_install_name
from recipegen.generators.split.inputs import InstallTree, TreeFile

# Categories, grouped by the output role they normally go to (see outputs.ROLE_OF).
SHARED_LIBRARY = "shared-library"
PLUGIN = "plugin"
DEV_LINK = "development-link"
IMPORT_LIBRARY = "import-library"
HEADER = "header"
PKG_CONFIG = "pkg-config"
CMAKE = "cmake-config"
DEV_SCRIPT = "config-script"
DEV_DATA = "development-data"
API_DOC = "api-doc"
STATIC_LIBRARY = "static-library"
EXECUTABLE = "executable"
TOOL_DOC = "tool-doc"
DOC = "documentation"
LICENSE = "license"
TRANSLATION = "translation"
LIBTOOL = "libtool-archive"
OTHER = "other"

CATEGORIES = (
    SHARED_LIBRARY,
    PLUGIN,
    DEV_LINK,
    IMPORT_LIBRARY,
    HEADER,
    PKG_CONFIG,
    CMAKE,
    DEV_SCRIPT,
    DEV_DATA,
    API_DOC,
    STATIC_LIBRARY,
    EXECUTABLE,
    TOOL_DOC,
    DOC,
    LICENSE,
    TRANSLATION,
    LIBTOOL,
    OTHER,
)

_SO_VERSIONED = re.compile(r"^(?P<stem>.+?)\.so\.(?P<ver>\d+(?:\.\d+)*)$")
_DYLIB_VERSIONED = re.compile(r"^(?P<stem>[^.]+?)\.(?P<ver>\d+(?:\.\d+)*)\.dylib$")
_MULTIARCH = re.compile(r"^[a-z0-9_]+-(linux|kfreebsd|gnu)(-gnu\w*|-musl\w*)?$")
_DLL_VERSIONED = re.compile(r"^(?P<stem>.+?)-(?P<ver>\d+(?:[._]\d+)*)\.dll$", re.I)


@dataclass(frozen=True)
class Classified:
    path: str
    category: str
    reason: str
    library: str = ""  # library stem (e.g. "libfoo", "foo") for library files


@cache
def layout() -> dict:
    from recipegen.tomlread import tomllib

    text = resources.files("recipegen.generators.split").joinpath("data/layout.toml").read_text("utf-8")
    return tomllib.loads(text)


def detect_platform(tree: InstallTree) -> str:
    """'linux', 'osx' or 'win' from the package's subdir, else from the layout."""
    if tree.subdir:
        for prefix, platform in (("linux", "linux"), ("osx", "osx"), ("win", "win")):
            if tree.subdir.startswith(prefix):
                return platform
    names = [f.path for f in tree.files]
    if any(p.startswith("Library/") or p.lower().endswith((".dll", ".exe")) for p in names):
        return "win"
    if any(p.endswith(".dylib") for p in names):
        return "osx"
    return "linux"


WINDOWS_PREFIXES = ("Library/mingw-w64/", "Library/usr/", "Library/")  # conda's Windows prefixes


def _strip_windows_prefix(path: str) -> str:
    for prefix in WINDOWS_PREFIXES:
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path


def _matches(name: str, patterns) -> bool:
    return any(fnmatch.fnmatchcase(name.lower(), p.lower()) for p in patterns)


def _is_license_name(name: str) -> bool:
    from recipegen.licenses import is_license_file_name

    return is_license_file_name(name)


def library_stem(name: str) -> str:
    """`libfoo` for libfoo.so.1.2 / libfoo.1.dylib / libfoo.a / foo.dll / foo-static.lib ..."""
    lower = name
    for pattern in (_SO_VERSIONED, _DYLIB_VERSIONED):
        m = pattern.match(lower)
        if m:
            return m.group("stem")
    for suffix in (".dll.a", ".so", ".dylib", ".dll", ".lib", ".a", ".tbd"):
        if lower.lower().endswith(suffix):
            stem = lower[: -len(suffix)]
            m = re.match(r"^(.+?)[-_](?:static|a|s)$", stem) if suffix == ".lib" else None
            if m and _matches(name, layout()["windows_static_lib"]):
                stem = m.group(1)
            elif suffix == ".lib" and stem.lower().endswith("static"):
                stem = stem[: -len("static")]
            m = _DLL_VERSIONED.match(stem + ".dll") if suffix == ".dll" else None
            return m.group("stem") if m else stem
    return lower


def soname_of(entry: TreeFile) -> str | None:
    """The SONAME / install name the file's bytes record, as a basename."""
    name = elf_soname(entry.data) or macho_install_name(entry.data)
    return PurePosixPath(name).name if name else None


class Classifier:
    """Classifies every file of one install tree (needs the whole tree: symlinks, siblings)."""

    def __init__(self, tree: InstallTree, platform: str | None = None) -> None:
        self.tree = tree
        self.platform = platform or detect_platform(tree)
        self.files = tree.by_path()
        self.names_by_dir: dict[str, set[str]] = {}
        for path in self.files:
            p = PurePosixPath(path)
            self.names_by_dir.setdefault(str(p.parent), set()).add(p.name)
        self.config_scripts = {
            PurePosixPath(p).name
            for p in self.files
            if _strip_windows_prefix(p).startswith("bin/")
            and _matches(PurePosixPath(p).name, layout()["config_scripts"])
            and not _matches(PurePosixPath(p).name, layout()["not_config_scripts"])
        }
        self.dll_stems = {library_stem(PurePosixPath(p).name).lower() for p in self.files if p.lower().endswith(".dll")}

    def _resolve(self, path: str) -> str:
        seen = set()
        while path in self.files and self.files[path].is_symlink and path not in seen:
            seen.add(path)
            parent = PurePosixPath(path).parent
            target = PurePosixPath(self.files[path].link_target)
            if target.is_absolute():
                # An absolute target (Debian: /lib/<triplet>/libfoo.so.1) means the same tree;
                # the file of that name next to the link is what it points to.
                inside = str(target).lstrip("/")
                path = inside if inside in self.files else str(parent / target.name)
                continue
            parts: list[str] = []
            for part in (parent / target).parts:
                if part == "..":
                    if parts:
                        parts.pop()
                elif part != ".":
                    parts.append(part)
            path = "/".join(parts)
        return path

    def classify_all(self) -> list[Classified]:
        return [self.classify(path) for path in sorted(self.files)]

    def classify(self, path: str) -> Classified:
        entry = self.files[path]
        rel = _strip_windows_prefix(path)
        parts = PurePosixPath(rel).parts
        name = parts[-1]
        lower = name.lower()
        top = parts[0] if len(parts) > 1 else ""
        rules = layout()

        def c(category: str, reason: str, library: str = "") -> Classified:
            return Classified(path, category, reason, library)

        if _matches(name, rules["omitted_patterns"]):
            return c(LIBTOOL, "libtool archive (.la): not needed at run time; rattler-build drops it")
        if top == "include" or rel.startswith("share/include/"):
            return c(HEADER, "under include/")
        if "site-packages" in parts or lower.endswith((".pyd", ".py", ".pyc")):
            return c(OTHER, "Python module: belongs in a Python output, not a C library split")
        if lower.endswith(".pc") and len(parts) >= 2 and parts[-2] == "pkgconfig":
            return c(PKG_CONFIG, "pkg-config file")
        if self._is_cmake(parts, lower):
            return c(CMAKE, "CMake package configuration")
        if lower.endswith(".dll.a"):
            return c(IMPORT_LIBRARY, "MinGW import library (.dll.a)", library_stem(name))
        if lower.endswith(".lib"):
            return self._windows_lib(path, name, c)
        if lower.endswith(".a"):
            kind = archive_kind(entry.data)
            if kind == "import":
                return c(IMPORT_LIBRARY, "ar archive of import records", library_stem(name))
            return c(STATIC_LIBRARY, "static archive (.a)", library_stem(name))
        if lower.endswith(".dll"):
            if top in ("lib", "plugins") and len(parts) > 2:
                return c(PLUGIN, "DLL in a sub-folder of lib/: a plugin loaded at run time")
            return c(SHARED_LIBRARY, "DLL (Windows shared library)", library_stem(name))
        if lower.endswith(".pdb") and name[:-4] + ".dll" in self.names_by_dir.get(str(PurePosixPath(path).parent), ()):
            return c(SHARED_LIBRARY, "debug symbols of the DLL next to it", library_stem(name[:-4] + ".dll"))
        shared = self._shared_object(path, entry, parts, name)
        if shared is not None:
            return shared
        if top in ("bin", "sbin", "libexec", "Scripts") or (self.platform == "win" and lower.endswith(".exe")):
            if (
                top == "bin"
                and _matches(name, rules["config_scripts"])
                and not _matches(name, rules["not_config_scripts"])
            ):
                return c(DEV_SCRIPT, "prints compile/link flags: a development file (like pkg-config)")
            return c(EXECUTABLE, f"program in {top}/" if top else "Windows program")
        if top == "lib" and len(parts) <= 3 and _matches(name, rules["lib_config_scripts"]):
            return c(DEV_SCRIPT, "records build flags for dependants (like pkg-config)")
        if any(rel == d or rel.startswith(d + "/") for d in rules["tool_data_dirs"]):
            return c(TOOL_DOC, "shell completion of a program")
        if top == "share" and len(parts) >= 3 and parts[1] == "man":
            return self._man_page(path, parts, name)
        if any(rel == d or rel.startswith(d + "/") for d in rules["dev_data_dirs"]):
            return c(DEV_DATA, "build-time data (aclocal macros, GObject introspection XML, Vala API)")
        if any(rel.startswith(d + "/") for d in rules["doc_dirs"]):
            # share/doc/<pkg>/COPYING is the upstream license installed with the docs: a license
            # (identified for about.license; about.license_file names the source's copy).
            return (
                c(LICENSE, "license text in a documentation folder")
                if _is_license_name(name)
                else c(DOC, "documentation")
            )
        if (top == "share" and len(parts) > 2 and parts[1] == "licenses") or _is_license_name(name):
            return c(LICENSE, "license text")
        if "locale" in parts and lower.endswith((".mo", ".qm")):
            return c(TRANSLATION, "message catalogue")
        if lower.endswith(tuple(rules["header_extensions"])) and top in ("lib", "share"):
            return c(HEADER, "header or module file outside include/")
        if entry.executable and top in ("", "lib") and not lower.endswith((".sh", ".txt")):
            return c(OTHER, "executable file outside bin/")
        return c(OTHER, "not a library, header, build metadata, program or documentation")

    def _man_page(self, path: str, parts: tuple[str, ...], name: str) -> Classified:
        """share/man/man1/x.1.gz, or localized: share/man/de/man1/x.1.gz."""
        rules = layout()
        section = parts[2] if parts[2].startswith("man") or len(parts) < 5 else parts[3]
        if section in rules["api_man_sections"]:
            return Classified(path, API_DOC, "library API man page (section 3)")
        if name.split(".")[0] in self.config_scripts:
            return Classified(path, API_DOC, "man page of a development script (*-config)")
        if section in rules["tool_man_sections"]:
            return Classified(path, TOOL_DOC, f"man page of a program ({section})")
        return Classified(path, DOC, "man page")

    def _is_cmake(self, parts: tuple[str, ...], lower: str) -> bool:
        if "cmake" in (p.lower() for p in parts[:-1]) and lower.endswith((".cmake", ".cmake.in")):
            return True
        return lower.endswith(("config.cmake", "-config-version.cmake", "configversion.cmake", "targets.cmake")) or (
            "targets-" in lower and lower.endswith(".cmake")
        )

    def _windows_lib(self, path: str, name: str, c) -> Classified:
        stem = library_stem(name)
        if _matches(name, layout()["windows_static_lib"]):
            return c(STATIC_LIBRARY, "named like a static archive (*_static.lib, *-static.lib, *_a.lib)", stem)
        kind = archive_kind(self.files[path].data)
        if kind == "import":
            return c(IMPORT_LIBRARY, "import library (its symbols point into a DLL)", stem)
        if kind == "static":
            return c(STATIC_LIBRARY, "static archive (.lib holding object code, no import records)", stem)
        stems = {stem.lower(), stem.lower().removeprefix("lib"), "lib" + stem.lower()}
        if stems & self.dll_stems:
            return c(IMPORT_LIBRARY, "import library of a DLL with the same name", stem)
        return c(STATIC_LIBRARY, "a .lib with no DLL of that name: a static archive", stem)

    def _shared_object(self, path: str, entry: TreeFile, parts, name: str) -> Classified | None:
        """Versioned runtime object, development link, or plugin — None if not a shared object."""
        lower = name.lower()
        versioned = _SO_VERSIONED.match(name) or _DYLIB_VERSIONED.match(name)
        unversioned = lower.endswith(".so") or (lower.endswith(".dylib") and not versioned) or lower.endswith(".tbd")
        if not (versioned or unversioned):
            return None
        stem = library_stem(name)
        folder = str(PurePosixPath(path).parent)
        siblings = self.names_by_dir.get(folder, set())
        top = parts[0] if len(parts) > 1 else ""
        # lib/, lib64/, and Debian's multiarch lib/x86_64-linux-gnu/
        in_libdir = top in ("lib", "lib64", "lib32") and (
            len(parts) == 2 or (len(parts) == 3 and _MULTIARCH.match(parts[1]) is not None)
        )
        if not in_libdir:
            return Classified(path, PLUGIN, "shared object below lib/<folder>: a module loaded at run time", stem)
        if versioned:
            return Classified(path, SHARED_LIBRARY, "versioned shared object (SONAME / real file)", stem)
        if lower.endswith(".tbd"):
            return Classified(path, DEV_LINK, "text stub for linking (.tbd)", stem)
        real = self._resolve(path)
        soname = soname_of(self.files[real]) if real in self.files else None
        if (
            not entry.is_symlink
            and entry.data
            and entry.data.lstrip()[:16].startswith((b"/* GNU ld script", b"INPUT(", b"GROUP(", b"OUTPUT_FORMAT"))
        ):
            return Classified(path, DEV_LINK, "GNU ld linker script: read only when linking", stem)
        if entry.is_symlink:
            return Classified(
                path, DEV_LINK, f"unversioned link to {PurePosixPath(real).name}: used only when linking", stem
            )
        if soname and soname != name and soname in siblings:
            return Classified(path, DEV_LINK, f"copy of {soname} under the link-time name", stem)
        if soname == name:
            return Classified(path, SHARED_LIBRARY, "its SONAME is this unversioned name: needed at run time", stem)
        if any(_SO_VERSIONED.match(s) or _DYLIB_VERSIONED.match(s) for s in siblings if library_stem(s) == stem):
            return Classified(path, DEV_LINK, "unversioned name next to versioned ones: used only when linking", stem)
        return Classified(path, SHARED_LIBRARY, "shared object with no versioned name: needed at run time", stem)


def classify_tree(tree: InstallTree, platform: str | None = None) -> list[Classified]:
    return Classifier(tree, platform).classify_all()
