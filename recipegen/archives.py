"""Reading archives in place with libarchive-c: never extracted to disk, guarded by limits.

Used for sdists and wheels, CRAN tarballs, Julia registry tarballs and conda packages.
A member path with `..` or an absolute path, too many members, or too many bytes is an
ArchiveError (a one-line message), never a crash or a write outside a folder. A gzip stream is
checked whole (CRC and length, which libarchive does not check) before its members are read;
member names that are not UTF-8 are read with U+FFFD for the undecodable bytes.
"""

from __future__ import annotations

import logging
import re
import zlib
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


def _libarchive_reason(exc: Exception) -> str:
    """libarchive's message without its internals (`(errno=84, retcode=-30, archive_p=...)`)."""
    text = " ".join(str(exc).split())
    text = re.sub(r"\s*\((?:errno|retcode|archive_p)=[^)]*\)", "", text).strip()
    return text[:160] or "not an archive libarchive can read"


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
    check_gzip(source, limits, archive_name)
    count = 0
    total = 0
    try:
        reader = libarchive.memory_reader(source) if isinstance(source, bytes) else libarchive.file_reader(str(source))
        with reader as entries:
            for entry in entries:
                count += 1
                if count > limits.members:
                    raise ArchiveError(f"{archive_name}: more than {limits.members} members (archive bomb?)")
                name = safe_member_name(_text(entry.pathname), archive_name)
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
                    link_target=_text(entry.linkpath) if entry.issym else "",
                    mode=entry.mode or 0,
                )
    except libarchive.ArchiveError as exc:
        raise ArchiveError(f"{archive_name}: cannot read archive ({_libarchive_reason(exc)})") from None


def _text(value: str | bytes | None) -> str:
    """A member name as text (libarchive-c hands back bytes it cannot decode)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value or ""


GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


def check_gzip(source: bytes | str | Path, limits: Limits, archive_name: str) -> None:
    """For gzip data: every member's CRC-32 and length checked (libarchive skips the check),
    reading at most the archive's byte limit; ArchiveError when corrupt or truncated."""
    if isinstance(source, bytes):
        if not source.startswith(GZIP_MAGIC):
            return
        chunks: Iterator[bytes] = (source[i : i + _CHUNK] for i in range(0, len(source), _CHUNK))
        _check_gzip_chunks(chunks, limits, archive_name)
        return
    try:
        with open(source, "rb") as handle:
            if handle.read(2) != GZIP_MAGIC:
                return
            handle.seek(0)
            _check_gzip_chunks(iter(lambda: handle.read(_CHUNK), b""), limits, archive_name)
    except OSError:
        return  # libarchive says what is wrong with the file


def _check_gzip_chunks(chunks: Iterator[bytes], limits: Limits, archive_name: str) -> None:
    budget = limits.total_bytes + limits.members * 1024 + _CHUNK  # tar headers and padding
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    produced = 0
    try:
        for chunk in chunks:
            while chunk:
                produced += len(decoder.decompress(chunk, _CHUNK))
                chunk = decoder.unconsumed_tail
                if produced > budget:
                    raise ArchiveError(
                        f"{archive_name}: unpacks to more than {limits.total_bytes} bytes (archive bomb?)"
                    )
                if decoder.eof:  # concatenated gzip members: check the next one too
                    chunk = decoder.unused_data + chunk
                    if chunk.strip(b"\x00") and chunk.startswith(GZIP_MAGIC):
                        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    else:
                        return  # trailing zeros or garbage after the data: libarchive decides
    except zlib.error as exc:
        raise ArchiveError(f"{archive_name}: corrupt gzip data ({exc})") from None
    if not decoder.eof:
        raise ArchiveError(f"{archive_name}: truncated gzip data")


def read_members(source: bytes | str | Path, names: Callable[[str], bool], **kwargs) -> dict[str, bytes]:
    """The bytes of every member selected by `names`, keyed by member name."""
    return {m.name: m.data for m in iter_members(source, want=names, **kwargs) if m.data is not None}


def list_members(source: bytes | str | Path, **kwargs) -> list[Member]:
    """Every member's name and metadata, reading no contents."""
    return list(iter_members(source, **kwargs))
