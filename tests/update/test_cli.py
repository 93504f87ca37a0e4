"""`recipegen update` on the command line: PATH forms, concurrency, formats, exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from recipegen.cli import main
from recipegen.update.locate import find_recipes

from .conftest import make_services, recipe_copy


@pytest.fixture
def replayed(monkeypatch, tmp_path):
    """The command's services replay every recording in fixtures/update/responses."""
    import recipegen.commands.update as command

    monkeypatch.setattr(command, "_services", lambda offline, index_url, registry: make_services(tmp_path / "s"))


def feedstocks(tmp_path):
    """Two feedstocks recorded up to their newest release and a broken one."""
    nbformat = recipe_copy(tmp_path, "nbformat-v0")
    narwhals = recipe_copy(tmp_path, "narwhals-v1")
    broken = tmp_path / "broken-feedstock" / "recipe"
    broken.mkdir(parents=True)
    (broken / "meta.yaml").write_text("package: [unclosed\n")
    return nbformat, narwhals, broken / "meta.yaml"


def test_path_forms(tmp_path):
    nbformat, narwhals, broken = feedstocks(tmp_path)
    assert find_recipes([nbformat])[0] == [nbformat]  # a recipe file
    assert find_recipes([nbformat.parent])[0] == [nbformat]  # a recipe folder
    assert find_recipes([nbformat.parent.parent])[0] == [nbformat]  # a feedstock
    found, problems = find_recipes([tmp_path, nbformat])  # a folder of feedstocks (and a repeat)
    assert found == [broken, narwhals, nbformat] and problems == []
    assert find_recipes([tmp_path / "nothing"])[1] == [f"{tmp_path / 'nothing'}: no such file or folder"]


def test_both_recipe_files_in_one_folder_is_refused(tmp_path):
    (tmp_path / "recipe.yaml").write_text("")
    (tmp_path / "meta.yaml").write_text("")
    recipes, problems = find_recipes([tmp_path])
    assert recipes == [] and "both recipe.yaml and meta.yaml" in problems[0]


def test_a_folder_of_feedstocks_with_one_broken(tmp_path, replayed):
    nbformat, narwhals, broken = feedstocks(tmp_path)
    nbformat.parent.parent.rename(tmp_path.parent / "elsewhere")  # nbformat's newest is not recorded
    result = CliRunner().invoke(main, ["update", str(tmp_path), "--jobs", "3"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    failed = [line for line in lines if line.startswith(str(broken))]
    assert len(failed) == 1 and failed[0].startswith(f"{broken}:1: failed: ")
    assert f"{narwhals}: narwhals 2.21.2 → " in result.stdout  # the others are still updated
    assert "2 recipe(s): 1 updated, 1 failed" in result.stderr
    assert "Traceback" not in result.output


def test_check_exits_1_when_an_update_is_available(tmp_path, replayed):
    nbformat = recipe_copy(tmp_path, "nbformat-v0")
    before = nbformat.read_text()
    result = CliRunner().invoke(main, ["update", str(nbformat), "--check"])
    assert result.exit_code == 1 and "(update available)" in result.stdout
    assert nbformat.read_text() == before


def test_dry_run_prints_the_diff(tmp_path, replayed):
    nbformat = recipe_copy(tmp_path, "nbformat-v0")
    before = nbformat.read_text()
    result = CliRunner().invoke(main, ["update", str(nbformat), "--version", "5.9.0", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert '+{% set version = "5.9.0" %}' in result.stdout and "-    - importlib-metadata >=3.6" in result.stdout
    assert nbformat.read_text() == before


def test_json_for_bots(tmp_path, replayed):
    nbformat = recipe_copy(tmp_path, "nbformat-v0")
    result = CliRunner().invoke(main, ["update", str(nbformat), "--version", "5.9.0", "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    (item,) = document["results"]
    assert item["status"] == "updated" and item["new_version"] == "5.9.0"
    assert item["sources"][0]["verified"].startswith("matches the index's sha256")
    removed = [d for d in item["dependencies"] if d["kind"] == "remove"]
    assert removed[0]["dependency"] == "importlib-metadata" and removed[0]["applied"]
    assert document["summary"] == {"updated": 1}


def test_markdown_for_a_pr_body(tmp_path, replayed):
    pyzmq = recipe_copy(tmp_path, "pyzmq-v1")
    result = CliRunner().invoke(main, ["update", str(pyzmq), "--version", "26.0.0", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "### pyzmq 25.1.2 → 26.0.0" in result.stdout
    assert "**License changed upstream: BSD-3-Clause AND LGPL-3.0-only → BSD-3-Clause.**" in result.stdout
    assert "| dependency | section | output | old → new | why | applied or hint |" in result.stdout
    assert "| `scikit-build-core` | host | pyzmq | — → scikit-build-core |" in result.stdout


def test_version_applies_to_one_recipe(tmp_path, replayed):
    feedstocks(tmp_path)
    result = CliRunner().invoke(main, ["update", str(tmp_path), "--version", "1.0"])
    assert result.exit_code == 2 and "--version applies to one recipe" in result.output


def test_nothing_to_update(tmp_path):
    result = CliRunner().invoke(main, ["update", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "no such file or folder" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--jobs", "0"], "0 is not in the range x>=1"),
        (["--jobs", "-3"], "-3 is not in the range x>=1"),
        (["--version", "not a version!"], "'not a version!' is not a version"),
        (["--license-policy", "{policy}"], "Invalid value for '--license-policy'"),
    ],
    ids=["jobs-0", "jobs-negative", "version", "policy"],
)
def test_bad_arguments_exit_2(tmp_path, replayed, arguments, message):
    """review1 #19: bad arguments are one line and exit status 2, before any network."""
    nbformat = recipe_copy(tmp_path, "nbformat-v0")
    policy = tmp_path / "policy.yaml"
    policy.write_text("deny:\n  - MPL2\n")  # neither an SPDX id nor a family
    arguments = [a.replace("{policy}", str(policy)) for a in arguments]
    result = CliRunner().invoke(main, ["update", str(nbformat), *arguments])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_a_version_pypi_cannot_spell_is_one_line(tmp_path, replayed):
    nbformat = recipe_copy(tmp_path, "nbformat-v0")
    result = CliRunner().invoke(main, ["update", str(nbformat), "--version", "5.9.x1"])
    assert result.exit_code == 1
    assert result.stdout.strip().endswith("failed: --version 5.9.x1: not a PEP 440 version (PyPI's)")
