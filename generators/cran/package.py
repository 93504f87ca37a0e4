"""What recipegen reads from a CRAN source tarball, in memory: DESCRIPTION, the file list."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from recipegen.archives import ArchiveError, iter_members
from recipegen.generators.cran.description import Description, DescriptionError, parse_description

# Source file suffixes R compiles (Writing R Extensions §1.5) → conda compiler language.
LANGUAGE_OF_SUFFIX = {
    ".c": "c",
    ".cpp": "cxx", ".cc": "cxx", ".cxx": "cxx", ".c++": "cxx", ".C": "cxx",
    ".f": "fortran", ".f90": "fortran", ".f95": "fortran", ".F": "fortran", ".F90": "fortran",
    ".F95": "fortran",
}
LICENSE_FILE_NAMES = ("LICENSE", "LICENCE", "LICENSE.md", "LICENCE.md", "COPYING")
# Build files read for linked libraries (the Windows-only Makevars.win/.ucrt are not).
MAKEVARS_NAMES = ("src/Makevars", "src/Makevars.in", "src/Makevars.ac")
MAX_MAKEVARS_BYTES = 256 * 1024


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

    @property
    def has_src(self) -> bool:
        return any(f.startswith("src/") for f in self.files)

    @property
    def languages(self) -> set[str]:
        """Compiler languages of the sources anywhere below src/ (bundled libraries count)."""
        found = set()
        for name in self.files:
            if name.startswith("src/"):
                language = LANGUAGE_OF_SUFFIX.get(PurePosixPath(name).suffix)
                if language:
                    found.add(language)
        return found

    def has_file(self, name: str) -> bool:
        return name in self.files


def read_package(data: bytes, label: str, expected: str | None = None) -> CranPackage:
    """Parse DESCRIPTION and list the files of a `<Pkg>_<ver>.tar.gz`."""
    descriptions: dict[str, bytes] = {}
    makevars: dict[str, bytes] = {}
    files: list[str] = []

    def want(name: str) -> bool:
        parts = name.split("/", 1)
        return len(parts) == 2 and (parts[1] == "DESCRIPTION" or parts[1] in MAKEVARS_NAMES)

    try:
        for member in iter_members(data, want=want, label=label):
            parts = member.name.split("/", 1)
            if member.is_dir or len(parts) < 2:
                continue
            files.append(member.name)
            if member.data is not None and parts[1] == "DESCRIPTION":
                descriptions[parts[0]] = member.data
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
    relative = sorted(f[len(prefix):] for f in files if f.startswith(prefix))
    build_text = "\n".join(makevars[f].decode("utf-8", "replace") for f in sorted(makevars) if f.startswith(prefix))
    return CranPackage(description=description, files=relative, makevars=build_text)
