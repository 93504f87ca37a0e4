"""`recipegen pypi` end to end, offline from a cache filled with the recorded responses."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from recipegen.generators.pypi.generator import Options, PypiGenerator

from recipegen.cli import main
from recipegen.http import Fetcher

SPECS = [
    "six==1.17.0",
    "click==8.5.1",
    "click==8.1.8",
    "black==26.10.1",
    "msgpack==1.2.4",
    "packaging",
    "click",
    "tomli",
    "pathspec",
    "platformdirs",
]


@pytest.fixture(scope="module")
def filled_cache(transport, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cache")
    generator = PypiGenerator(Fetcher(transport=transport, cache_dir=folder, retries=0), Options())
    for spec in SPECS:
        try:
            generator.generate(spec)
        except Exception:
            pass  # dependencies that were not recorded stay uncached
    return folder


@pytest.fixture
def cache(filled_cache, monkeypatch):
    monkeypatch.setenv("RECIPEGEN_CACHE_DIR", str(filled_cache))
    return filled_cache


def run(*args: str):
    return CliRunner().invoke(main, ["pypi", "--offline", *args])


def test_writes_refuses_overwrite_and_forces(cache, tmp_path):
    out = tmp_path / "recipes"
    result = run("six==1.17.0", "-o", str(out))
    assert result.exit_code == 0, result.output
    written = out / "six" / "recipe.yaml"
    assert "noarch: python" in written.read_text()
    written.write_text("edited\n")
    again = run("six==1.17.0", "-o", str(out))
    assert again.exit_code == 1 and written.read_text() == "edited\n"
    assert "--force" in again.output
    forced = run("six==1.17.0", "-o", str(out), "--force", "--maintainer", "alice")
    assert forced.exit_code == 0 and "- alice" in written.read_text()


def test_stdout_and_name_map(cache, tmp_path):
    result = run("msgpack==1.2.4", "--stdout")
    assert result.exit_code == 0
    assert "name: msgpack-python" in result.output
    names = tmp_path / "names.json"
    names.write_text('{"msgpack": "my-msgpack"}')
    out = tmp_path / "o"
    mapped = run("msgpack==1.2.4", "--name-map", str(names), "-o", str(out))
    assert mapped.exit_code == 0, mapped.output
    assert (out / "my-msgpack" / "recipe.yaml").is_file()


def test_unknown_package_offline_writes_nothing(cache, tmp_path):
    out = tmp_path / "o"
    result = run("no-such-package-xyz", "-o", str(out))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "--offline" in errors[0]
    assert not out.exists()


def test_several_specs_and_recursive_summary(cache, tmp_path):
    out = tmp_path / "o"
    result = run("click==8.5.1", "six==1.17.0", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {"click", "six"}
    recursive = run("black==26.10.1", "--recursive", "-o", str(tmp_path / "r"))
    assert recursive.exit_code == 0, recursive.output
    assert "already on conda-forge:" in recursive.output and "click" in recursive.output


def test_bad_name_map_is_one_line(cache, tmp_path):
    bad = tmp_path / "bad.map"
    bad.write_text("nonsense\n")
    result = run("six", "--name-map", str(bad), "--stdout")
    assert result.exit_code != 0 and "bad.map:1" in result.output


def test_recursive_walk_generates_missing_dependencies_once(transport, tmp_path):
    from recipegen.generate import Target, run_pipeline

    seen: list[str] = []

    class Watched(PypiGenerator):
        def generate(self, spec: str):
            seen.append(spec)
            return super().generate(spec)

    generator = Watched(Fetcher(transport=transport, use_cache=False, retries=0), Options())
    missing = {"click", "pathspec", "pytokens"}
    target = Target(tmp_path, recursive=True, on_conda_forge=lambda name: name not in missing)
    code = run_pipeline(generator, ["black==26.10.1", "click"], target)
    assert code == 0
    assert sorted(seen) == ["black==26.10.1", "click", "pathspec", "pytokens"]
    assert {p.name for p in tmp_path.iterdir()} == {"black", "click", "pathspec", "pytokens"}


def test_writes_conda_forge_yml_next_to_a_noarch_recipe_with_os_dependencies(cache, tmp_path):
    out = tmp_path / "recipes"
    result = run("click==8.1.8", "-o", str(out))
    assert result.exit_code == 0, result.output
    recipe = (out / "click" / "recipe.yaml").read_text()
    assert "then: __unix" in recipe and "- colorama" in recipe
    assert "noarch_platforms:\n  - linux_64\n  - win_64\n" in (out / "click" / "conda-forge.yml").read_text()
    (out / "click" / "recipe.yaml").unlink()  # conda-forge.yml alone still blocks a second write
    again = run("click==8.1.8", "-o", str(out))
    assert again.exit_code == 1 and not (out / "click" / "recipe.yaml").exists()


def test_python_versioned_entry_points_and_self_build_requirement_are_left_out(tmp_path):
    from recipegen.generators.pypi.generator import Options, PypiGenerator

    project = tmp_path / "demo"
    (project / "demo").mkdir(parents=True)
    (project / "demo" / "__init__.py").write_text("")
    (project / "LICENSE").write_text("MIT License\n")
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools", "demo"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "demo"\nversion = "1.0"\nlicense = "MIT"\n'
        '[project.scripts]\ndemo = "demo:main"\n"demo-3.11" = "demo:main"\n'
    )
    recipe = PypiGenerator(Fetcher(offline=True, use_cache=False, retries=0), Options()).generate(str(project))
    assert recipe.data["build"]["python"]["entry_points"] == ["demo = demo:main"]
    assert recipe.data["tests"][1]["script"] == ["demo --help"]
    assert recipe.data["requirements"]["host"] == ["python ${{ python_min }}.*", "pip", "setuptools"]
    assert any("demo-3.11" in note for note in recipe.notes)


def test_an_existing_folder_of_the_same_name_is_not_taken_over(make_generator, tmp_path, monkeypatch):
    """`recipegen pypi rich` next to a folder ./rich: the PyPI package (the folder is no project);
    refused in one line while the folder holds other files or a recipe.yaml; --force adds the
    recipe and touches nothing else."""
    from recipegen.generate import Target, run_pipeline

    monkeypatch.chdir(tmp_path)
    (tmp_path / "rich").mkdir()
    (tmp_path / "rich" / "NOTES").write_text("mine\n")
    generator = make_generator()
    assert run_pipeline(generator, ["rich==15.0.0"], Target(Path("."))) == 1
    assert sorted(p.name for p in (tmp_path / "rich").iterdir()) == ["NOTES"]
    assert run_pipeline(generator, ["rich==15.0.0"], Target(Path("."), force=True)) == 0
    assert sorted(p.name for p in (tmp_path / "rich").iterdir()) == ["NOTES", "recipe.yaml"]
    (tmp_path / "rich" / "recipe.yaml").write_text("# edited by hand\n")
    assert run_pipeline(generator, ["rich==15.0.0"], Target(Path("."))) == 1
    assert (tmp_path / "rich" / "recipe.yaml").read_text() == "# edited by hand\n"
    assert (tmp_path / "rich" / "NOTES").read_text() == "mine\n"
