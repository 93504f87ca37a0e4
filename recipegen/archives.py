"""Reading archives in place with libarchive-c: never extracted to disk, guarded by limits.

Used for sdists and wheels, CRAN tarballs, Julia registry tarballs and conda packages.
A member path with `..` or an absolute path, too many members, or too many bytes is an
ArchiveError (a one-line message), never a crash or a write outside a folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# libarchive-c logs a reader's warnings (e.g. "Missing type keyword in mtree specification" for a
# file that is no archive at all); our callers turn failures into one-line errors instead.
logging.getLogger("libarchive").addHandler(logging.NullHandler())
logging.getLogger("libarchive").propagate = False

MAX_MEMBERS = 200_000
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_MEMBER_BYTES = 256 * 1024 * 1024


class ArchiveError(Exception):
    """An archive that cannot be read safely; the message names the archive and the problem."""


@dataclass(frozen=True)
class Limits:
    members: int = MAX_MEMBERS
    total_bytes: int = MAX_TOTAL_BYTES
    member_bytes: int = MAX_MEMBER_BYTES


@dataclass
class Member:
    name: str  # normalised relative POSIX path, no leading "./"
    size: int
    is_dir: bool
    is_symlink: bool
    data: bytes | None  # None unless selected by `want`
    link_target: str = ""
    mode: int = 0


def safe_member_name(raw: str, archive: str) -> str:
    """Normalise a member path; raise ArchiveError for absolute paths and `..` components."""
    name = raw.replace("\\", "/")
    while name.startswith("./"):
        name = name[2:]
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ArchiveError(f"{archive}: member {raw!r} has an absolute path")
    parts = PurePosixPath(name).parts
    if ".." in parts:
        raise ArchiveError(f"{archive}: member {raw!r} points outside the archive ('..')")
    return "/".join(p for p in parts if p not in ("", "."))


def iter_members(
    source: bytes | str | Path,
    *,
    want: Callable[[str], bool] | None = None,
    limits: Limits = Limits(),
    label: str | None = None,
) -> Iterator[Member]:
    """Yield every member of an archive (any format libarchive reads: tar.*, zip, ...).

    `want(name)` selects which members' bytes are read into memory; the rest are skipped.
    """
    import libarchive  # imported here so commands that read no archive start faster

    archive_name = label or (str(source) if not isinstance(source, bytes) else "<archive>")
    count = 0
    total = 0
    try:
        reader = libarchive.memory_reader(source) if isinstance(source, bytes) else libarchive.file_reader(str(source))
        with reader as entries:
            for entry in entries:
                count += 1
                if count > limits.members:
                    raise ArchiveError(f"{archive_name}: more than {limits.members} members (archive bomb?)")
                name = safe_member_name(entry.pathname or "", archive_name)
                size = entry.size or 0
                total += size
                if total > limits.total_bytes:
                    raise ArchiveError(
                        f"{archive_name}: unpacks to more than {limits.total_bytes} bytes (archive bomb?)"
                    )
                data = None
                if entry.isfile and want is not None and want(name):
                    if size > limits.member_bytes:
                        raise ArchiveError(f"{archive_name}: member {name} is larger than {limits.member_bytes} bytes")
                    chunks, got = [], 0
                    for block in entry.get_blocks():
                        got += len(block)
                        if got > limits.member_bytes:
                            raise ArchiveError(
                                f"{archive_name}: member {name} is larger than {limits.member_bytes} bytes"
                            )
                        chunks.append(block)
                    data = b"".join(chunks)
                if not name:
                    continue
                yield Member(
                    name=name,
                    size=size,
                    is_dir=bool(entry.isdir),
                    is_symlink=bool(entry.issym),
                    data=data,
                    link_target=entry.linkpath or "" if entry.issym else "",
                    mode=entry.mode or 0,
                )
    except libarchive.ArchiveError as exc:
        raise ArchiveError(f"{archive_name}: cannot read archive ({' '.join(str(exc).split())[:160]})") from None


def read_members(source: bytes | str | Path, names: Callable[[str], bool], **kwargs) -> dict[str, bytes]:
    """The bytes of every member selected by `names`, keyed by member name."""
    return {m.name: m.data for m in iter_members(source, want=names, **kwargs) if m.data is not None}


def list_members(source: bytes | str | Path, **kwargs) -> list[Member]:
    """Every member's name and metadata, reading no contents."""
    return list(iter_members(source, **kwargs))
