"""Shared helpers for the Julia generator tests: fixture paths, source archives built in the test,
a fake network that serves them (no test touches the network)."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from recipegen.generators.julia.registry import open_local
from recipegen.generators.julia.source import candidates

from recipegen.http import Fetcher, FetchError, Response

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "julia"
REGISTRY_DIR = FIXTURES / "registry" / "General"
TARBALL_DIR = FIXTURES / "registry-tarball"
PROJECTS = FIXTURES / "julia-projects"
SLICE = json.loads((FIXTURES / "registry" / "slice.json").read_text())
ROOTS: list[str] = SLICE["roots"]


def tar_bytes(files: dict[str, bytes], executable: frozenset[str] = frozenset()) -> bytes:
    """A deterministic ustar archive (fixed times and owners), as GitHub's archive layout."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        folders = sorted({"/".join(name.split("/")[:i]) for name in files for i in range(1, name.count("/") + 1)})
        for folder in folders:
            info = tarfile.TarInfo(folder)
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, 0
            tar.addfile(info)
        for name in sorted(files):
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(files[name]), 0
            info.mode = 0o755 if name in executable else 0o644
            tar.addfile(info, io.BytesIO(files[name]))
    return buffer.getvalue()


def project_files(name: str, folder: str = "") -> dict[str, bytes]:
    """The fixture files of julia-projects/<name> (Project.toml, license, ...) + src/<name>.jl."""
    prefix = f"{folder.strip('/')}/" if folder else ""
    files = {f"{prefix}{p.name}": p.read_bytes() for p in sorted((PROJECTS / name).iterdir())}
    files[f"{prefix}src/{name}.jl"] = f"module {name}\nend\n".encode()
    files[f"{prefix}README.md"] = (
        f"# {name}.jl\n\n[![CI](https://example.invalid/badge.svg)](https://example.invalid)\n\n"
        f"*{name}* is a package used by the [recipegen](https://example.invalid) tests. More text.\n"
    ).encode()
    return files


def minimal_files(
    name: str, uuid: str, version: str, folder: str = "", license_text: bytes | None = None
) -> dict[str, bytes]:
    """Files of a package without a fixture: a Project.toml from the registry data, src/<name>.jl."""
    prefix = f"{folder.strip('/')}/" if folder else ""
    files = {
        f"{prefix}Project.toml": f'name = "{name}"\nuuid = "{uuid}"\nversion = "{version}"\n'.encode(),
        f"{prefix}src/{name}.jl": f"module {name}\nend\n".encode(),
    }
    if license_text is not None:
        files["LICENSE.txt"] = license_text
    return files


class FakeNetwork:
    """url → bytes; every other URL is a 404. Records the URLs asked for."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        self.calls: list[str] = []

    def __call__(self, url: str) -> Response:
        self.calls.append(url)
        if url in self.pages:
            return Response(url, 200, self.pages[url])
        raise FetchError(url, "not found (HTTP 404)", 404)

    def serve_tag_archive(self, registry, name: str, files: dict[str, bytes], version: str | None = None) -> str:
        """Serve `files` as the GitHub tag archive of `name` (inside the `<repo>-<version>/` folder)."""
        package = registry.find(name)
        version = version or package.newest_version()
        url = candidates(
            package.name, package.uuid, version, package.repo, package.subdir, package.versions[version].git_tree_sha1
        )[0].url
        repo_name = package.repo.rstrip("/").removesuffix(".git").rsplit("/", 1)[1]
        top = f"{repo_name}-{version}"
        self.pages[url] = tar_bytes({f"{top}/{path}": data for path, data in files.items()})
        return url


@pytest.fixture
def folder_registry():
    return open_local(REGISTRY_DIR)


@pytest.fixture
def tarball_registry():
    return open_local(TARBALL_DIR / "General.toml")


@pytest.fixture
def network():
    return FakeNetwork()


@pytest.fixture
def fetcher(tmp_path, network):
    return Fetcher(cache_dir=tmp_path / "cache", transport=network, backoff=0)


def copy_registry(target: Path) -> Path:
    """A cheap copy of the fixture registry (hard links); change files only with `rewrite`."""
    import os
    import shutil

    try:
        shutil.copytree(REGISTRY_DIR, target, copy_function=os.link)
    except OSError:  # another file system: a plain copy
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(REGISTRY_DIR, target)
    return target


def rewrite(path: Path, text: str) -> None:
    """Replace a file of a `copy_registry` copy without touching the fixture it is linked to."""
    path.unlink()
    path.write_text(text)


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch):
    """The user's Julia and recipegen settings must not change what the tests see."""
    for name in (
        "JULIA_PKG_SERVER",
        "RECIPEGEN_JULIA_PKG_SERVER",
        "RECIPEGEN_GITHUB_URL",
        "RECIPEGEN_JULIA_REGISTRY_URL",
    ):
        monkeypatch.delenv(name, raising=False)
