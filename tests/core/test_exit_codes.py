"""One exit-code table for every generator command (docs/exit-codes.md): unusable input is 2 in
each; a bug of a generator is one "please report" line naming its package, exit 3, and the other
packages of the same run are still written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from recipegen import guard
from recipegen.cli import main

ROOT = Path(__file__).resolve().parents[2]
JULIA_REGISTRY = ROOT / "fixtures" / "julia" / "registry" / "General"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pypi", "missing-folder/"], "missing-folder: no such file or folder"),
        (["pypi", "bad name!!"], "invalid SPEC 'bad name!!'"),
        (["cran", "--r-backend", "data", "--cran-dir", "missing", "foo"], "missing: not a folder"),
        (["julia", "--registry", "missing", "Example"], "missing: no such file or folder"),
        (["split", "missing"], "missing: no such file or folder"),
        (["cxx", "missing.tar.gz"], "missing.tar.gz: no such file or folder"),
        (["cxx", "notes.txt"], "notes.txt: not a source archive"),
    ],
    ids=["pypi-path", "pypi-name", "cran", "julia", "split", "cxx-path", "cxx-file"],
)
def test_unusable_input_is_one_line_and_exit_2_in_every_command(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("not a source tree\n")
    result = run(*args)
    assert result.exit_code == guard.UNUSABLE_EXIT, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and message in errors[0], result.stderr
    assert "Traceback" not in result.output and sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def _fails_for(name: str, real, package_name):
    """`real`, but a bug (KeyError) for the package called `name` (`package_name(args)`)."""

    def build(*args, **kwargs):
        if package_name(args) == name:
            raise KeyError("a bug of the generator")
        return real(*args, **kwargs)

    return build


@pytest.mark.internal_error_expected
def test_a_cran_bug_is_one_line_for_its_package_and_the_others_are_written(tmp_path, monkeypatch):
    from recipegen.generators.cran import generate

    from tests.cran.cran_repo import build_repository

    root = build_repository(tmp_path / "cran")
    monkeypatch.setenv("RECIPEGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(
        generate, "build_recipe", _fails_for("Rcpp", generate.build_recipe, lambda a: a[0].description.package)
    )
    out = tmp_path / "out"
    result = run("cran", "--r-backend", "data", "--cran-dir", str(root), "-o", str(out), "Rcpp", "glue")
    assert result.exit_code == guard.INTERNAL_ERROR_EXIT, result.output
    bug = [line for line in result.stderr.splitlines() if "please report" in line]
    assert len(bug) == 1 and bug[0].startswith("error: Rcpp: internal error, please report (KeyError"), bug
    assert (out / "r-glue" / "recipe.yaml").is_file() and not (out / "r-rcpp").exists()
    assert "generated 1 recipe(s): r-glue; 1 failed" in result.stderr


@pytest.mark.internal_error_expected
def test_a_julia_bug_is_one_line_for_its_package_and_the_others_are_written(tmp_path, monkeypatch):
    from recipegen.generators.julia import generate

    monkeypatch.setenv("RECIPEGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("JULIA_DEPOT_PATH", str(tmp_path / "no-depot"))
    monkeypatch.setattr(generate, "build_recipe", _fails_for("CSV", generate.build_recipe, lambda a: a[1].name))
    out = tmp_path / "out"
    result = run("julia", "--registry", str(JULIA_REGISTRY), "--no-fetch", "-o", str(out), "CSV", "Example")
    assert result.exit_code == guard.INTERNAL_ERROR_EXIT, result.output
    bug = [line for line in result.stderr.splitlines() if "please report" in line]
    assert len(bug) == 1 and bug[0].startswith("error: CSV: internal error, please report (KeyError"), bug
    assert (out / "julia-example" / "recipe.yaml").is_file() and not (out / "julia-csv").exists()
