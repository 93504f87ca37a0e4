"""Reading inputs in place: .conda (zip of zstd tarballs), .tar.bz2, prefix tarballs, folders."""

from __future__ import annotations

import io
import tarfile

import pytest
from recipegen.generators.split.inputs import SplitInputError, read_tree

from recipegen.archives import Limits

from .split_trees import (
    Link,
    conda_info,
    dot_conda,
    linux_tree,
    prefix_tarball,
    tar_bz2_package,
    windows_tree,
    write_folder,
)

LICENSE = "Copyright (c) 2024 Foo\n\nPermission to use, copy, modify, and/or distribute this software"


def paths(tree) -> set[str]:
    return {f.path for f in tree.files}


def test_dot_conda_is_read_from_memory(tmp_path):
    artifact = tmp_path / "foo-1.2.3-h0_0.conda"
    artifact.write_bytes(dot_conda(linux_tree(), conda_info("libfoo", "1.2.3", "linux-64", LICENSE), "foo-1.2.3-h0_0"))
    tree = read_tree(artifact)
    assert tree.kind == "conda"
    assert (tree.name, tree.version, tree.subdir) == ("libfoo", "1.2.3", "linux-64")
    assert tree.about["home"] == "https://example.org/libfoo"
    assert paths(tree) == set(linux_tree())  # info/ is metadata, not payload
    assert list(tree.license_texts) == ["info/licenses/LICENSE"]
    link = tree.by_path()["lib/libfoo.so"]
    assert link.is_symlink and link.link_target == "libfoo.so.1"
    assert tree.by_path()["bin/footool"].executable
    assert sorted(p.name for p in tmp_path.iterdir()) == [artifact.name]  # nothing unpacked


def test_tar_bz2_conda_package(tmp_path):
    artifact = tmp_path / "foo-1.2.3-h0_0.tar.bz2"
    artifact.write_bytes(tar_bz2_package(windows_tree(), conda_info("foo", "1.2.3", "win-64")))
    tree = read_tree(artifact)
    assert tree.kind == "tar.bz2" and tree.subdir == "win-64"
    assert paths(tree) == set(windows_tree())


def test_prefix_tarball_with_destdir_folders_is_stripped(tmp_path):
    artifact = tmp_path / "install.tar.gz"
    artifact.write_bytes(prefix_tarball(linux_tree(), "pkgroot/usr/local/"))
    tree = read_tree(artifact)
    assert tree.kind == "archive" and not tree.name
    assert paths(tree) == set(linux_tree())


def test_prefix_folder(tmp_path):
    tree = read_tree(write_folder(linux_tree(), tmp_path / "prefix"))
    assert tree.kind == "folder" and paths(tree) == set(linux_tree())
    assert tree.by_path()["lib/libfoo.so.1"].link_target == "libfoo.so.1.2.3"


def _tar(members: list[tarfile.TarInfo]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for info in members:
            tar.addfile(info, io.BytesIO(b"x" * info.size) if info.isfile() else None)
    return out.getvalue()


def test_member_outside_the_archive_is_an_error(tmp_path):
    info = tarfile.TarInfo("../../etc/evil.so")
    info.size = 1
    (tmp_path / "bad.tar.gz").write_bytes(_tar([info]))
    with pytest.raises(SplitInputError, match=r"points outside the archive"):
        read_tree(tmp_path / "bad.tar.gz")


def test_absolute_member_is_an_error(tmp_path):
    info = tarfile.TarInfo("/usr/lib/libfoo.so")
    info.size = 1
    (tmp_path / "abs.tar.gz").write_bytes(_tar([info]))
    with pytest.raises(SplitInputError, match=r"absolute path"):
        read_tree(tmp_path / "abs.tar.gz")


def test_symlinks_are_recorded_never_followed(tmp_path):
    # Link targets are only compared with the tree's own paths: an absolute or escaping
    # target (Debian's libfoo.so -> /lib/<triplet>/libfoo.so.1) is kept as text.
    files = {"lib/libfoo.so.1": b"", "lib/libfoo.so": Link("/lib/libfoo.so.1"), "lib/libbar.so": Link("../../../etc/x")}
    tree = read_tree(write_folder(files, tmp_path / "prefix"))
    assert tree.by_path()["lib/libfoo.so"].link_target == "/lib/libfoo.so.1"
    from recipegen.generators.split.classify import DEV_LINK, classify_tree

    assert {c.path: c.category for c in classify_tree(tree)}["lib/libfoo.so"] == DEV_LINK


def test_member_limits_guard_against_bombs(tmp_path):
    artifact = tmp_path / "install.tar.gz"
    artifact.write_bytes(prefix_tarball(linux_tree()))
    with pytest.raises(SplitInputError, match=r"more than 5 members"):
        read_tree(artifact, limits=Limits(members=5))


def test_unusable_inputs(tmp_path):
    with pytest.raises(SplitInputError, match="no such file"):
        read_tree(tmp_path / "missing.conda")
    (tmp_path / "junk.conda").write_bytes(b"not a zip")
    with pytest.raises(SplitInputError, match="junk.conda"):
        read_tree(tmp_path / "junk.conda")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SplitInputError, match="holds no files"):
        read_tree(tmp_path / "empty")


RENDERED = b"""recipe:
  package:
    name: libfoo
    version: 1.2.3
  source:
    - url:
        - https://github.com/foo/foo/releases/download/v1.2.3/foo-1.2.3.tar.gz
      sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
"""


def test_source_from_the_packages_rendered_recipe(tmp_path):
    info = {**conda_info("libfoo", "1.2.3", "linux-64"), "info/recipe/rendered_recipe.yaml": RENDERED}
    artifact = tmp_path / "libfoo-1.2.3-h0_0.conda"
    artifact.write_bytes(dot_conda(linux_tree(), info, "libfoo-1.2.3-h0_0"))
    tree = read_tree(artifact)
    assert tree.source == {
        "url": "https://github.com/foo/foo/releases/download/v1.2.3/foo-1.2.3.tar.gz",
        "sha256": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    }
    from recipegen.generators.split.api import split_tree

    data = split_tree(tree).recipe.data
    assert (
        data["source"]["url"]
        == "https://github.com/foo/foo/releases/download/v${{ version }}/foo-${{ version }}.tar.gz"
    )
