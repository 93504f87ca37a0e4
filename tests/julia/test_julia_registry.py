"""Reading the registry: folder, tarball (+ General.toml), other compressions, URLs, lookup order, errors."""

from __future__ import annotations

import shutil

import pytest
from recipegen.generators.julia.registry import (
    GENERAL_UUID,
    RegistryError,
    open_local,
    open_registry,
    user_registry,
)

from recipegen.http import Fetcher

from .conftest import REGISTRY_DIR, SLICE, TARBALL_DIR, copy_registry, rewrite, tar_bytes


def test_both_forms_hold_the_same_packages(folder_registry, tarball_registry):
    assert folder_registry.uuid == tarball_registry.uuid == GENERAL_UUID
    assert folder_registry.packages == tarball_registry.packages
    assert len(folder_registry.packages) == SLICE["n_packages"] == 238
    for entry in SLICE["packages"]:
        a = folder_registry.load(entry["uuid"])
        b = tarball_registry.load(entry["uuid"])
        assert (a.name, a.repo, a.subdir, a.versions, a.deps, a.compat) == (
            b.name,
            b.repo,
            b.subdir,
            b.versions,
            b.deps,
            b.compat,
        )
        assert a.newest_version() == entry["newest_version"]
        assert sorted(a.deps_of(a.newest_version()).values()) == sorted(d["uuid"] for d in entry["newest_deps"])


@pytest.mark.parametrize(
    "path",
    [
        REGISTRY_DIR,
        REGISTRY_DIR / "Registry.toml",
        TARBALL_DIR,
        TARBALL_DIR / "General.toml",
        TARBALL_DIR / "General.tar.gz",
    ],
)
def test_every_local_form_opens(path):
    registry = open_local(path)
    assert registry.find("Example").uuid == "7876af07-990d-54b4-ab0e-23690620f79a"


def test_names_are_case_insensitive_and_accept_dot_jl(folder_registry):
    for spelling in ("DataFrames", "dataframes", "DATAFRAMES.jl", "DataFrames.JL"):
        assert folder_registry.find(spelling).name == "DataFrames"
    with pytest.raises(RegistryError, match="no such package"):
        folder_registry.find("NoSuchPackage")


@pytest.mark.parametrize("compression", ["zstd", "xz", "bzip2", "gzip"])
def test_tarballs_in_every_compression_are_read_in_place(tmp_path, compression):
    libarchive = pytest.importorskip("libarchive")
    from recipegen.archives import read_members

    members = read_members(TARBALL_DIR / "General.tar.gz", lambda name: True)
    target = tmp_path / f"General.tar.{compression}"
    with libarchive.file_writer(str(target), "ustar", compression) as archive:
        for name, data in sorted(members.items()):
            archive.add_file_from_memory(name, len(data), data)
    (tmp_path / "General.toml").write_text(f'uuid = "{GENERAL_UUID}"\npath = "{target.name}"\n')
    registry = open_local(tmp_path / "General.toml")
    assert registry.find("HDF5").newest_version() == "0.17.2"
    assert not (tmp_path / "General").exists()  # nothing unpacked


def test_not_a_registry(tmp_path):
    with pytest.raises(RegistryError, match="not a Julia registry"):
        open_local(tmp_path)
    archive = tmp_path / "other.tar.gz"
    archive.write_bytes(tar_bytes({"README.md": b"hello"}))
    with pytest.raises(RegistryError, match="not a Julia registry"):
        open_local(archive)
    (tmp_path / "Registry.toml").write_text('name = "X"\n')
    with pytest.raises(RegistryError, match="no uuid or \\[packages\\]"):
        open_local(tmp_path)
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive at all")
    with pytest.raises(RegistryError, match="junk.tar.gz"):
        open_local(junk)
    pair = tmp_path / "General.toml"
    pair.write_text('path = "Missing.tar.gz"\n')
    with pytest.raises(RegistryError, match="Missing.tar.gz, which does not exist"):
        open_local(pair)


@pytest.fixture
def broken_registry(tmp_path):
    copy = tmp_path / "General"
    copy_registry(copy)
    compat = copy / "E" / "Example" / "Compat.toml"
    rewrite(compat, compat.read_text() + '\n["0.5"\njulia = "1"\n')
    return copy


def test_malformed_toml_names_file_and_line(broken_registry):
    registry = open_local(broken_registry)
    with pytest.raises(RegistryError) as info:
        registry.find("Example")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{broken_registry}/E/Example/Compat.toml:")
    line = int(message.split(":")[1])
    text = (broken_registry / "E" / "Example" / "Compat.toml").read_text().splitlines()
    assert text[line - 1].startswith('["0.5"')
    assert "invalid TOML" in message


def test_malformed_registry_toml(tmp_path):
    (tmp_path / "Registry.toml").write_text("name = \n")
    with pytest.raises(RegistryError, match=r"Registry.toml:1:\d+: invalid TOML"):
        open_local(tmp_path)


def test_registry_url_tarball_and_repository(tmp_path, network):
    content = (TARBALL_DIR / "General.tar.gz").read_bytes()
    network.pages["https://mirror.example/General.tar.gz"] = content
    fetcher = Fetcher(cache_dir=tmp_path, transport=network, backoff=0)
    assert open_registry("https://mirror.example/General.tar.gz", fetcher).find("JSON").name == "JSON"
    # A repository URL: its GitHub archive, whose entries sit in one top folder.
    from recipegen.archives import read_members

    members = read_members(content, lambda name: True)
    network.pages["https://github.com/Me/MyRegistry/archive/HEAD.tar.gz"] = tar_bytes(
        {f"MyRegistry-abc123/{name}": data for name, data in members.items()}
    )
    registry = open_registry("https://github.com/Me/MyRegistry.git", fetcher)
    assert registry.find("csv").name == "CSV"


def test_public_general_through_the_pkg_server(tmp_path, network, monkeypatch):
    monkeypatch.setenv("RECIPEGEN_JULIA_PKG_SERVER", "https://pkg.example")
    tree = "e1700f3532c27d5c4d1220ed7ecfb11677e85ad9"
    network.pages["https://pkg.example/registries"] = f"/registry/{GENERAL_UUID}/{tree}\n".encode()
    network.pages[f"https://pkg.example/registry/{GENERAL_UUID}/{tree}"] = (TARBALL_DIR / "General.tar.gz").read_bytes()
    monkeypatch.setenv("JULIA_DEPOT_PATH", str(tmp_path / "no-depot"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    fetcher = Fetcher(cache_dir=tmp_path / "cache", transport=network, backoff=0)
    assert user_registry() is None
    assert open_registry(None, fetcher).find("Plots").name == "Plots"


def test_user_registry_comes_before_the_public_one(tmp_path, monkeypatch, network):
    depot = tmp_path / "depot"
    (depot / "registries").mkdir(parents=True)
    shutil.copy(TARBALL_DIR / "General.toml", depot / "registries")
    shutil.copy(TARBALL_DIR / "General.tar.gz", depot / "registries")
    monkeypatch.setenv("JULIA_DEPOT_PATH", str(depot))
    assert user_registry() == depot / "registries" / "General.toml"
    fetcher = Fetcher(cache_dir=tmp_path / "cache", transport=network, backoff=0)
    assert open_registry(None, fetcher).find("Reexport").name == "Reexport"
    assert network.calls == []
    shutil.copytree(REGISTRY_DIR, depot / "registries" / "General")
    assert user_registry() == depot / "registries" / "General"


def test_yanked_and_newest_versions(folder_registry):
    from recipegen.generators.julia.generate import choose_version

    from recipegen.generate import GenerationError

    yanked = [
        (p, v)
        for entry in SLICE["packages"]
        for p in [folder_registry.load(entry["uuid"])]
        for v, i in p.versions.items()
        if i.yanked
    ]
    assert yanked, "the slice has yanked versions"
    package, version = yanked[0]
    with pytest.raises(GenerationError, match="is yanked"):
        choose_version(package, version)
    assert not package.versions[choose_version(package, None)].yanked
    with pytest.raises(GenerationError, match="has no registered version 99.0.0"):
        choose_version(package, "99.0.0")
    assert choose_version(package, "v" + package.newest_version()) == package.newest_version()
