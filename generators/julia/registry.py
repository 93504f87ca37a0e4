"""Reading a Julia package registry (General or any registry with the same layout).

A registry is a set of TOML files: `Registry.toml` (name, uuid, `[packages]`: uuid → name and
path) and, per package folder, `Package.toml`, `Versions.toml`, `Deps.toml`, `Compat.toml`
(+ `WeakDeps.toml`, `WeakCompat.toml`). It is read from

* a folder (a git clone, or an unpacked Pkg-server copy),
* a tarball (`General.tar.gz`, `.tar.zst`, ...; entry paths relative to the registry root),
  read in memory with libarchive, never unpacked to disk, optionally named by the
  `General.toml` Pkg keeps next to it,
* a URL of a registry tarball, of a registry repository (its GitHub archive), or the public
  General registry through the Pkg server.

Lookup order (`open_registry`): `--registry`, else `~/.julia/registries/General` (folder or
`General.toml` + tarball), else the public General registry.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from recipegen.generators.julia.versions import (
    OverlappingSections,
    VersionSyntaxError,
    parse_version,
    sections_for,
    version_sort_key,
)

GENERAL_UUID = "23338594-aafe-5451-b93e-139f81909106"
TARBALL_SUFFIXES = (".tar.gz", ".tgz", ".tar.zst", ".tar.xz", ".tar.bz2", ".tar", ".tar.lz4")


class RegistryError(Exception):
    """The registry or a package in it cannot be used; the message is one line."""


class NoSuchPackage(RegistryError):
    """The registry has no (single) package of that name."""


# --- TOML ---------------------------------------------------------------------------------

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def parse_toml(text: str, label: str) -> dict:
    """Parse TOML; a syntax error becomes `file:line:column: invalid TOML (...)`."""
    try:
        return tomllib.loads(text)
    except RecursionError:  # arrays nested thousands deep
        raise RegistryError(f"{label}: invalid TOML (nested too deeply)") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        if match:
            message = message[: match.start()]
            raise RegistryError(f"{label}:{match.group(1)}:{match.group(2)}: invalid TOML ({message})") from None
        raise RegistryError(f"{label}: invalid TOML ({message})") from None


# --- where the files come from -------------------------------------------------------------


@dataclass
class FileSource:
    """Relative path → text, from a folder or from the members of a tarball held in memory."""

    label: str  # shown in messages: a folder path, or the tarball's path or URL
    read: Callable[[str], str | None]
    in_archive: bool = False

    def where(self, relpath: str) -> str:
        """How messages name a file: `folder/A/Foo/Compat.toml` or `General.tar.gz:A/Foo/Compat.toml`."""
        return f"{self.label}:{relpath}" if self.in_archive else f"{self.label.rstrip('/')}/{relpath}"


def folder_source(root: Path) -> FileSource:
    def read(relpath: str) -> str | None:
        path = root / relpath
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise RegistryError(f"{path}: cannot read ({exc})") from None

    return FileSource(str(root), read)


def tarball_source(data: bytes | Path, label: str) -> FileSource:
    """All `.toml` members of a registry tarball, read in memory (as Pkg does)."""
    from recipegen.archives import ArchiveError, read_members

    try:
        members = read_members(
            data if isinstance(data, bytes) else Path(data), lambda n: n.endswith(".toml"), label=label
        )
    except ArchiveError as exc:
        raise RegistryError(str(exc)) from None
    files = _strip_top_folder(members)

    def read(relpath: str) -> str | None:
        raw = files.get(relpath)
        if raw is None:
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise RegistryError(f"{label}:{relpath}: not UTF-8 text") from None

    return FileSource(label, read, in_archive=True)


def _strip_top_folder(members: dict[str, bytes]) -> dict[str, bytes]:
    """Pkg-server tarballs have no top folder; GitHub archives have one (`General-<sha>/`)."""
    if "Registry.toml" in members:
        return members
    tops = {name.split("/", 1)[0] for name in members if "/" in name}
    if len(tops) == 1:
        top = tops.pop() + "/"
        if top + "Registry.toml" in members:
            return {name[len(top) :]: data for name, data in members.items() if name.startswith(top)}
    return members


# --- the model -------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionInfo:
    version: str
    git_tree_sha1: str
    yanked: bool


@dataclass
class Package:
    name: str
    uuid: str
    path: str  # folder inside the registry
    repo: str
    subdir: str
    versions: dict[str, VersionInfo]
    deps: dict[str, dict[str, str]]  # range key → {dep name: uuid}
    compat: dict[str, dict[str, object]]  # range key → {dep name: range or [ranges]}
    weakdeps: dict[str, dict[str, str]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # file name → label for messages

    @property
    def is_jll(self) -> bool:
        return self.name.endswith("_jll")

    def sorted_versions(self) -> list[str]:
        return sorted(self.versions, key=version_sort_key)

    def newest_version(self) -> str | None:
        live = [v for v in self.sorted_versions() if not self.versions[v].yanked]
        return live[-1] if live else None

    def deps_of(self, version: str) -> dict[str, str]:
        """Dependencies (name → uuid) of one version: every `Deps.toml` section containing it."""
        return _sections_for(self.deps, version, self.files.get("Deps.toml", "Deps.toml"))

    def weakdeps_of(self, version: str) -> dict[str, str]:
        return _sections_for(self.weakdeps, version, self.files.get("WeakDeps.toml", "WeakDeps.toml"))

    def compat_of(self, version: str) -> dict[str, object]:
        """Compat entries (name → range value) of one version, `julia` included."""
        return _sections_for(self.compat, version, self.files.get("Compat.toml", "Compat.toml"))


def _sections_for(table: dict[str, dict], version: str, label: str) -> dict:
    try:
        return sections_for(table, version)
    except VersionSyntaxError as exc:
        raise RegistryError(f"{label}: {exc} (in a section key)") from None
    except OverlappingSections as exc:
        raise RegistryError(f"{label}: {exc}") from None


@dataclass
class Registry:
    name: str
    uuid: str
    repo: str
    source: FileSource
    packages: dict[str, tuple[str, str]]  # uuid → (name, path)
    _by_name: dict[str, list[str]] = field(default_factory=dict)  # lowercase name → uuids
    _loaded: dict[str, Package] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for uuid, (name, _path) in self.packages.items():
            self._by_name.setdefault(name.lower(), []).append(uuid)

    @property
    def label(self) -> str:
        return self.source.label

    @property
    def local(self) -> bool:
        """Read from a folder or file on this machine (not downloaded)."""
        return not self.source.label.startswith(("http://", "https://"))

    def is_registered(self, uuid: str) -> bool:
        return uuid in self.packages

    def find(self, name: str) -> Package:
        """A package by name: case-insensitive, a `.jl` suffix accepted."""
        wanted = name.strip()
        if wanted.lower().endswith(".jl"):
            wanted = wanted[:-3]
        uuids = self._by_name.get(wanted.lower(), [])
        exact = [u for u in uuids if self.packages[u][0] == wanted]
        if len(exact) == 1:
            uuids = exact
        if not uuids:
            raise NoSuchPackage(f"{name}: no such package in the {self.name} registry ({self.label})")
        if len(uuids) > 1:
            names = ", ".join(sorted(f"{self.packages[u][0]} ({u})" for u in uuids))
            raise NoSuchPackage(f"{name}: ambiguous in the {self.name} registry: {names}")
        return self.load(uuids[0])

    def load(self, uuid: str) -> Package:
        if uuid in self._loaded:
            return self._loaded[uuid]
        name, path = self.packages[uuid]
        files = {
            n: self.source.where(f"{path}/{n}")
            for n in ("Package.toml", "Versions.toml", "Deps.toml", "Compat.toml", "WeakDeps.toml")
        }
        meta = self._toml(f"{path}/Package.toml", required=True)
        versions_raw = self._toml(f"{path}/Versions.toml", required=True)
        versions: dict[str, VersionInfo] = {}
        for version, info in versions_raw.items():
            try:
                parse_version(version)
            except VersionSyntaxError as exc:
                raise RegistryError(f"{files['Versions.toml']}: {exc}") from None
            if not isinstance(info, dict) or not isinstance(info.get("git-tree-sha1"), str):
                raise RegistryError(f"{files['Versions.toml']}: version {version} has no git-tree-sha1")
            versions[version] = VersionInfo(version, info["git-tree-sha1"], bool(info.get("yanked", False)))
        repo = meta.get("repo")
        if not isinstance(repo, str) or not repo:
            raise RegistryError(f"{files['Package.toml']}: no repo")
        package = Package(
            name=str(meta.get("name", name)),
            uuid=uuid,
            path=path,
            repo=repo,
            subdir=str(meta.get("subdir", "") or ""),
            versions=versions,
            deps=self._tables(f"{path}/Deps.toml"),
            compat=self._tables(f"{path}/Compat.toml"),
            weakdeps=self._tables(f"{path}/WeakDeps.toml"),
            files=files,
        )
        self._loaded[uuid] = package
        return package

    def _toml(self, relpath: str, required: bool = False) -> dict:
        text = self.source.read(relpath)
        if text is None:
            if required:
                raise RegistryError(f"{self.source.where(relpath)}: missing from the registry")
            return {}
        return parse_toml(text, self.source.where(relpath))

    def _tables(self, relpath: str) -> dict[str, dict]:
        data = self._toml(relpath)
        for key, section in data.items():
            if not isinstance(section, dict):
                raise RegistryError(f"{self.source.where(relpath)}: [{key}] is not a table")
        return data


def load_registry(source: FileSource) -> Registry:
    """Check that `source` holds a registry and read its `Registry.toml`."""
    text = source.read("Registry.toml")
    if text is None:
        raise RegistryError(f"{source.label}: not a Julia registry (no Registry.toml)")
    data = parse_toml(text, source.where("Registry.toml"))
    entries = data.get("packages")
    if not isinstance(entries, dict) or not isinstance(data.get("uuid"), str):
        raise RegistryError(f"{source.where('Registry.toml')}: not a Julia registry (no uuid or [packages])")
    packages: dict[str, tuple[str, str]] = {}
    for uuid, entry in entries.items():
        if not (isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("path"), str)):
            raise RegistryError(f"{source.where('Registry.toml')}: package {uuid} has no name or path")
        packages[uuid] = (entry["name"], entry["path"])
    return Registry(str(data.get("name", "")), data["uuid"], str(data.get("repo", "")), source, packages)


# --- opening a registry ------------------------------------------------------------------------


def _is_tarball(name: str) -> bool:
    return name.lower().endswith(TARBALL_SUFFIXES)


def _pair_tarball(toml_path: Path) -> Path:
    """The tarball named by a `General.toml` that Pkg keeps next to it."""
    try:
        text = toml_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegistryError(f"{toml_path}: cannot read ({exc.strerror or exc})") from None
    info = parse_toml(text, str(toml_path))
    target = info.get("path")
    if not isinstance(target, str):
        raise RegistryError(f"{toml_path}: not a registry tarball description (no path key)")
    return toml_path.parent / target


def open_local(path: Path) -> Registry:
    """A registry folder, a tarball, a `General.toml` + tarball pair, or a folder holding the pair."""
    if path.is_dir():
        if (path / "Registry.toml").exists():
            return load_registry(folder_source(path))
        pairs = sorted(p for p in path.glob("*.toml") if p.name != "Registry.toml")
        for pair in pairs:
            tarball = _pair_tarball(pair)
            if tarball.exists():
                return open_local(tarball)
        raise RegistryError(f"{path}: not a Julia registry (no Registry.toml, no registry tarball)")
    if not path.exists():
        raise RegistryError(f"{path}: no such file or folder")
    if path.suffix == ".toml" and not _is_tarball(path.name):
        if path.name == "Registry.toml":
            return load_registry(folder_source(path.parent))
        tarball = _pair_tarball(path)
        if not tarball.exists():
            raise RegistryError(f"{path}: names {tarball.name}, which does not exist")
        return open_local(tarball)
    return load_registry(tarball_source(path, str(path)))


def user_registry() -> Path | None:
    """`~/.julia/registries/General` (folder) or its `General.toml` + tarball, honouring JULIA_DEPOT_PATH."""
    depots = [d for d in os.environ.get("JULIA_DEPOT_PATH", "").split(os.pathsep) if d]
    depots.append(str(Path.home() / ".julia"))
    for depot in depots:
        base = Path(depot) / "registries"
        if (base / "General" / "Registry.toml").exists():
            return base / "General"
        if (base / "General.toml").exists():
            return base / "General.toml"
    return None


def open_url(url: str, fetcher) -> Registry:
    """A registry tarball URL, or a repository URL (its archive of the default branch)."""
    from recipegen.http import FetchError

    target = url
    if not _is_tarball(url):
        repo = url[:-4] if url.endswith(".git") else url.rstrip("/")
        target = f"{repo}/archive/HEAD.tar.gz"
    try:
        response = fetcher.get(target)
    except FetchError as exc:
        raise RegistryError(f"cannot download the registry: {exc}") from None
    return load_registry(tarball_source(response.content, target))


def open_public_general(fetcher) -> Registry:
    """The public General registry, the way Pkg gets it: the Pkg server's current tarball."""
    from recipegen.generators.julia.source import pkg_server

    from recipegen.endpoints import endpoint
    from recipegen.http import FetchError

    server = pkg_server()
    try:
        listing = fetcher.get(f"{server}/registries", cache=fetcher.offline).text
    except FetchError as exc:
        fallback = endpoint("RECIPEGEN_JULIA_REGISTRY_URL")
        if fetcher.offline:
            raise RegistryError(f"no Julia registry available offline ({exc.reason}); pass --registry PATH") from None
        try:
            return open_url(fallback, fetcher)
        except RegistryError:
            raise RegistryError(f"cannot download the General registry: {exc}") from None
    for line in listing.splitlines():
        if f"/registry/{GENERAL_UUID}/" in line.strip():
            return _open_pkg_server_tarball(f"{server}{line.strip()}", fetcher)
    raise RegistryError(f"{server}/registries does not list the General registry")


def _open_pkg_server_tarball(url: str, fetcher) -> Registry:
    from recipegen.http import FetchError

    try:
        response = fetcher.get(url)  # content-addressed (tree hash in the URL): safe to cache
    except FetchError as exc:
        raise RegistryError(f"cannot download the registry: {exc}") from None
    return load_registry(tarball_source(response.content, url))


def open_registry(spec: str | None, fetcher) -> Registry:
    """`--registry` (path or URL), else the user's General registry, else the public one."""
    if spec:
        if re.match(r"^[a-z][a-z0-9+.-]*://", spec, re.I) and not spec.startswith("file://"):
            return open_url(spec, fetcher)
        return open_local(Path(spec.removeprefix("file://")).expanduser())
    local = user_registry()
    if local is not None:
        return open_local(local)
    return open_public_general(fetcher)
