"""Reading what `recipegen split` classifies: a built conda package or an install prefix.

Accepted inputs, all read in place through `recipegen.archives` (never extracted to disk):

* `.conda` — a zip holding `info-*.tar.zst` and `pkg-*.tar.zst`; both inner tarballs are
  read from memory;
* `.tar.bz2` conda package — one tarball whose `info/` folder is the package metadata;
* a tarball (or zip) of an install prefix, e.g. `make DESTDIR=... install` packed up;
* a folder that is an install prefix;
* a Debian binary package (`.deb`, `recipegen.generators.split.debian`).

Several inputs of one library (a library's runtime and `-dev` packages) are read as one tree.

The result is an `InstallTree`: every regular file and symlink relative to the prefix,
plus what the package metadata says (name, version, platform, license) when there is any.
Small files the classifier looks into (pkg-config files, the head of shared objects and
`.lib` archives) are kept in memory; everything else is metadata only.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from recipegen.archives import ArchiveError, Limits, iter_members, read_members, safe_member_name
from recipegen.untrusted import BadJSON, loads_json

# Top-level folders of an install prefix (Unix and Windows conda layouts).
PREFIX_ROOTS = frozenset(
    {
        "bin",
        "sbin",
        "lib",
        "lib64",
        "libexec",
        "include",
        "share",
        "etc",
        "Library",
        "Lib",
        "Scripts",
        "man",
        "var",
    }
)
# Prefix-relative folders that belong to conda itself, never to a package's payload.
CONDA_METADATA_DIRS = ("info/", "conda-meta/")
# How much of a file is read to look at (ELF dynamic section, archive symbol tables).
PEEK_BYTES = 4 * 1024 * 1024
MAX_FOLDER_FILES = 200_000
# The rendered recipe a conda package carries (rattler-build, conda-build): where its source came from.
RECIPE_FILES = ("info/recipe/rendered_recipe.yaml", "info/recipe/meta.yaml")


class SplitInputError(Exception):
    """Input that cannot be split; the message is one line naming the file and the problem."""


@dataclass(frozen=True)
class TreeFile:
    path: str  # prefix-relative POSIX path
    size: int = 0
    is_symlink: bool = False
    link_target: str = ""
    executable: bool = False
    data: bytes | None = None  # contents, for the few kinds of file the classifier reads


@dataclass
class InstallTree:
    label: str  # what the user passed, for messages
    files: list[TreeFile]
    kind: str  # "conda", "tar.bz2", "archive" or "folder"
    name: str = ""  # from info/index.json
    version: str = ""
    subdir: str = ""  # conda platform, e.g. linux-64
    license: str = ""
    about: dict = field(default_factory=dict)  # info/about.json
    license_texts: dict[str, str] = field(default_factory=dict)  # info/licenses/* and prefix license files
    source: dict = field(default_factory=dict)  # {url, sha256} from the package's rendered recipe
    metadata_file: str = ""  # where name/version came from: info/index.json, a .deb's control
    notes: list[str] = field(default_factory=list)  # what reading changed (multiarch folders moved)

    def by_path(self) -> dict[str, TreeFile]:
        return {f.path: f for f in self.files}


def wants_content(path: str) -> bool:
    """Files whose bytes the classifier uses (kept small: heads of binaries, text metadata)."""
    name = PurePosixPath(path).name.lower()
    if name.endswith((".pc", ".lib", ".dll.a")) or ".so" in name or name.endswith(".dylib"):
        return True
    if path.startswith(("info/licenses/", "share/licenses/", "Library/share/licenses/")) or path in (
        "info/index.json",
        "info/about.json",
        *RECIPE_FILES,
    ):
        return True
    from recipegen.licenses import is_license_file_name

    return is_license_file_name(PurePosixPath(path).name)


def read_tree(source: str | Path, limits: Limits | None = None) -> InstallTree:
    """Read any accepted input into an InstallTree, or raise SplitInputError."""
    limits = limits or Limits()
    path = Path(source)
    label = str(source)
    if not path.exists():
        raise SplitInputError(f"{label}: no such file or folder")
    try:
        if path.is_dir():
            return _read_folder(path, label)
        name = path.name.lower()
        if name.endswith(".conda"):
            return _read_dot_conda(path, label, limits)
        if name.endswith((".deb", ".udeb")):
            from recipegen.generators.split.debian import read_deb

            return read_deb(path, label, limits)
        members = tar_files(path, label, limits)
        if any(m.path == "info/index.json" for m in members):
            return _from_conda_members(members, label, "tar.bz2")
        return prefix_tree(label, members, "archive")
    except ArchiveError as exc:
        raise SplitInputError(str(exc)) from None


def read_trees(sources: list[str | Path], limits: Limits | None = None) -> InstallTree:
    """One or more inputs of the same library (its runtime and -dev `.deb`s, say) as one tree."""
    if not sources:
        raise SplitInputError("no input given")
    return merge_trees([read_tree(source, limits) for source in sources])


def merge_trees(trees: list[InstallTree]) -> InstallTree:
    """Several inputs of one library (its .deb packages, or conda packages) read as one tree:
    the files of all (a path given twice must be the same file), the metadata they agree on."""
    if len(trees) == 1:
        return trees[0]
    names = {t.name for t in trees if t.name}
    if len(names) > 1 and all(t.kind == "deb" for t in trees):
        raise SplitInputError(
            f"{', '.join(t.label for t in trees)}: built from different source packages ({', '.join(sorted(names))})"
        )
    files: dict[str, TreeFile] = {}
    for tree in trees:
        for f in tree.files:
            known = files.get(f.path)
            if known is not None and (known.is_symlink, known.link_target, known.size) != (
                f.is_symlink,
                f.link_target,
                f.size,
            ):
                raise SplitInputError(f"{tree.label}: {f.path} differs from the same file in another input")
            files.setdefault(f.path, f)
    first = next((t for t in trees if t.name), trees[0])
    return InstallTree(
        label=" + ".join(t.label for t in trees),
        files=sorted(files.values(), key=lambda f: f.path),
        kind=trees[0].kind,
        name=first.name,
        version=first.version,
        subdir=next((t.subdir for t in trees if t.subdir and t.subdir != "noarch"), first.subdir),
        license=next((t.license for t in trees if t.license), ""),
        about={k: v for t in reversed(trees) for k, v in t.about.items()},
        license_texts={k: v for t in trees for k, v in t.license_texts.items()},
        source=next((t.source for t in trees if t.source), {}),
        metadata_file=first.metadata_file,
        notes=list(dict.fromkeys(n for t in trees for n in t.notes)),
    )


def _member_file(member, label: str) -> TreeFile | None:
    if member.is_dir:
        return None
    data = member.data[:PEEK_BYTES] if member.data is not None else None
    return TreeFile(
        path=member.name,
        size=member.size,
        is_symlink=member.is_symlink,
        link_target=member.link_target,
        executable=bool(member.mode & 0o111) and not member.is_symlink,
        data=data,
    )


def tar_files(source: bytes | Path, label: str, limits: Limits) -> list[TreeFile]:
    files = []
    for member in iter_members(source, want=wants_content, limits=limits, label=label):
        entry = _member_file(member, label)
        if entry is not None:
            files.append(entry)
    if not files:
        raise SplitInputError(f"{label}: contains no files")
    return files


def _read_dot_conda(path: Path, label: str, limits: Limits) -> InstallTree:
    inner = read_members(path, lambda n: n.endswith(".tar.zst"), limits=limits, label=label)
    pkg = [n for n in inner if n.startswith("pkg-")]
    info = [n for n in inner if n.startswith("info-")]
    if not pkg or not info:
        raise SplitInputError(f"{label}: not a .conda package (no pkg-*.tar.zst / info-*.tar.zst inside)")
    members = tar_files(inner[info[0]], f"{label}!{info[0]}", limits)
    members += tar_files(inner[pkg[0]], f"{label}!{pkg[0]}", limits)
    return _from_conda_members(members, label, "conda")


def _from_conda_members(members: list[TreeFile], label: str, kind: str) -> InstallTree:
    info = {m.path: m for m in members if m.path.startswith("info/")}
    index = _json(info.get("info/index.json"), label)
    about = _json(info.get("info/about.json"), label)
    texts = {p: _text(m.data) for p, m in info.items() if p.startswith("info/licenses/") and m.data}
    files = [m for m in members if not m.path.startswith("info/")]
    return InstallTree(
        label=label,
        files=files,
        kind=kind,
        name=str(index.get("name", "")),
        version=str(index.get("version", "")),
        metadata_file="info/index.json" if index else "",
        subdir=str(index.get("subdir", "")),
        license=str(index.get("license", "") or about.get("license", "")),
        about=about,
        license_texts=texts,
        source=_recipe_source(info),
    )


def _recipe_source(info: dict[str, TreeFile]) -> dict:
    """The first URL source (url, sha256) of the rendered recipe inside the package, if any."""
    from recipegen.problems import InputError
    from recipegen.yamlio import parse_yaml, to_plain

    for name in RECIPE_FILES:
        member = info.get(name)
        if member is None or not member.data:
            continue
        try:
            data = to_plain(parse_yaml(member.data.decode("utf-8", "replace"), name))
        except InputError:
            continue
        if not isinstance(data, dict):
            continue
        recipe = data.get("recipe") if isinstance(data.get("recipe"), dict) else data
        sources = recipe.get("source") if isinstance(recipe, dict) else None
        for source in sources if isinstance(sources, list) else [sources]:
            if isinstance(source, dict) and source.get("url"):
                url = source["url"][0] if isinstance(source["url"], list) else source["url"]
                entry = {"url": str(url)}
                if source.get("sha256"):
                    entry["sha256"] = str(source["sha256"])
                return entry
    return {}


def _json(member: TreeFile | None, label: str) -> dict:
    if member is None or member.data is None:
        return {}
    try:
        value = loads_json(member.data)
    except BadJSON as exc:
        raise SplitInputError(f"{label}: {member.path} is not valid JSON ({exc})") from None
    return value if isinstance(value, dict) else {}


def _text(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", errors="replace")


def _strip_staging_dirs(files: list[TreeFile]) -> list[TreeFile]:
    """Drop leading folders that are not part of the prefix (`pkgroot/usr/local/...`, `install/`).

    A DESTDIR install or a tarball with one top folder puts the prefix below a few
    folders; strip the common leading folders until one of them is a prefix root.
    """
    parts = [PurePosixPath(f.path).parts for f in files]
    depth = 0
    while all(len(p) > depth + 1 for p in parts):
        heads = {p[depth] for p in parts}
        if len(heads) != 1 or next(iter(heads)) in PREFIX_ROOTS:
            break
        depth += 1
    stripped = []
    taken = {"/".join(p[depth:]) for p in parts}
    for f, p in zip(files, parts):
        path = "/".join(p[depth:])
        # A DESTDIR install of a distribution package mixes /lib and /usr/lib, /usr/local/...:
        # usr/ and usr/local/ in front of a prefix root are part of the staging path.
        for lead in ("usr/local/", "usr/"):
            rest = path[len(lead) :]
            if path.startswith(lead) and rest.split("/", 1)[0] in PREFIX_ROOTS and rest not in taken:
                path = rest
                break
        if path != f.path:
            f = TreeFile(path, f.size, f.is_symlink, f.link_target, f.executable, f.data)
        stripped.append(f)
    return [f for f in stripped if not f.path.startswith(CONDA_METADATA_DIRS)]


# Debian/Ubuntu multiarch library folders: lib/x86_64-linux-gnu, lib/aarch64-linux-gnu, lib/arm-linux-gnueabihf
MULTIARCH = re.compile(r"^[a-z0-9_]+-(linux|kfreebsd|gnu)(-gnu\w*|-musl\w*)?$")


def move_multiarch(files: list[TreeFile]) -> tuple[list[TreeFile], list[str]]:
    """`lib/<triplet>/...` moved to `lib/...` (a conda prefix has no multiarch folders, so globs
    and tests would name paths that never exist), with a note; a file whose `lib/` name is
    taken stays where it is and the note says so."""
    taken = {f.path for f in files}
    moved: list[TreeFile] = []
    triplets: set[str] = set()
    kept: list[str] = []
    for f in files:
        parts = f.path.split("/")
        if len(parts) > 2 and parts[0] == "lib" and MULTIARCH.match(parts[1]):
            target = "/".join(["lib", *parts[2:]])
            if target not in taken:
                triplets.add(parts[1])
                link = (
                    f.link_target.replace(f"/lib/{parts[1]}/", "/lib/")
                    if f.link_target.startswith("/")
                    else f.link_target
                )
                f = TreeFile(target, f.size, f.is_symlink, link, f.executable, f.data)
            else:
                kept.append(f.path)
        moved.append(f)
    notes = []
    if triplets:
        notes.append(
            f"Debian multiarch folder(s) {', '.join(f'lib/{t}/' for t in sorted(triplets))} read as lib/ "
            "(a conda prefix installs libraries in $PREFIX/lib)"
        )
    if kept:
        notes.append(
            f"{len(kept)} file(s) left in a multiarch folder because lib/ has a file of the same name "
            f"({', '.join(kept[:3])}{', ...' if len(kept) > 3 else ''}): check the install layout"
        )
    return moved, notes


def _read_folder(root: Path, label: str) -> InstallTree:
    files: list[TreeFile] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs.sort()
        rel_folder = Path(folder).relative_to(root).as_posix()
        for entry in sorted(names) + [d for d in dirs if (Path(folder) / d).is_symlink()]:
            full = Path(folder) / entry
            rel = entry if rel_folder == "." else f"{rel_folder}/{entry}"
            rel = safe_member_name(rel, label)
            info = full.lstat()
            if stat.S_ISLNK(info.st_mode):
                target = os.readlink(full)
                files.append(TreeFile(rel, 0, True, target))
            elif stat.S_ISREG(info.st_mode):
                data = None
                if wants_content(rel):
                    with open(full, "rb") as handle:
                        data = handle.read(PEEK_BYTES)
                files.append(TreeFile(rel, info.st_size, False, "", bool(info.st_mode & 0o111), data))
            if len(files) > MAX_FOLDER_FILES:
                raise SplitInputError(f"{label}: more than {MAX_FOLDER_FILES} files")
    if not files:
        raise SplitInputError(f"{label}: folder holds no files")
    index_path = root / "info" / "index.json"
    if index_path.is_file():
        members = files
        return _from_conda_members(members, label, "folder")
    return prefix_tree(label, files, "folder")


def prefix_tree(label: str, files: list[TreeFile], kind: str, **metadata) -> InstallTree:
    """An install prefix: staging folders stripped, multiarch folders moved to lib/."""
    moved, notes = move_multiarch(_strip_staging_dirs(files))
    return InstallTree(label=label, files=moved, kind=kind, notes=notes, **metadata)
