"""The recipe's source tree as far as it is available locally, for the license-file rules.

A `SourceTree` is the set of files of the build's work folder (relative POSIX paths) and a way
to read the license-like ones. It is known when `LintOptions.source_dir` is given (taken as the
whole unpacked source), or when every source of the recipe is available: `path:` sources on
disk (relative to the recipe folder), and with `--fetch-sources` url sources downloaded through
`recipegen.http.Fetcher` (cached) and listed in memory with `recipegen.archives` (never
unpacked to disk, never executed). Git sources cannot be read offline: the tree is unknown.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from recipegen.linters.model import LintOptions, RecipeDocument, RecipeView
from recipegen.linters.rules._folder import on_disk, per_version

MAX_FILES = 200_000
MAX_LICENSE_BYTES = 1_000_000
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__"}


@dataclass
class SourceTree:
    files: set[str] = field(default_factory=set)
    readers: dict[str, Callable[[], bytes | None]] = field(default_factory=dict)
    label: str = ""

    def add_disk(self, root: Path, prefix: str = "") -> None:
        for rel in disk_listing(root):
            full = f"{prefix}{rel}"
            self.files.add(full)
            self.readers[full] = functools.partial(_read_disk, root / rel)

    def matches(self, entry: str) -> list[str]:
        """Files a `license_file` entry names: the file, every file under a folder, or a glob."""
        entry = entry.strip().strip("/") if not entry.strip().startswith("/") else entry.strip()
        entry = entry.removeprefix("./")
        if entry in self.files:
            return [entry]
        if any(ch in entry for ch in "*?["):
            import fnmatch

            return sorted(f for f in self.files if fnmatch.fnmatchcase(f, entry))
        prefix = entry.rstrip("/") + "/"
        return sorted(f for f in self.files if f.startswith(prefix))

    def read(self, name: str) -> bytes | None:
        reader = self.readers.get(name)
        return reader() if reader else None


def disk_listing(root: Path) -> tuple[str, ...]:
    """Relative POSIX paths of the files under `root` (VCS folders skipped, at most MAX_FILES)."""
    return per_version(root, _listing, ())


@lru_cache(maxsize=32)
def _listing(root: str, mtime_ns: int) -> tuple[str, ...]:
    found: list[str] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        rel_folder = Path(folder).relative_to(root).as_posix()
        for name in sorted(names):
            found.append(name if rel_folder == "." else f"{rel_folder}/{name}")
            if len(found) >= MAX_FILES:
                return tuple(found)
    return tuple(found)


def _returning(data: bytes | None) -> Callable[[], bytes | None]:
    return lambda: data


def _read_disk(path: Path) -> bytes | None:
    try:
        if path.stat().st_size > MAX_LICENSE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def recipe_tree(doc: RecipeDocument) -> SourceTree:
    """The recipe folder (license files may live next to the recipe)."""
    tree = SourceTree(label="the recipe folder")
    if on_disk(doc) and doc.recipe_dir.is_dir():
        tree.add_disk(doc.recipe_dir)
    return tree


def is_folder(path: Path) -> bool:
    """`path.is_dir()`, False for a name the system refuses (too long, a NUL byte)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def source_tree(doc: RecipeDocument, view: RecipeView, options: LintOptions) -> SourceTree | None:
    """The work folder's files, or None when some source of the recipe is not available."""
    if options.source_dir is not None:
        root = Path(options.source_dir)
        if not root.is_dir():
            return None
        tree = SourceTree(label=str(root))
        tree.add_disk(root)
        return tree
    facts = view.facts
    entries = facts.sources
    if not entries or not on_disk(doc):
        return None
    tree = SourceTree(label="the source")
    for entry, _ in entries:
        prefix = facts.source_folder(entry)
        path = entry.get("path")
        url = entry.get("url")
        if path:
            try:
                folder = (doc.recipe_dir / facts.render(path)).resolve()
            except (OSError, ValueError):
                return None
            if not is_folder(folder):
                return None
            folder = folder.resolve()
            tree.add_disk(folder, prefix)
        elif url and options.fetch_sources:
            url = facts.render(url[0] if isinstance(url, list) else url)
            fetched = fetched_archive(str(url))
            if fetched is None or digest_mismatch(entry, fetched, facts.render):
                return None  # unavailable, or not the bytes the recipe names: nothing read from it
            for name, data in fetched.members.items():
                tree.files.add(prefix + name)
                tree.readers[prefix + name] = _returning(data)
        else:
            return None
    return tree


@dataclass(frozen=True)
class FetchedSource:
    """A downloaded source archive: its digests and its license-like members (bytes)."""

    digests: dict[str, str]  # "sha256" / "sha1" / "md5" -> hex digest of the downloaded bytes
    members: dict[str, bytes | None]


DIGEST_KEYS = ("sha256", "sha1", "md5")


def digest_mismatch(entry: dict, fetched: FetchedSource, render: Callable[[Any], str]) -> tuple[str, str, str] | None:
    """(key, the recipe's digest, the download's) when the source entry names a digest the
    downloaded bytes do not have; None when it matches or names none."""
    for key in DIGEST_KEYS:
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            expected = render(value).strip().lower()
            if "{{" in expected:
                return None  # not known without a variant: nothing to compare
            return (key, expected, fetched.digests[key]) if expected != fetched.digests[key] else None
    return None


@lru_cache(maxsize=16)
def fetched_archive(url: str) -> FetchedSource | None:
    """A downloaded source archive (license-like members with their bytes, single top-level
    folder stripped as conda-build and rattler-build do); None when unavailable."""
    if "${{" in url or "{{" in url or not url.startswith(("http://", "https://")):
        return None
    import hashlib

    from recipegen.archives import ArchiveError, iter_members
    from recipegen.http import Fetcher, FetchError
    from recipegen.licenses import is_license_file_name

    try:
        content = Fetcher().get(url).content
        members = [
            m
            for m in iter_members(
                content, want=lambda n: is_license_file_name(n.rsplit("/", 1)[-1]) or is_license_file_name(n), label=url
            )
            if not m.is_dir
        ]
    except (FetchError, ArchiveError, OSError):
        return None
    names = [m.name for m in members]
    tops = {n.split("/", 1)[0] for n in names}
    strip = len(tops) == 1 and all("/" in n for n in names)
    result: dict[str, bytes | None] = {}
    for member in members:
        name = member.name.split("/", 1)[1] if strip else member.name
        result[name] = member.data
    digests = {key: hashlib.new(key, content).hexdigest() for key in DIGEST_KEYS}
    return FetchedSource(digests, result)


def checkable(entry: str) -> str | None:
    """The entry as a path relative to the work/recipe folder, None when it cannot be verified
    (Jinja left, absolute or parent paths). v0's `{{ RECIPE_DIR }}/x` renders to `RECIPE_DIR/x`."""
    text = entry.strip()
    for marker in ("RECIPE_DIR/", "$RECIPE_DIR/", "${RECIPE_DIR}/", "%RECIPE_DIR%/", "%RECIPE_DIR%\\"):
        if text.startswith(marker):
            return None
    if not text or "{{" in text or "$" in text or text.startswith(("/", "\\")) or ".." in Path(text).parts:
        return None
    if len(text) > 1 and text[1] == ":":  # C:\...
        return None
    return text.replace("\\", "/")


def recipe_dir_entry(entry: str) -> str | None:
    """`RECIPE_DIR/LICENSE` (v0 rendered) -> `LICENSE` in the recipe folder."""
    for marker in ("RECIPE_DIR/", "$RECIPE_DIR/", "${RECIPE_DIR}/", "%RECIPE_DIR%/", "%RECIPE_DIR%\\"):
        if entry.strip().startswith(marker):
            return entry.strip()[len(marker) :].replace("\\", "/")
    return None


def resolve_license_entry(entry: str) -> tuple[str, bool] | None:
    """(relative path to look up, whether it is in the recipe folder rather than the source),
    None when the entry cannot be verified."""
    in_recipe = recipe_dir_entry(entry)
    if in_recipe is not None:
        return in_recipe, True
    relative = checkable(entry)
    return None if relative is None else (relative, False)


@dataclass
class LicenseFiles:
    """One view's `license_file` entries with the trees they are looked up in."""

    view: RecipeView
    entries: list[tuple[str, tuple, tuple]]  # (entry, path of the entry, path of its `about`)
    recipe: SourceTree  # the recipe folder
    source: SourceTree | None  # None when the source is not available


def license_files(doc: RecipeDocument, options: LintOptions) -> Iterator[LicenseFiles]:
    """Every view that has `license_file` entries (the recipe folder is listed once)."""
    folder = None
    for view in doc.views:
        entries = view.facts.license_file_entries
        if entries:
            folder = folder or recipe_tree(doc)
            yield LicenseFiles(view, entries, folder, source_tree(doc, view, options))
