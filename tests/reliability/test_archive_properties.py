"""Property tests of the archive reader: any archive, intact, corrupted or cut, gives members
with safe names and the bytes that were stored, or one ArchiveError line; never anything else."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from hypothesis import given
from hypothesis import strategies as st

from recipegen.archives import ArchiveError, Limits, iter_members

from .helpers import gzip_tar_bytes, tar_bytes

NAME_PART = st.one_of(
    st.sampled_from(["..", ".", "", "lib", "include", "info", "a b", "x\\y", "C:", "caf\udce9", "\udcff", "ü", "-"]),
    st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00/"), min_size=1, max_size=8),
)
NAME = st.lists(NAME_PART, min_size=1, max_size=4).map("/".join).map(lambda n: n if n.strip("/") else "x")
MEMBERS = st.dictionaries(NAME, st.binary(max_size=64), min_size=1, max_size=6)
DAMAGE = st.one_of(
    st.none(),
    st.tuples(st.just("flip"), st.integers(min_value=0), st.integers(min_value=1, max_value=255)),
    st.tuples(st.just("cut"), st.integers(min_value=0), st.just(0)),
)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(
                zipfile.ZipInfo(name.encode("utf-8", "surrogateescape").decode("cp437"), (1980, 1, 1, 0, 0, 0)), data
            )
    return buffer.getvalue()


BUILDERS = {
    "tar": lambda m: tar_bytes(m, mode="w"),
    "tar.gz": gzip_tar_bytes,
    "tar.bz2": tar_bytes,
    "zip": zip_bytes,
}


def damaged(data: bytes, damage) -> bytes:
    if damage is None or not data:
        return data
    kind, where, value = damage
    where %= len(data)
    if kind == "cut":
        return data[:where]
    broken = bytearray(data)
    broken[where] ^= value
    return bytes(broken)


def is_safe(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(name) and not name.startswith("/") and ".." not in parts and "\\" not in name


@given(members=MEMBERS, kind=st.sampled_from(sorted(BUILDERS)), damage=DAMAGE)
def test_any_archive_reads_safely_or_fails_in_one_line(members, kind, damage):
    data = damaged(BUILDERS[kind](members), damage)
    try:
        found = list(iter_members(data, want=lambda name: True, label="fuzz.archive", limits=Limits(members=50)))
    except ArchiveError as exc:
        assert str(exc).startswith("fuzz.archive: ") and "\n" not in str(exc)
        return
    for member in found:
        assert is_safe(member.name), member.name
        member.name.encode("utf-8")  # never a lone surrogate: undecodable bytes read as U+FFFD
    if damage is None:  # intact: every stored file comes back with its bytes
        by_name = {m.name: m.data for m in found if not m.is_dir}
        for name, data_stored in members.items():
            clean = "/".join(p for p in name.replace("\\", "/").split("/") if p not in ("", "."))
            plain = name == clean and all(ord(c) < 0xD800 for c in name)  # stored as written
            if plain and clean in by_name:
                assert by_name[clean] == data_stored


def test_an_unreadable_archive_is_named_without_libarchive_internals():
    """smoke review: `cxx junk.tar.gz` printed `(errno=84, retcode=-30, archive_p=1404...)`."""
    try:
        list(iter_members(b"\x8b\x02 not an archive at all " * 50, label="junk.tar.gz"))
    except ArchiveError as exc:
        message = str(exc)
    else:
        raise AssertionError("junk was read as an archive")
    assert message.startswith("junk.tar.gz: cannot read archive (")
    assert "errno=" not in message and "archive_p=" not in message and "retcode=" not in message
