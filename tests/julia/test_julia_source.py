"""Source archive helpers: URLs, the git tree hash, reading an archive."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile

import pytest
from recipegen.generators.julia.source import (
    Candidate,
    candidates,
    git_tree_hash,
    github_repo,
    homepage,
    pkg_server,
    read_archive,
)

from recipegen.archives import iter_members

from .conftest import TARBALL_DIR


def test_tree_hash_of_the_registry_tarball_is_the_recorded_one():
    """General.toml records the registry's git tree hash (computed with `git write-tree`)."""
    members = list(iter_members(TARBALL_DIR / "General.tar.gz", want=lambda name: True))
    recorded = (TARBALL_DIR / "General.toml").read_text().split('git-tree-sha1 = "')[1].split('"')[0]
    assert git_tree_hash(members) == recorded == "e1700f3532c27d5c4d1220ed7ecfb11677e85ad9"


def _archive_with_modes() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data, mode in (
            ("pkg/a.txt", b"a\n", 0o644),
            ("pkg/bin/run.sh", b"#!/bin/sh\n", 0o755),
            ("pkg/src/Pkg.jl", b"module Pkg end\n", 0o644),
        ):
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), mode
            tar.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("pkg/link")
        link.type, link.linkname = tarfile.SYMTYPE, "a.txt"
        tar.addfile(link)
        empty = tarfile.TarInfo("pkg/empty")
        empty.type = tarfile.DIRTYPE
        tar.addfile(empty)
    return buffer.getvalue()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to compute the reference hash")
def test_tree_hash_matches_git_for_modes_symlinks_and_empty_folders(tmp_path):
    content = _archive_with_modes()
    with tarfile.open(fileobj=io.BytesIO(content)) as tar:
        extra = {"filter": "tar"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(tmp_path / "x", **extra)
    repo = tmp_path / "x" / "pkg"
    # An empty config file of our own: on some CI machines /dev/null is a plain file with content.
    empty_config = tmp_path / "empty.gitconfig"
    empty_config.write_text("")
    env = {
        "GIT_CONFIG_GLOBAL": str(empty_config),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    expected = subprocess.run(
        ["git", "write-tree"], cwd=repo, check=True, env=env, capture_output=True, text=True
    ).stdout.strip()
    members = list(iter_members(content, want=lambda name: True))
    assert git_tree_hash(members, "pkg") == expected


def test_read_archive_keeps_top_level_files_of_root_and_package_folder():
    files = {
        "repo-1.0/LICENSE": b"l",
        "repo-1.0/README.md": b"r",
        "repo-1.0/docs/x.md": b"d",
        "repo-1.0/sub/Pkg/Project.toml": b"p",
        "repo-1.0/sub/Pkg/src/Pkg.jl": b"s",
    }
    from .conftest import tar_bytes

    archive = read_archive(tar_bytes(files), Candidate("u", "tag", "sub/Pkg"), "u")
    assert archive.top == "repo-1.0"
    assert sorted(archive.files) == ["LICENSE", "README.md", "sub/Pkg/Project.toml"]
    assert len(archive.sha256) == 64 and len(archive.tree_hash) == 40


def test_urls(monkeypatch):
    for name in ("RECIPEGEN_GITHUB_URL", "RECIPEGEN_JULIA_PKG_SERVER", "JULIA_PKG_SERVER"):
        monkeypatch.delenv(name, raising=False)
    assert github_repo("git@github.com:JuliaIO/HDF5.jl.git") == "https://github.com/JuliaIO/HDF5.jl"
    assert github_repo("https://gitlab.com/a/b.git") is None
    assert homepage("git://github.com/A/B.jl.git") == "https://github.com/A/B.jl"
    assert homepage("https://gitlab.com/a/b.git") == "https://gitlab.com/a/b"
    found = candidates(
        "ArrowTypes", "u-u-i-d", "2.3.0", "https://github.com/apache/arrow-julia.git", "src/ArrowTypes", "abc"
    )
    assert [c.url for c in found] == [
        "https://github.com/apache/arrow-julia/archive/refs/tags/ArrowTypes-v2.3.0.tar.gz",
        "https://github.com/apache/arrow-julia/archive/refs/tags/v2.3.0.tar.gz",
        "https://pkg.julialang.org/package/u-u-i-d/abc",
    ]
    assert found[0].subdir == "src/ArrowTypes" and found[-1].subdir == ""
    jll = candidates(
        "OpenSSL_jll", "u", "3.5.0+0", "https://github.com/JuliaBinaryWrappers/OpenSSL_jll.jl.git", "", "t"
    )
    assert jll[0].url.endswith("/tags/OpenSSL-v3.5.0%2B0.tar.gz")
    monkeypatch.setenv("JULIA_PKG_SERVER", "pkg.example.cn")
    assert pkg_server() == "https://pkg.example.cn"
    monkeypatch.setenv("RECIPEGEN_JULIA_PKG_SERVER", "https://mine.example/")
    assert pkg_server() == "https://mine.example"
