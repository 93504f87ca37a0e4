import io
import tarfile
import zipfile

import pytest

from recipegen.archives import ArchiveError, Limits, list_members, read_members


def tarball(members):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_reads_selected_members_in_memory():
    data = tarball([("pkg-1.0/PKG-INFO", b"Name: pkg\n"), ("pkg-1.0/setup.py", b"print()\n")])
    got = read_members(data, lambda name: name.endswith("PKG-INFO"))
    assert got == {"pkg-1.0/PKG-INFO": b"Name: pkg\n"}


def test_zip_and_dot_slash_names():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("./a/b.txt", "x")
    assert [m.name for m in list_members(buffer.getvalue())] == ["a/b.txt"]


@pytest.mark.parametrize("name", ["../evil", "a/../../evil", "/etc/passwd"])
def test_escaping_members_are_errors(name):
    with pytest.raises(ArchiveError):
        list_members(tarball([(name, b"x")]))


def test_member_count_and_size_limits():
    data = tarball([(f"f{i}", b"x" * 10) for i in range(20)])
    with pytest.raises(ArchiveError, match="more than 5 members"):
        list_members(data, limits=Limits(members=5))
    with pytest.raises(ArchiveError, match="bomb"):
        list_members(data, limits=Limits(total_bytes=100))
    with pytest.raises(ArchiveError, match="larger than"):
        read_members(data, lambda n: True, limits=Limits(member_bytes=5))


def test_not_an_archive():
    with pytest.raises(ArchiveError, match="cannot read archive"):
        list_members(b"this is not an archive at all")
