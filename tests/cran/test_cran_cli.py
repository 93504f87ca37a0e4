"""`recipegen cran` end to end: local folder, loopback HTTP mirror, writing rules, --recursive, errors."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from recipegen.cli import main


def run(*args: str):
    return CliRunner().invoke(main, ["cran", *args, "--r-backend", "data"])


def test_stdout(cran_root, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("ggplot2", "--cran-dir", str(cran_root), "--stdout")
    assert result.exit_code == 0, result.output
    assert "name: r-ggplot2" in result.stdout and "noarch: generic" in result.stdout
    assert not any(tmp_path.iterdir())


def test_output_writes_and_refuses_to_overwrite_without_force(cran_root, tmp_path):
    result = run("Rcpp", "--cran-dir", str(cran_root), "-o", str(tmp_path), "--maintainer", "alice")
    assert result.exit_code == 0, result.output
    written = tmp_path / "r-rcpp" / "recipe.yaml"
    data = YAML(typ="safe").load(written.read_text())
    assert data["extra"]["recipe-maintainers"] == ["conda-forge/r", "alice"]
    written.write_text("# edited by hand\n")
    refused = run("Rcpp", "--cran-dir", str(cran_root), "-o", str(tmp_path))
    assert refused.exit_code == 1
    assert "--force" in refused.stderr
    assert written.read_text() == "# edited by hand\n"
    forced = run("Rcpp", "--cran-dir", str(cran_root), "-o", str(tmp_path), "--force")
    assert forced.exit_code == 0 and "name: r-rcpp" in written.read_text()


def test_version_from_archive_and_case_insensitive_name(cran_root, tmp_path):
    result = run("ZOO", "--version", "1.8-13", "--cran-dir", str(cran_root), "--stdout")
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load(result.stdout)
    assert data["context"]["version"] == "1.8-13"
    assert data["package"]["name"] == "r-zoo"
    assert data["source"]["url"][1] == "${{ cran_mirror }}/src/contrib/Archive/zoo/zoo_${{ version }}.tar.gz"
    archived = (cran_root / "src/contrib/Archive/zoo/zoo_1.8-13.tar.gz").read_bytes()
    import hashlib

    assert data["source"]["sha256"] == hashlib.sha256(archived).hexdigest()


@pytest.mark.parametrize(
    "args, message",
    [
        (["nosuchpkg"], "error: nosuchpkg: no such package in "),
        (["zoo", "--version", "9.9"], "error: zoo: version 9.9 not found in "),
    ],
)
def test_errors_are_one_line_exit_1_and_write_nothing(cran_root, tmp_path, args, message):
    result = run(*args, "--cran-dir", str(cran_root), "-o", str(tmp_path))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(message), result.stderr
    assert "Traceback" not in result.output
    assert not any(tmp_path.iterdir())


def test_broken_index_is_reported(cran_root, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(cran_root, root)
    (root / "src/contrib/PACKAGES.gz").write_bytes(b"junk")
    result = run("R6", "--cran-dir", str(root), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2  # a local repository that cannot be read is unusable input
    assert "PACKAGES.gz: broken index" in result.stderr
    assert not (tmp_path / "out").exists()


def test_usage_errors(cran_root):
    assert run("a", "b", "--version", "1.0", "--cran-dir", str(cran_root)).exit_code == 2
    both = run("a", "--cran-dir", str(cran_root), "--cran-url", "https://x.org")
    assert both.exit_code == 2 and "not both" in both.output


def test_recursive_generates_missing_dependencies_once(cran_root, tmp_path, monkeypatch):
    # Pretend only r-rcpp and r-lattice are missing from conda-forge: RcppArmadillo and
    # reticulate both need Rcpp, which must be generated once; zoo needs lattice, which is
    # not in the local repository and fails alone.
    missing = {"r-rcpp", "r-lattice"}
    monkeypatch.setattr("recipegen.condaforge.exists_on_conda_forge", lambda name: name not in missing)
    result = run("RcppArmadillo", "reticulate", "--recursive", "--cran-dir", str(cran_root), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r-rcpp", "r-rcpparmadillo", "r-reticulate"]
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("generated 3 recipe(s): r-rcpparmadillo, r-reticulate, r-rcpp")
    assert (
        "already on conda-forge: " in summary and "r-here" in summary and "r-rcpp," not in summary.split("already")[1]
    )


def test_recursive_reports_dependencies_it_cannot_find(cran_root, tmp_path, monkeypatch):
    monkeypatch.setattr("recipegen.condaforge.exists_on_conda_forge", lambda name: name != "r-lattice")
    result = run("zoo", "--recursive", "--cran-dir", str(cran_root), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "error: lattice: no such package" in result.stderr
    assert "generated 1 recipe(s): r-zoo; 1 failed" in result.stderr
    assert (tmp_path / "r-zoo" / "recipe.yaml").exists()


@pytest.fixture
def mirror(cran_root):
    """The local repository served over loopback HTTP, like a CRAN mirror."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(cran_root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_mirror_then_offline(mirror, tmp_path, monkeypatch):
    monkeypatch.setenv("RECIPEGEN_CACHE_DIR", str(tmp_path / "cache"))
    result = run("data.table", "--cran-url", mirror, "--stdout")
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load(result.stdout)
    assert data["context"]["cran_mirror"] == mirror
    offline = run("DATA.TABLE", "--cran-url", mirror, "--stdout", "--offline")
    assert offline.exit_code == 0 and offline.stdout == result.stdout
    missing = run("zoo", "--version", "0.1", "--cran-url", mirror, "--stdout")
    assert "available: 1.8-13, 1.8-14 (current)" in missing.stderr


def test_mirror_from_environment(mirror, tmp_path, monkeypatch):
    monkeypatch.setenv("RECIPEGEN_CRAN_URL", mirror + "/")
    result = run("R6", "--stdout")
    assert result.exit_code == 0, result.output
    assert f"cran_mirror: {mirror}\n" in result.stdout


def test_offline_without_cache_fails_with_one_line(tmp_path):
    result = run("R6", "--offline", "--cran-url", "https://cran.invalid", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "no src/contrib/PACKAGES.gz or PACKAGES in the local cache and --offline was given" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(
    not __import__("recipegen.generators.cran.rsession", fromlist=["r_available"]).r_available(),
    reason="R and rpy2 (recipegen[r]) are not installed",
)
@pytest.mark.needs_r
def test_r_backend_in_the_thread_pool_matches_the_data_backend(cran_root, tmp_path):
    names = ["sf", "zoo", "DBI", "knitr", "stringi", "RcppArmadillo", "yaml", "reticulate"]
    with_r = CliRunner().invoke(
        main, ["cran", *names, "--cran-dir", str(cran_root), "-o", str(tmp_path / "r"), "--r-backend", "r"]
    )
    without = run(*names, "--cran-dir", str(cran_root), "-o", str(tmp_path / "data"))
    assert with_r.exit_code == 0 and without.exit_code == 0, with_r.output
    for folder in (tmp_path / "data").iterdir():
        assert (tmp_path / "r" / folder.name / "recipe.yaml").read_text() == (folder / "recipe.yaml").read_text()


def test_r_backend_r_without_r_is_a_usage_error(cran_root, monkeypatch):
    monkeypatch.setattr("recipegen.generators.cran.rsession.r_available", lambda: False)
    result = CliRunner().invoke(main, ["cran", "R6", "--cran-dir", str(cran_root), "--r-backend", "r"])
    assert result.exit_code == 2 and "R is not available" in result.output


@pytest.mark.parametrize("where", ["missing", "file"])
def test_unusable_cran_dir_is_one_lower_case_error_line(tmp_path, where):
    target = tmp_path / "nothing"
    if where == "file":
        target.write_text("not a folder\n")
    result = run("zoo", "--cran-dir", str(target), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == f"error: {target}: not a folder\n"


def test_archive_only_package_by_any_case(cran_root, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(cran_root, root)
    index = root / "src/contrib/PACKAGES"
    index.write_text("\n\n".join(r for r in index.read_text().split("\n\n") if not r.startswith("Package: zoo")))
    (root / "src/contrib/PACKAGES.gz").unlink()
    result = run("ZOO", "--version", "1.8-13", "--cran-dir", str(root), "--stdout")
    assert result.exit_code == 0, result.stderr
    assert "name: r-zoo" in result.stdout
