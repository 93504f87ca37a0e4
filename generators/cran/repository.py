"""A CRAN-like repository: public CRAN, a mirror (any URL) or a local folder.

Standard layout below the root: `src/contrib/PACKAGES.gz` or `PACKAGES` (the index of
current versions), `src/contrib/<Pkg>_<ver>.tar.gz` (current tarballs) and
`src/contrib/Archive/<Pkg>/<Pkg>_<ver>.tar.gz` (older versions).
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from recipegen.generators.cran.description import (
    Description,
    DescriptionError,
    collapse,
    decode_dcf,
    parse_dcf,
)

CONTRIB = "src/contrib"
# Index fields a lookup depends on: one token each (a continuation line there breaks the index).
_PACKAGE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.]*")
_VERSION = re.compile(r"[0-9]+(?:[.-][0-9]+)*")


class RepositoryError(Exception):
    """The repository cannot answer (unknown package or version, broken index, network)."""


class NotFound(RepositoryError):
    pass


class Refused(RepositoryError):
    """A tarball whose digest is not the one the index records."""


class NotCached(RepositoryError):
    """--offline and the file is not in the local cache (it may still exist upstream)."""


# Index file names, tried in this order; offline the same order is tried from the cache.
INDEX_NAMES = ("PACKAGES.gz", "PACKAGES")


@dataclass(frozen=True)
class FetchedTarball:
    package: str  # CRAN's spelling
    version: str
    data: bytes
    location: str  # URL or path it was read from
    archived: bool  # True when it came from Archive/<Pkg>/

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _md5(record: Description | None) -> str | None:
    """The index's MD5sum of the current tarball (CRAN's PACKAGES has one per package)."""
    value = record.get("MD5sum").strip() if record is not None else ""
    return value if re.fullmatch(r"[0-9a-fA-F]{32}", value) else None


def _version_key(version: str) -> list[int]:
    return [int(part) for part in re.findall(r"\d+", version)]


def tarball_name(package: str, version: str) -> str:
    return f"{package}_{version}.tar.gz"


def current_path(package: str, version: str) -> str:
    return f"{CONTRIB}/{tarball_name(package, version)}"


def archive_path(package: str, version: str) -> str:
    return f"{CONTRIB}/Archive/{package}/{tarball_name(package, version)}"


class CranRepository:
    """Index lookups and tarball downloads through a `read(relative_path) -> bytes` callable.

    `read` raises NotFound for a missing file and RepositoryError for any other failure.
    """

    def __init__(
        self,
        read: Callable[..., bytes],
        label: str,
        list_dir: Callable[[str], list[str]] | None = None,
        *,
        local: bool = False,
    ):
        self._read = read
        self._list_dir = list_dir
        self.label = label
        self.local = local  # a folder the user gave: what it holds that cannot be read is unusable input
        self._index: dict[str, Description] | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str, fetcher) -> CranRepository:
        from recipegen.http import DigestMismatch, FetchError

        root = url.rstrip("/")

        def read(relative: str, *, refresh: bool = False, md5: str | None = None) -> bytes:
            try:
                return fetcher.get(f"{root}/{relative}", refresh=refresh, md5=md5).content
            except DigestMismatch as exc:  # the index's MD5sum names other bytes: refused
                raise Refused(str(exc)) from None
            except FetchError as exc:
                if exc.status in (404, 410):
                    raise NotFound(f"{root}/{relative}: not found") from None
                if exc.status is None and getattr(fetcher, "offline", False):
                    raise NotCached(str(exc)) from None
                raise RepositoryError(str(exc)) from None

        def list_dir(relative: str) -> list[str]:
            # Apache/nginx directory listings, as CRAN and its mirrors serve them.
            html = read(relative.rstrip("/") + "/", refresh=True).decode("utf-8", "replace")
            return sorted(set(re.findall(r'href="([^"/?#]+)"', html)))

        return cls(read, root, list_dir)

    @classmethod
    def from_dir(cls, path: Path) -> CranRepository:
        root = Path(path)
        if not root.is_dir():
            raise RepositoryError(f"{root}: not a folder")

        def read(relative: str, *, refresh: bool = False, md5: str | None = None) -> bytes:
            from recipegen.http import DigestMismatch, check_digests

            target = root / relative
            try:
                data = target.read_bytes()
            except FileNotFoundError:
                raise NotFound(f"{target}: not found") from None
            except OSError as exc:
                raise RepositoryError(f"{target}: cannot read ({exc.strerror or exc})") from None
            try:
                check_digests(str(target), data, {"md5": md5.lower()} if md5 else {})
            except DigestMismatch as exc:
                raise Refused(str(exc)) from None
            return data

        def list_dir(relative: str) -> list[str]:
            folder = root / relative
            return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []

        return cls(read, str(root), list_dir, local=True)

    # -- index -----------------------------------------------------------------------
    def index(self) -> dict[str, Description]:
        """Current packages keyed by lower-cased name (read once per repository object)."""
        with self._lock:
            if self._index is None:
                self._index = self._load_index()
            return self._index

    def _read_index(self) -> tuple[bytes, str]:
        """The first index file present, in INDEX_NAMES order (online and, from the cache, offline)."""
        uncached: list[str] = []
        for name in INDEX_NAMES:
            where = f"{self.label}/{CONTRIB}/{name}"
            try:
                raw = self._read(f"{CONTRIB}/{name}", refresh=True)
            except NotCached:
                uncached.append(name)
                continue
            except NotFound:
                continue
            if name.endswith(".gz"):
                try:
                    raw = gzip.decompress(raw)
                except (OSError, EOFError, zlib.error) as exc:
                    raise RepositoryError(f"{where}: broken index (not gzip data: {exc})") from None
            return raw, where
        if uncached:
            raise RepositoryError(
                f"{self.label}: no {CONTRIB}/{' or '.join(uncached)} in the local cache and --offline was given"
            )
        raise RepositoryError(f"{self.label}: no {CONTRIB}/{' or '.join(INDEX_NAMES)} (not a CRAN-like repository?)")

    def _load_index(self) -> dict[str, Description]:
        raw, where = self._read_index()
        try:
            records = parse_dcf(decode_dcf(raw))
        except DescriptionError as exc:
            raise RepositoryError(f"{where}: broken index ({exc})") from None
        index: dict[str, Description] = {}
        for number, record in enumerate(records, start=1):
            if not record.get("Package") or not record.get("Version"):
                raise RepositoryError(f"{where}: broken index (record {number} has no Package or Version)")
            for field_name, pattern in (("Package", _PACKAGE_NAME), ("Version", _VERSION)):
                if not pattern.fullmatch(record[field_name]):
                    raise RepositoryError(
                        f"{where}: broken index (record {number}, package {collapse(record['Package'])!r}: "
                        f"field {field_name} {collapse(record[field_name])!r} is not a valid R package "
                        f"{'name' if field_name == 'Package' else 'version'})"
                    )
            key = record["Package"].lower()
            # Some repositories list a package once per R version it supports: keep the newest.
            if key not in index or _version_key(record["Version"]) > _version_key(index[key].version):
                index[key] = Description(record)
        return index

    def resolve(self, name: str) -> Description | None:
        """The index record of `name`, matched case-insensitively; None when not current."""
        return self.index().get(name.lower())

    def archived_versions(self, package: str) -> list[str]:
        """Versions under Archive/<Pkg>/ (best effort: empty when the listing is unavailable)."""
        if self._list_dir is None:
            return []
        try:
            names = self._list_dir(f"{CONTRIB}/Archive/{package}")
        except RepositoryError:
            return []
        prefix = f"{package}_"
        versions = [n[len(prefix) : -len(".tar.gz")] for n in names if n.startswith(prefix) and n.endswith(".tar.gz")]
        return sorted(versions, key=_version_key)

    def archive_folder(self, name: str) -> str | None:
        """CRAN's spelling of Archive/<Pkg>/ for `name`, matched case-insensitively (None: no such folder)."""
        if self._list_dir is None:
            return None
        try:
            folders = self._list_dir(f"{CONTRIB}/Archive")
        except RepositoryError:
            return None
        matches = [f for f in folders if f.lower() == name.lower()]
        return name if name in matches else (matches[0] if matches else None)

    # -- tarballs --------------------------------------------------------------------
    def fetch(self, name: str, version: str | None = None) -> FetchedTarball:
        """The tarball of `name` (newest from the index, or `version` from the archive)."""
        record = self.resolve(name)
        package = record.package if record is not None else (self.archive_folder(name) or name)
        if record is None and version is None:
            archived = self.archived_versions(package)
            if archived:
                raise NotFound(
                    f"{package} is not current in {self.label} (archived versions: "
                    f"{', '.join(archived[-8:])}; pick one with --version)"
                )
            raise NotFound(f"no such package in {self.label} (not in {CONTRIB}/PACKAGES nor {CONTRIB}/Archive/)")
        current = record.version if record is not None else None
        wanted = version or current
        assert wanted is not None
        if wanted == current:
            try:
                return FetchedTarball(
                    package,
                    wanted,
                    self._read(current_path(package, wanted), md5=_md5(record)),
                    f"{self.label}/{current_path(package, wanted)}",
                    archived=False,
                )
            except NotFound:
                pass  # a mirror may already have moved it to the archive
        try:
            data = self._read(archive_path(package, wanted))
        except NotFound:
            raise NotFound(self._missing_version_message(package, wanted, current, record is not None)) from None
        return FetchedTarball(package, wanted, data, f"{self.label}/{archive_path(package, wanted)}", archived=True)

    def _missing_version_message(self, package: str, version: str, current: str | None, known: bool) -> str:
        older = self.archived_versions(package)
        if not known and not older:
            return f"no such package in {self.label} (neither current nor in {CONTRIB}/Archive/{package}/)"
        if version == current:
            return (
                f"{CONTRIB}/PACKAGES lists {package} {version} but the tarball {tarball_name(package, version)} "
                f"is missing from {self.label}/{CONTRIB}/ and from {CONTRIB}/Archive/{package}/"
            )
        known_versions = ", ".join([*older[-8:], *([f"{current} (current)"] if current else [])])
        return f"version {version} not found in {self.label} (available: {known_versions})"
