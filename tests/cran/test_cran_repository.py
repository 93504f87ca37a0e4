"""The CRAN-like repository client: local folder and HTTP (replayed through Fetcher's transport)."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from recipegen.generators.cran.generate import CranGenerator
from recipegen.generators.cran.recipe import RecipeOptions
from recipegen.generators.cran.repository import CranRepository, NotFound, RepositoryError

from recipegen.generate import GenerationError
from recipegen.http import Fetcher, Response
from tests.cran.cran_repo import make_tarball

URL = "https://cran.example.org/mirror"


def replay(root: Path, calls: list[str] | None = None):
    """A Fetcher transport that serves `root` as the web server at URL would (with directory listings)."""

    def transport(url: str) -> Response:
        if calls is not None:
            calls.append(url)
        assert url.startswith(URL + "/"), url
        path = root / url[len(URL) + 1 :]
        if url.endswith("/") and path.is_dir():
            links = "".join(f'<a href="{p.name}">{p.name}</a>\n' for p in sorted(path.iterdir()))
            return Response(url, 200, f"<html><body>{links}</body></html>".encode())
        if path.is_file():
            return Response(url, 200, path.read_bytes())
        return Response(url, 404, b"not found")

    return transport


@pytest.fixture
def http_repository(cran_root, tmp_path):
    return CranRepository.from_url(URL, Fetcher(cache_dir=tmp_path / "cache", transport=replay(cran_root), backoff=0))


@pytest.fixture
def local_repository(cran_root):
    return CranRepository.from_dir(cran_root)


@pytest.fixture(params=["local", "http"])
def repository(request, local_repository, http_repository):
    return local_repository if request.param == "local" else http_repository


def test_newest_version_from_the_index(repository, cran_root):
    tarball = repository.fetch("zoo")
    assert (tarball.package, tarball.version, tarball.archived) == ("zoo", "1.8-14", False)
    expected = (cran_root / "src/contrib/zoo_1.8-14.tar.gz").read_bytes()
    assert tarball.sha256 == hashlib.sha256(expected).hexdigest()


def test_case_insensitive_names_resolve_to_cran_spelling(repository):
    assert repository.fetch("DATA.TABLE").package == "data.table"
    assert repository.fetch("rcpparmadillo").package == "RcppArmadillo"


def test_older_version_from_the_archive(repository):
    tarball = repository.fetch("ZOO", "1.8-13")
    assert (tarball.package, tarball.version, tarball.archived) == ("zoo", "1.8-13", True)
    assert tarball.location.endswith("src/contrib/Archive/zoo/zoo_1.8-13.tar.gz")


def test_unknown_version_lists_what_exists(repository):
    with pytest.raises(NotFound, match=r"version 0\.1 not found in .* \(available: 1\.8-13, 1\.8-14 \(current\)\)"):
        repository.fetch("zoo", "0.1")


def test_unknown_package(repository):
    with pytest.raises(NotFound, match="no such package"):
        repository.fetch("notapackage")


def test_plain_packages_index_when_there_is_no_gz(cran_root, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(cran_root, root)
    (root / "src/contrib/PACKAGES.gz").unlink()
    assert CranRepository.from_dir(root).resolve("r6").package == "R6"


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda c: (c / "PACKAGES.gz").write_bytes(b"not gzip"), "broken index (not gzip data"),
        (
            lambda c: (c / "PACKAGES.gz").write_bytes(gzip.compress(b"Package: a\nVersion: 1\n\n  stray\n", mtime=0)),
            "broken index (line 4: continuation line",
        ),
        (
            lambda c: (c / "PACKAGES.gz").write_bytes(gzip.compress(b"Package: a\n\nVersion: 2\n", mtime=0)),
            "broken index (record 1 has no Package or Version)",
        ),
        (lambda c: [(c / n).unlink() for n in ("PACKAGES", "PACKAGES.gz")], "not a CRAN-like repository"),
    ],
)
def test_broken_index_is_one_clear_error(cran_root, tmp_path, damage, message):
    root = tmp_path / "repo"
    shutil.copytree(cran_root, root)
    damage(root / "src" / "contrib")
    with pytest.raises(RepositoryError, match=re.escape(message)):
        CranRepository.from_dir(root).fetch("zoo")


def test_index_is_refreshed_online_and_served_from_cache_offline(cran_root, tmp_path):
    calls: list[str] = []
    cache = tmp_path / "cache"
    online = CranRepository.from_url(URL, Fetcher(cache_dir=cache, transport=replay(cran_root, calls)))
    online.fetch("R6")
    online_again = CranRepository.from_url(URL, Fetcher(cache_dir=cache, transport=replay(cran_root, calls)))
    online_again.fetch("R6")
    assert calls.count(f"{URL}/src/contrib/PACKAGES.gz") == 2  # the index is never stale online
    assert calls.count(f"{URL}/src/contrib/R6_2.6.1.tar.gz") == 1  # tarballs come from the cache
    offline = CranRepository.from_url(URL, Fetcher(cache_dir=cache, offline=True, transport=replay(cran_root, calls)))
    assert offline.fetch("r6").version == "2.6.1"
    assert len(calls) == 3


def test_offline_without_cache_fails_clearly(cran_root, tmp_path):
    offline = CranRepository.from_url(URL, Fetcher(cache_dir=tmp_path / "empty", offline=True))
    with pytest.raises(RepositoryError, match="--offline"):
        offline.fetch("R6")


def test_server_errors_are_retried_then_reported(tmp_path):
    calls: list[str] = []

    def failing(url: str) -> Response:
        calls.append(url)
        return Response(url, 503, b"")

    repository = CranRepository.from_url(URL, Fetcher(cache_dir=tmp_path, transport=failing, retries=2, backoff=0))
    with pytest.raises(RepositoryError, match="HTTP 503"):
        repository.fetch("R6")
    assert len(calls) == 3


def _generator_for(tmp_path, members: dict[str, bytes], name="broken", version="1.0"):
    contrib = tmp_path / "src" / "contrib"
    contrib.mkdir(parents=True)
    (contrib / f"{name}_{version}.tar.gz").write_bytes(make_tarball(members))
    (contrib / "PACKAGES").write_text(f"Package: {name}\nVersion: {version}\n")
    return CranGenerator(CranRepository.from_dir(tmp_path), RecipeOptions(use_r=False))


def test_tarball_without_description(tmp_path):
    generator = _generator_for(tmp_path, {"broken/R/a.R": b"1\n"})
    with pytest.raises(GenerationError, match=r"^broken: .*the tarball has no <package>/DESCRIPTION$"):
        generator.generate("broken")


def test_unreadable_description_field(tmp_path):
    description = b"Package: broken\nVersion: 1.0\nLicense: MIT\nImports: good, not valid here\n"
    generator = _generator_for(tmp_path, {"broken/DESCRIPTION": description})
    with pytest.raises(
        GenerationError, match=r"^broken: .*DESCRIPTION field Imports: cannot read dependency 'not valid here'"
    ):
        generator.generate("broken")


def test_tarball_of_another_package(tmp_path):
    generator = _generator_for(tmp_path, {"other/DESCRIPTION": b"Package: other\nVersion: 1.0\nLicense: MIT\n"})
    with pytest.raises(GenerationError, match="holds other 1.0, expected broken 1.0"):
        generator.generate("broken")


@pytest.mark.parametrize(
    "data",
    [b"\x1f\x8b garbage", b"Package: junk\nthis is text\n", gzip.compress(b"x" * 600, mtime=0)],
    ids=["gzip-magic-then-garbage", "text", "gzip-not-tar"],  # gzip data holds a time: never an id
)
def test_not_a_tarball(tmp_path, data):
    contrib = tmp_path / "src" / "contrib"
    contrib.mkdir(parents=True)
    (contrib / "junk_1.0.tar.gz").write_bytes(data)
    (contrib / "PACKAGES").write_text("Package: junk\nVersion: 1.0\n")
    generator = CranGenerator(CranRepository.from_dir(tmp_path), RecipeOptions(use_r=False))
    with pytest.raises(GenerationError, match=r"^junk: .*junk_1\.0\.tar\.gz: not a tar archive"):
        generator.generate("junk")


def test_duplicate_index_records_keep_the_newest(tmp_path):
    contrib = tmp_path / "src" / "contrib"
    contrib.mkdir(parents=True)
    (contrib / "PACKAGES").write_text(
        "Package: a\nVersion: 1.10\n\nPackage: a\nVersion: 1.9\n\nPackage: A\nVersion: 1.2\n"
    )
    assert CranRepository.from_dir(tmp_path).resolve("a").version == "1.10"


def test_package_only_in_the_archive_names_its_versions(cran_root, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(cran_root, root)
    index = root / "src/contrib/PACKAGES"
    index.write_text("\n\n".join(r for r in index.read_text().split("\n\n") if not r.startswith("Package: zoo")))
    (root / "src/contrib/PACKAGES.gz").unlink()
    repository = CranRepository.from_dir(root)
    with pytest.raises(NotFound, match=r"not current in .*archived versions: 1\.8-13; pick one with --version"):
        repository.fetch("zoo")
    assert repository.fetch("zoo", "1.8-13").archived


def test_offline_falls_back_to_the_cached_plain_index(cran_root, tmp_path):
    """Online found no PACKAGES.gz (404) and used PACKAGES: offline tries the same names, from the cache."""
    root = tmp_path / "repo"
    shutil.copytree(cran_root, root)
    (root / "src/contrib/PACKAGES.gz").unlink()
    cache = tmp_path / "cache"
    online = CranRepository.from_url(URL, Fetcher(cache_dir=cache, transport=replay(root), backoff=0))
    assert online.fetch("R6").version == "2.6.1"
    calls: list[str] = []
    offline = CranRepository.from_url(URL, Fetcher(cache_dir=cache, offline=True, transport=replay(root, calls)))
    assert offline.fetch("r6").version == "2.6.1"
    assert calls == []


def test_offline_names_every_uncached_index(tmp_path):
    offline = CranRepository.from_url(URL, Fetcher(cache_dir=tmp_path / "empty", offline=True))
    with pytest.raises(RepositoryError, match=r"no src/contrib/PACKAGES\.gz or PACKAGES in the local cache"):
        offline.fetch("R6")


def test_archive_only_package_is_found_case_insensitively(cran_root, tmp_path):
    contrib = cran_root / "src/contrib"
    index = (contrib / "PACKAGES").read_text()
    root = tmp_path / "repo"
    shutil.copytree(cran_root, root)
    (root / "src/contrib/PACKAGES").write_text(
        "\n\n".join(r for r in index.split("\n\n") if not r.startswith("Package: zoo"))
    )
    (root / "src/contrib/PACKAGES.gz").unlink()
    for repo in (
        CranRepository.from_dir(root),
        CranRepository.from_url(URL, Fetcher(cache_dir=tmp_path / "c", transport=replay(root), backoff=0)),
    ):
        with pytest.raises(NotFound, match=r"zoo is not current .*archived versions: 1\.8-13"):
            repo.fetch("ZOO")
        tarball = repo.fetch("Zoo", "1.8-13")
        assert (tarball.package, tarball.archived) == ("zoo", True)


def test_listed_version_without_tarball_names_the_missing_file(tmp_path):
    contrib = tmp_path / "src" / "contrib"
    contrib.mkdir(parents=True)
    (contrib / "PACKAGES").write_text("Package: glue\nVersion: 1.9.0\n")
    with pytest.raises(NotFound) as caught:
        CranRepository.from_dir(tmp_path).fetch("glue")
    message = str(caught.value)
    assert "the tarball glue_1.9.0.tar.gz is missing from" in message
    assert "src/contrib/Archive/glue/" in message and "available" not in message


def test_continuation_line_in_an_index_field_is_one_line(tmp_path):
    contrib = tmp_path / "src" / "contrib"
    contrib.mkdir(parents=True)
    (contrib / "PACKAGES").write_text("Package: glue\nVersion: 1.8.0\n  1.9.0\nLicense: MIT\n")
    generator = CranGenerator(CranRepository.from_dir(tmp_path), RecipeOptions(use_r=False))
    with pytest.raises(GenerationError) as caught:
        generator.generate("glue")
    message = str(caught.value)
    assert "\n" not in message
    assert re.search(
        r"src/contrib/PACKAGES: broken index \(record 1, package 'glue': field Version "
        r"'1\.8\.0 1\.9\.0' is not a valid R package version\)$",
        message,
    )
