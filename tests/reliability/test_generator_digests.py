"""Every generator that has a recorded checksum checks the bytes it got against it (issue 12 item 2):
CRAN's MD5sum in PACKAGES, the Julia registry's git tree hash for a Pkg server tarball (PyPI:
test_network_faults.py). A mismatch is one line, exit 1, nothing written."""

from __future__ import annotations

import gzip
import hashlib

import pytest
from recipegen.generators.julia.source import Candidate, fetch_source

from recipegen.http import Fetcher, Response
from tests.cran.cran_repo import build_repository

from .helpers import run, tar_bytes


def cran_repository_with_md5(root, md5: str):
    build_repository(root, packages=["R6"])
    contrib = root / "src" / "contrib"
    index = (contrib / "PACKAGES").read_text().rstrip("\n") + f"\nMD5sum: {md5}\n"
    (contrib / "PACKAGES").write_text(index)
    (contrib / "PACKAGES.gz").write_bytes(gzip.compress(index.encode(), mtime=0))
    return contrib


def cran(root, out):
    return run("cran", "R6", "--cran-dir", str(root), "--r-backend", "data", "-o", str(out), "--maintainer", "octocat")


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RECIPEGEN_CACHE_DIR", str(tmp_path / "cache"))


def test_cran_tarball_matching_the_index_md5(tmp_path):
    build_repository(tmp_path / "probe", packages=["R6"])
    tarball = next((tmp_path / "probe" / "src" / "contrib").glob("R6_*.tar.gz")).read_bytes()
    cran_repository_with_md5(tmp_path / "repo", hashlib.md5(tarball).hexdigest())
    result = cran(tmp_path / "repo", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "r-r6" / "recipe.yaml").is_file()


def test_cran_tarball_with_another_md5_is_refused(tmp_path):
    cran_repository_with_md5(tmp_path / "repo", "0" * 32)
    result = cran(tmp_path / "repo", tmp_path / "out")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "md5 mismatch: the index says 00000000" in errors[0]
    assert not (tmp_path / "out").exists()


def test_julia_pkg_server_tarball_of_another_tree_is_refused(tmp_path):
    tarball = tar_bytes({"Project.toml": b'name = "Example"\n', "src/Example.jl": b"module Example end\n"}, mode="w")
    url = "https://pkg.example/package/uuid/0123456789abcdef0123456789abcdef01234567"
    fetcher = Fetcher(cache_dir=tmp_path, transport=lambda u: Response(u, 200, tarball), backoff=0)
    archive, reasons = fetch_source(
        fetcher, [Candidate(url, "pkg-server", "")], "0123456789abcdef0123456789abcdef01234567"
    )
    assert archive is None
    assert reasons == [
        f"{url}: git tree hash {reasons[0].split('git tree hash ')[1].split()[0]} is not the registered "
        "0123456789abcdef0123456789abcdef01234567; refused"
    ]
