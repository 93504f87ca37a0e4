"""What recipegen reads from a CRAN source tarball, in memory: DESCRIPTION, build files, the file list."""

from __future__ import annotations

import bz2
import lzma
import re
import zlib
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import PurePosixPath

from recipegen.generators.cran.description import Description, DescriptionError, parse_description

from recipegen.archives import ArchiveError, iter_members

# Source file suffixes R compiles (Writing R Extensions §1.5) → conda compiler language.
LANGUAGE_OF_SUFFIX = {
    ".c": "c",
    ".cpp": "cxx",
    ".cc": "cxx",
    ".cxx": "cxx",
    ".c++": "cxx",
    ".C": "cxx",
    ".f": "fortran",
    ".f90": "fortran",
    ".f95": "fortran",
    ".F": "fortran",
    ".F90": "fortran",
    ".F95": "fortran",
}
LICENSE_FILE_NAMES = ("LICENSE", "LICENCE", "LICENSE.md", "LICENCE.md", "COPYING")
# Build files read for linked libraries (the Windows-only Makevars.win/.ucrt are not).
MAKEVARS_NAMES = ("src/Makevars", "src/Makevars.in", "src/Makevars.ac")
# Windows build files: read only to see which sources in src/ subfolders are compiled.
WINDOWS_MAKEVARS_NAMES = ("src/Makevars.win", "src/Makevars.ucrt")
CONFIGURE_NAME = "configure"  # read for the tools it calls (pkg-config)
MAX_MAKEVARS_BYTES = 256 * 1024
MAX_CONFIGURE_BYTES = 512 * 1024
# Makevars(.in) placeholders a configure script fills with source lists (stringi's
# @STRINGI_ICU_COMMON_SOURCES_CPP@): every source below src/ may then be compiled.
_CONFIGURED_SOURCES = re.compile(r"@\w*SOURCES\w*@")


class PackageError(Exception):
    """A tarball that is not a usable CRAN package; one line naming the problem."""


@dataclass
class CranPackage:
    """A package as the recipe builder needs it."""

    description: Description
    files: list[str] = field(default_factory=list)  # paths relative to the package folder
    sha256: str = ""
    archived: bool = False
    makevars: str = ""  # src/Makevars* text, for libraries linked there
    windows_makevars: str = ""  # src/Makevars.win/.ucrt text (only for compiled subfolder sources)
    configure: str = ""  # the `configure` script's text, for the tools it calls

    @property
    def has_src(self) -> bool:
        return any(f.startswith("src/") for f in self.files)

    @property
    def languages(self) -> set[str]:
        """Compiler languages of the sources R compiles.

        R compiles the sources directly in src/; sources in src/ subfolders only when a
        build file says so (rlang ships src/rlang/cpp/*.cpp that its Makevars never builds).
        A subfolder source counts when a Makevars file names its object (`yajl/yajl.o`),
        a wildcard over its folder (`$(wildcard icu74/common/*.cpp)`) or its path next to
        a `.cpp=.o`-style rule, when configure fills the source list, or when src/ has its
        own Makefile.
        """
        text = f"{self.makevars}\n{self.windows_makevars}"
        build_text = "\n".join(line.split("#", 1)[0] for line in text.splitlines())  # no make comments
        everything = "src/Makefile" in self.files or bool(_CONFIGURED_SOURCES.search(build_text))
        found = set()
        for name in self.files:
            if not name.startswith("src/"):
                continue
            path = PurePosixPath(name[len("src/") :])
            language = LANGUAGE_OF_SUFFIX.get(path.suffix)
            if language and (len(path.parts) == 1 or everything or _builds(build_text, path)):
                found.add(language)
        return found

    def has_file(self, name: str) -> bool:
        return name in self.files


def _glob_matches(pattern: str, source: PurePosixPath) -> bool:
    """make's `$(wildcard ...)` semantics: `*` does not cross `/`."""
    parts = PurePosixPath(pattern.removeprefix("./")).parts
    return len(parts) == len(source.parts) and all(map(fnmatchcase, source.parts, parts))


def _builds(build_text: str, source: PurePosixPath) -> bool:
    """Whether Makevars text compiles `source`, a path below src/ in a subfolder."""
    suffix = re.escape(source.suffix)
    wildcards = [p for group in re.findall(r"\$[({]wildcard\s+([^)}]*)[)}]", build_text) for p in group.split()]
    return bool(
        re.search(rf"(?<![\w/.-]){re.escape(str(source.with_suffix('.o')))}\b", build_text)
        or any(_glob_matches(pattern, source) for pattern in wildcards)
        or (str(source) in build_text and re.search(rf"{suffix}=\.o\b|%\.o\s*:\s*%{suffix}\b", build_text))
    )


def _first_block(data: bytes) -> bytes:
    """The first 512 bytes of `data` after gzip/bzip2/xz decompression (b"" when unreadable)."""
    try:
        if data[:2] == b"\x1f\x8b":
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 512)
        if data[:3] == b"BZh":
            return bz2.BZ2Decompressor().decompress(data, 512)
        if data[:6] == b"\xfd7zXZ\x00":
            return lzma.LZMADecompressor().decompress(data, 512)
    except (zlib.error, OSError, EOFError, lzma.LZMAError):
        return b""
    return data[:512]


def is_tar_archive(data: bytes) -> bool:
    """Whether `data` is a (compressed) tar file: its first header has a valid checksum."""
    header = _first_block(data)
    if len(header) < 512:
        return False
    try:
        stored = int(header[148:156].replace(b"\0", b" ").strip() or b"-1", 8)
    except ValueError:
        return False
    return stored == sum(header[:148]) + 8 * 32 + sum(header[156:512])


def read_package(data: bytes, label: str, expected: str | None = None) -> CranPackage:
    """Parse DESCRIPTION and list the files of a `<Pkg>_<ver>.tar.gz`."""
    if not is_tar_archive(data):
        raise PackageError(f"{label}: not a tar archive (a CRAN source package is a .tar.gz)")
    descriptions: dict[str, bytes] = {}
    makevars: dict[str, bytes] = {}
    configure: dict[str, bytes] = {}
    files: list[str] = []

    def want(name: str) -> bool:
        parts = name.split("/", 1)
        return len(parts) == 2 and (
            parts[1] in ("DESCRIPTION", CONFIGURE_NAME)
            or parts[1] in MAKEVARS_NAMES
            or parts[1] in WINDOWS_MAKEVARS_NAMES
        )

    try:
        for member in iter_members(data, want=want, label=label):
            parts = member.name.split("/", 1)
            if member.is_dir or len(parts) < 2:
                continue
            files.append(member.name)
            if member.data is not None and parts[1] == "DESCRIPTION":
                descriptions[parts[0]] = member.data
            elif member.data is not None and parts[1] == CONFIGURE_NAME:
                configure[parts[0]] = member.data[:MAX_CONFIGURE_BYTES]
            elif member.data is not None:
                makevars[member.name] = member.data[:MAX_MAKEVARS_BYTES]
    except ArchiveError as exc:
        raise PackageError(str(exc)) from None
    folder = expected if expected in descriptions else next(iter(descriptions), None)
    if folder is None:
        raise PackageError(f"{label}: the tarball has no <package>/DESCRIPTION")
    try:
        description = parse_description(descriptions[folder])
    except DescriptionError as exc:
        raise PackageError(f"{label}: DESCRIPTION {exc}") from None
    prefix = folder + "/"
    relative = sorted(f[len(prefix) :] for f in files if f.startswith(prefix))

    def text_of(names: tuple[str, ...]) -> str:
        return "\n".join(
            makevars[f].decode("utf-8", "replace")
            for f in sorted(makevars)
            if f.startswith(prefix) and f[len(prefix) :] in names
        )

    return CranPackage(
        description=description,
        files=relative,
        makevars=text_of(MAKEVARS_NAMES),
        windows_makevars=text_of(WINDOWS_MAKEVARS_NAMES),
        configure=configure.get(folder, b"").decode("utf-8", "replace"),
    )
