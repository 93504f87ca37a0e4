"""Read what the generator needs from an sdist, a wheel or a local project folder.

Archives are read in memory through `recipegen.archives` (limits on members and bytes; a `..`
or absolute member is an error).  Only small text files that carry metadata are read: the
rest is listed by path, which is enough to see the layout (packages, C/Cython/Rust sources).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from recipegen.archives import ArchiveError, Limits, iter_members

METADATA_FILES = {"PKG-INFO", "pyproject.toml", "setup.cfg", "setup.py", "Cargo.toml", "meson.build", "CMakeLists.txt"}
LICENSE_NAME = re.compile(
    r"^(licen[cs]e|copying|copyright|notice|authors?|unlicen[cs]e|copyleft|patents)([-._].*)?$", re.I
)
EGG_INFO_FILES = {"requires.txt", "entry_points.txt", "top_level.txt"}
# Build files read below the top (native library dependencies: meson `dependency()`, CMake
# `find_package()`), outside vendored, test and documentation folders.
NESTED_BUILD_FILES = {"meson.build", "CMakeLists.txt"}
NOT_PROJECT_BUILD_DIRS = {
    "subprojects",
    "vendored-meson",
    "third_party",
    "thirdparty",
    "vendor",
    "vendored",
    "extern",
    "external",
    "test",
    "tests",
    "testing",
    "doc",
    "docs",
    "benchmarks",
    "examples",
    "tools",
}
MAX_TEXT_BYTES = 2 * 1024 * 1024
SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    "__pycache__",
    "node_modules",
    "build",
    "dist",
    ".eggs",
    ".mypy_cache",
    ".pytest_cache",
}


class SourceError(Exception):
    """A source that cannot be read; one line."""


def is_license_name(path: str) -> bool:
    name = PurePosixPath(path).name
    try:
        from recipegen.licenses import is_license_file_name

        return bool(is_license_file_name(name))
    except ImportError:
        return bool(LICENSE_NAME.match(name)) and not name.endswith((".py", ".pyc", ".c", ".h"))


@dataclass
class SourceTree:
    """The paths of a source tree (relative to its root) and the texts of its metadata files.

    `loader` reads more texts on demand (the sdist's bytes or the folder stay where they are);
    `read(paths)` uses it once for all the paths asked for and remembers what it read
    (`loaded`, which the recorder keeps in the stripped fixture).
    """

    label: str
    paths: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    loader: Callable[[set[str]], dict[str, str]] | None = field(default=None, repr=False, compare=False)
    loaded: set[str] = field(default_factory=set, repr=False, compare=False)

    def text(self, path: str) -> str | None:
        return self.texts.get(path)

    def read(self, paths: Iterable[str]) -> dict[str, str]:
        """The texts of `paths` that exist in the tree (read in one pass when not read yet)."""
        present = set(self.paths)
        wanted = {p for p in paths if p in present}
        missing = {p for p in wanted if p not in self.texts}
        if missing and self.loader is not None:
            found = self.loader(missing)
            self.texts.update(found)
            self.loaded |= set(found)
        return {p: self.texts[p] for p in sorted(wanted) if p in self.texts}

    def peek(self, paths: Iterable[str]) -> dict[str, str]:
        """The texts of `paths`, read without being kept or counted as read: a scan of many
        files marks (`read`) only the ones that decided something."""
        present = set(self.paths)
        wanted = {p for p in paths if p in present}
        known = {p: self.texts[p] for p in wanted if p in self.texts}
        missing = wanted - set(known)
        found = self.loader(missing) if missing and self.loader is not None else {}
        return dict(sorted({**known, **found}.items()))


@dataclass
class WheelContents:
    label: str
    metadata: str = ""  # *.dist-info/METADATA
    record: list[str] = field(default_factory=list)  # paths from RECORD (or the archive listing)
    top_level: list[str] = field(default_factory=list)
    entry_points: str = ""
    license_files: dict[str, str] = field(default_factory=dict)  # path inside .dist-info -> text
    dist_info: str = ""  # the `<name>-<version>.dist-info` folder


def _wanted_in_tree(rel: str) -> bool:
    parts = rel.split("/")
    if len(parts) == 1:
        return parts[0] in METADATA_FILES or is_license_name(parts[0])
    # License files one level down: LICENSES/ (REUSE), or a project whose sdist keeps its
    # LICENSE in a subfolder (sentencepiece/LICENSE, core/LICENSE.txt).
    if len(parts) == 2 and (parts[0].lower() in {"licenses", "license", "licences"} or is_license_name(parts[1])):
        return True
    if parts[-1] in NESTED_BUILD_FILES and len(parts) <= 3:
        return not any(p.lower() in NOT_PROJECT_BUILD_DIRS for p in parts[:-1])
    # setuptools' egg-info in legacy sdists: requirements and entry points without setup.py.
    if parts[-2].endswith(".egg-info") and len(parts) <= 3:
        return parts[-1] in EGG_INFO_FILES
    return False


def _decode(data: bytes) -> str:
    return data[:MAX_TEXT_BYTES].decode("utf-8", errors="replace")


def read_sdist(data: bytes, label: str) -> SourceTree:
    """Paths and metadata texts of an sdist (tar.gz or zip) with its top folder removed."""
    tree = SourceTree(label)
    raw: dict[str, bytes] = {}
    try:
        members = list(
            iter_members(
                data,
                want=lambda n: _wanted_in_tree(_strip_top(n)),
                label=label,
                limits=Limits(members=100_000, total_bytes=1024 * 1024 * 1024),
            )
        )
    except ArchiveError as exc:
        raise SourceError(str(exc)) from None
    tops = {m.name.split("/", 1)[0] for m in members if m.name}
    single_top = len(tops) == 1 and any("/" in m.name for m in members)
    for member in members:
        rel = member.name.split("/", 1)[1] if single_top and "/" in member.name else member.name
        if single_top and "/" not in member.name:
            continue
        if member.is_dir or not rel:
            continue
        tree.paths.append(rel)
        if member.data is not None and _wanted_in_tree(rel):
            raw[rel] = member.data
    tree.paths.sort()
    tree.texts = {k: _decode(v) for k, v in raw.items()}
    tree.loader = lambda wanted: _sdist_texts(data, label, wanted, single_top)
    return tree


def _sdist_texts(data: bytes, label: str, wanted: set[str], single_top: bool) -> dict[str, str]:
    """Texts of the members `wanted` (paths without the top folder) of an sdist, in one pass."""

    def relative(name: str) -> str:
        return _strip_top(name) if single_top else name

    try:
        members = iter_members(data, want=lambda n: relative(n) in wanted, label=label)
        return {relative(m.name): _decode(m.data) for m in members if m.data is not None}
    except ArchiveError as exc:
        raise SourceError(str(exc)) from None


def _strip_top(name: str) -> str:
    return name.split("/", 1)[1] if "/" in name else name


def read_folder(folder: Path) -> SourceTree:
    """A local project folder (never executed): its paths and metadata texts."""
    tree = SourceTree(str(folder))
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for filename in sorted(filenames):
            full = Path(dirpath) / filename
            rel = full.relative_to(folder).as_posix()
            tree.paths.append(rel)
            if _wanted_in_tree(rel) and full.is_file():
                try:
                    tree.texts[rel] = _decode(full.read_bytes())
                except OSError as exc:
                    raise SourceError(f"{full}: cannot read ({exc.strerror})") from None
        if len(tree.paths) > 200_000:
            raise SourceError(f"{folder}: more than 200000 files; is this a project folder?")
    tree.paths.sort()
    tree.loader = lambda wanted: _folder_texts(folder, wanted)
    return tree


def _folder_texts(folder: Path, wanted: set[str]) -> dict[str, str]:
    texts = {}
    for rel in sorted(wanted):
        try:
            texts[rel] = _decode((folder / rel).read_bytes())
        except OSError:
            continue  # unreadable: treated as not there
    return texts


def read_wheel(data: bytes, label: str) -> WheelContents:
    """METADATA, RECORD, top_level.txt, entry_points.txt and license files of a wheel."""

    def want(name: str) -> bool:
        parts = name.split("/")
        return (
            len(parts) >= 2
            and parts[0].endswith(".dist-info")
            and (
                parts[1] in {"METADATA", "RECORD", "top_level.txt", "entry_points.txt"}
                or parts[1] in {"licenses", "license_files"}
                or is_license_name(parts[-1])
            )
        )

    contents = WheelContents(label)
    listing: list[str] = []
    try:
        for member in iter_members(data, want=want, label=label):
            if member.is_dir:
                continue
            listing.append(member.name)
            if member.data is None:
                continue
            parts = member.name.split("/")
            text = _decode(member.data)
            if parts[1] == "METADATA":
                contents.metadata = text
                contents.dist_info = parts[0]
            elif parts[1] == "RECORD":
                contents.record = [line.split(",", 1)[0] for line in text.splitlines() if line.strip()]
            elif parts[1] == "top_level.txt":
                contents.top_level = [line.strip() for line in text.splitlines() if line.strip()]
            elif parts[1] == "entry_points.txt":
                contents.entry_points = text
            else:
                contents.license_files["/".join(parts[1:])] = text
    except ArchiveError as exc:
        raise SourceError(str(exc)) from None
    if not contents.metadata:
        raise SourceError(f"{label}: not a wheel (no *.dist-info/METADATA)")
    if not contents.record:
        contents.record = listing
    return contents
