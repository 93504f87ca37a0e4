"""`recipegen julia` end to end: errors, --no-fetch, --offline with a cache, --recursive, writing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from recipegen.cli import main
from recipegen.http import Fetcher

from .conftest import REGISTRY_DIR, TARBALL_DIR, FakeNetwork, copy_registry, project_files, rewrite
from .test_julia_recipe import publish


@pytest.fixture
def net(monkeypatch, tmp_path):
    """Replace the network of every Fetcher with a FakeNetwork; an empty cache and no user registry."""
    network = FakeNetwork()
    monkeypatch.setattr(Fetcher, "_network_get", lambda self, url, deadline=None: network(url))
    monkeypatch.setenv("RECIPEGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("JULIA_DEPOT_PATH", str(tmp_path / "no-depot"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return network


def julia(*args: str):
    return CliRunner().invoke(main, ["julia", *args])


def test_no_fetch_writes_the_recipe_with_a_warning(net, tmp_path):
    out = tmp_path / "out"
    result = julia("Example.jl", "--registry", str(REGISTRY_DIR), "--no-fetch", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = (out / "julia-example" / "recipe.yaml").read_text()
    assert "sha256" not in text.split("build:")[0].replace("sha256 still to be filled in", "")
    assert "sha256 still to be filled in" in text
    assert "no sha256 yet" in result.stderr
    assert net.calls == []
    # No overwrite without --force.
    again = julia("example", "--registry", str(REGISTRY_DIR), "--no-fetch", "-o", str(out))
    assert again.exit_code == 1 and "already exists; pass --force" in again.stderr
    forced = julia("example", "--registry", str(REGISTRY_DIR), "--no-fetch", "-o", str(out), "--force")
    assert forced.exit_code == 0


def test_fetch_computes_the_checksum_and_offline_uses_the_cache(net, tmp_path):
    registry = tmp_path / "General"
    copy_registry(registry)
    _url, _ = publish(registry, net, "HDF5", project_files("HDF5"))
    out = tmp_path / "out"
    result = julia("hdf5", "--registry", str(registry), "-o", str(out), "--maintainer", "me")
    assert result.exit_code == 0, result.output
    online = (out / "julia-hdf5" / "recipe.yaml").read_text()
    assert "sha256: " in online and "license: MIT" in online and "- me" in online
    # Offline: the archive is served from the cache, no network call at all.
    net.pages.clear()
    calls = len(net.calls)
    offline = julia("HDF5", "--registry", str(registry), "--offline", "--stdout")
    assert offline.exit_code == 0, offline.output
    assert offline.stdout == online.replace("  - me\n", "  - your-github-handle\n").replace(
        "extra:\n  recipe-maintainers:",
        "extra:\n  # Add your GitHub handle below (recipegen ... --maintainer HANDLE)\n  recipe-maintainers:",
    )
    assert len(net.calls) == calls


def test_offline_without_the_archive_in_the_cache_fails(net, tmp_path):
    result = julia("Example", "--registry", str(REGISTRY_DIR), "--offline", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "cannot download the source" in lines[0] and "not in the local cache" in lines[0]
    assert not (tmp_path / "out").exists()


def test_unreachable_source_fails_and_writes_nothing(net, tmp_path):
    result = julia("Example", "--registry", str(REGISTRY_DIR), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "Example 0.5.5: cannot download the source" in result.stderr
    assert "--no-fetch" in result.stderr
    assert not (tmp_path / "out").exists()
    assert net.calls[0] == "https://github.com/JuliaLang/Example.jl/archive/refs/tags/v0.5.5.tar.gz"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["NoSuchPackage"], "NoSuchPackage: no such package in the General registry"),
        (["Example", "--version", "9.9.9"], "Example has no registered version 9.9.9 (newest: 0.5.5)"),
        (["Example", "--version", "banana"], "'banana' is not a version"),
    ],
)
def test_errors_are_one_line_exit_1_nothing_written(net, tmp_path, args, message):
    out = tmp_path / "out"
    result = julia(*args, "--registry", str(REGISTRY_DIR), "--no-fetch", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"error: {message}"] or message in result.stderr
    assert len([line for line in result.stderr.splitlines() if message in line]) == 1
    assert "Traceback" not in result.output
    assert not out.exists()


def test_yanked_version(net, tmp_path, folder_registry):
    package, version = next(
        (p, v)
        for uuid in folder_registry.packages
        for p in [folder_registry.load(uuid)]
        for v, i in p.versions.items()
        if i.yanked
    )
    result = julia(
        package.name, "--version", version, "--registry", str(REGISTRY_DIR), "--no-fetch", "-o", str(tmp_path / "out")
    )
    assert result.exit_code == 1
    assert f"error: {package.name} {version} is yanked in the registry" in result.stderr
    assert not (tmp_path / "out").exists()


def test_not_a_registry_and_malformed_toml(net, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = julia("Example", "--registry", str(empty), "--no-fetch", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2  # a registry the user gave that is not one: unusable input
    assert result.stderr.strip() == f"error: {empty}: not a Julia registry (no Registry.toml, no registry tarball)"

    broken = tmp_path / "General"
    copy_registry(broken)
    versions = broken / "E" / "Example" / "Versions.toml"
    rewrite(versions, versions.read_text().replace('git-tree-sha1 = "', "git-tree-sha1 = ", 1))
    result = julia("Example", "--registry", str(broken), "--no-fetch", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {versions}:2:") and "invalid TOML" in line
    assert not (tmp_path / "out").exists()


def test_recursive_generates_the_julia_dependencies(net, tmp_path):
    out = tmp_path / "out"
    result = julia("CSV", "--registry", str(TARBALL_DIR), "--no-fetch", "--recursive", "-o", str(out))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert "julia-csv" in written and "julia-weakrefstrings" in written and "julia-inlinestrings" in written
    summary = [line for line in result.stderr.splitlines() if line.startswith("generated ")]
    assert len(summary) == 1 and f"generated {len(written)} recipe(s)" in summary[0]
    # julia-parsers is on conda-forge already (mkitti's feedstock): not generated again.
    assert "julia-parsers" not in written and "already on conda-forge: julia-parsers" in summary[0]


def test_usage_errors(net, tmp_path):
    assert julia("A", "B", "--version", "1.0.0").exit_code == 2
    bad = julia("Example", "--julia-version", "one", "--registry", str(REGISTRY_DIR))
    assert bad.exit_code == 2 and "--julia-version 'one': expected X.Y" in bad.output


def test_julia_version_option(net, tmp_path):
    old = julia("StatsBase", "--registry", str(REGISTRY_DIR), "--no-fetch", "--stdout", "--julia-version", "1.10")
    new = julia("StatsBase", "--registry", str(REGISTRY_DIR), "--no-fetch", "--stdout")
    assert old.exit_code == new.exit_code == 0
    assert "julia-statistics" not in old.stdout and "- julia-statistics" in new.stdout
