"""Built conda packages given with `recipegen lint --artifact PKG` (`.conda` or `.tar.bz2`).

Packages are read in memory with `recipegen.archives` (libarchive-c): a `.conda` is a zip
holding `info-*.tar.zst` and `pkg-*.tar.zst`; both inner tarballs are read from the zip's
bytes, never unpacked to disk. What rules get (`RecipeDocument.artifacts`):

    Artifact(path, name, version, build, subdir, files, index, run_exports)

`files` are the paths the package installs (relative to the prefix, POSIX separators, no
`info/`), sorted; `index` is `info/index.json`; `run_exports` is `info/run_exports.json`
(`{}` when absent). `RecipeDocument.artifact_files` maps package name -> files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from recipegen.problems import InputError
from recipegen.untrusted import BadJSON, loads_json

INFO_FILES = ("info/index.json", "info/run_exports.json")


@dataclass(frozen=True)
class Artifact:
    path: str
    name: str
    version: str
    build: str
    subdir: str
    files: tuple[str, ...]
    index: dict[str, Any] = field(default_factory=dict, compare=False)
    run_exports: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_static_package(self) -> bool:
        return self.name.endswith("-static")


def _json(raw: bytes | None, label: str) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        data = loads_json(raw)
    except BadJSON as exc:
        raise InputError(label, f"invalid JSON: {exc}") from None
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=64)
def read_artifact(path: str) -> Artifact:
    """Read one package; InputError (exit 2) for a missing file or an unreadable archive."""
    from recipegen.archives import ArchiveError, iter_members

    file = Path(path)
    if not file.is_file():
        raise InputError(path, "no such package file")
    if not (path.endswith(".conda") or path.endswith(".tar.bz2")):
        raise InputError(path, "expected a conda package (.conda or .tar.bz2)")
    files: list[str] = []
    info: dict[str, bytes] = {}
    try:
        if path.endswith(".tar.bz2"):
            for member in iter_members(file, want=lambda n: n in INFO_FILES):
                _collect(member, files, info)
        else:
            inner = {
                m.name: m.data for m in iter_members(file, want=lambda n: n.endswith(".tar.zst")) if m.data is not None
            }
            if not any(n.startswith("pkg-") for n in inner) or not any(n.startswith("info-") for n in inner):
                raise InputError(path, "not a .conda package (no info-*.tar.zst and pkg-*.tar.zst inside)")
            for name, data in sorted(inner.items()):
                for member in iter_members(data, want=lambda n: n in INFO_FILES, label=f"{path}!{name}"):
                    _collect(member, files, info)
    except ArchiveError as exc:
        raise InputError(path, str(exc).removeprefix(f"{path}: ")) from None
    index = _json(info.get("info/index.json"), f"{path}!info/index.json")
    if not index.get("name"):
        raise InputError(path, "not a conda package (no info/index.json with a name)")
    return Artifact(
        path=path,
        name=str(index["name"]),
        version=str(index.get("version", "")),
        build=str(index.get("build", "")),
        subdir=str(index.get("subdir", "")),
        files=tuple(sorted(files)),
        index=index,
        run_exports=_json(info.get("info/run_exports.json"), f"{path}!info/run_exports.json"),
    )


def _collect(member: Any, files: list[str], info: dict[str, bytes]) -> None:
    if member.name.startswith("info/"):
        if member.data is not None:
            info[member.name] = member.data
    elif not member.is_dir:
        files.append(member.name)


def read_artifacts(paths: tuple[str | Path, ...]) -> dict[str, Artifact]:
    """Packages by name (the last one wins when two share a name)."""
    return {a.name: a for a in (read_artifact(str(p)) for p in paths)}
