"""`recipegen validate` and `recipegen schema` through click's test runner."""

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from recipegen.cli import main
from recipegen.endpoints import schema_url

from .conftest import BROKEN, REAL_V1


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_clean_recipes_exit_0():
    result = run("validate", REAL_V1)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "validated 14 file(s): no problems" in result.stderr  # 11 recipes + 3 variant files


def test_problems_exit_1_one_line_each():
    path = BROKEN / "v0-keys.yaml"
    result = run("validate", "--kind", "recipe-v1", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:15:3: unknown key 'entry_points' in build (v0 key; in v1 use 'python.entry_points')",
        f"{path}:19:3: unknown key 'home' in about (did you mean 'homepage'?)",
    ]
    assert "2 problems in 1 file(s)" in result.stderr


def test_json_format():
    path = BROKEN / "float-version.yaml"
    result = run("validate", "--format", "json", "--kind", "recipe", path)
    assert result.exit_code == 1
    (item,) = json.loads(result.stdout)
    assert {k: item[k] for k in ("file", "line", "column", "end_line", "end_column", "severity", "rule_id")} == {
        "file": str(path),
        "line": 4,
        "column": 12,
        "end_line": 4,
        "end_column": 16,
        "severity": "error",
        "rule_id": "schema",
    }
    assert item["message"].startswith("package.version: expected a string, got the number 1.10")


def test_json_format_clean_is_an_empty_list():
    result = run("validate", "--format", "json", REAL_V1 / "numpy-feedstock")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


@pytest.mark.parametrize(
    "name, where",
    [
        ("not-yaml.yaml", ":7:4: invalid YAML: expected <block end>"),
        ("duplicate-keys.yaml", ':6:1: invalid YAML: found duplicate key "build"'),
        ("alias-bomb.yaml", ": more than 50000 YAML nodes with aliases expanded"),
    ],
)
def test_unusable_input_exit_2_one_line(name, where):
    path = BROKEN / "unusable" / name
    result = run("validate", "--kind", "recipe.yaml", path)
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if not line.startswith("validated ")]
    assert lines == [lines[0]] and lines[0].startswith(f"error: {path}{where}")
    assert "Traceback" not in result.output


def test_unusable_input_in_json_is_reported_as_a_problem():
    result = run("validate", "--format", "json", "--kind", "recipe-v1", BROKEN / "unusable" / "duplicate-keys.yaml")
    assert result.exit_code == 2
    (item,) = json.loads(result.stdout)
    assert item["rule_id"] == "unusable-input" and item["line"] == 6


def test_missing_path_exit_2():
    result = run("validate", BROKEN / "nope.yaml")
    assert result.exit_code == 2
    assert f"{BROKEN / 'nope.yaml'}: no such file or folder" in result.stderr


def test_unusable_input_wins_over_problems():
    result = run(
        "validate", "--kind", "recipe-v1", BROKEN / "run-as-string.yaml", BROKEN / "unusable" / "not-yaml.yaml"
    )
    assert result.exit_code == 2
    assert "requirements.run: expected a list" in result.stdout


def test_feedstock_folder_and_variant_files(tmp_path):
    feedstock = tmp_path / "foo-feedstock"
    (feedstock / "recipe").mkdir(parents=True)
    shutil.copy(REAL_V1 / "mamba-feedstock" / "recipe.yaml", feedstock / "recipe" / "recipe.yaml")
    (feedstock / "recipe" / "variants.yaml").write_text("zip_keys: {a: b}\n")
    result = run("validate", feedstock)
    assert result.exit_code == 1
    assert result.stdout == f"{feedstock / 'recipe' / 'variants.yaml'}:1:11: zip_keys: expected a list, got a mapping\n"


def test_recipe_file_named_directly_brings_its_variant_file():
    result = run("validate", REAL_V1 / "mamba-feedstock" / "recipe.yaml")
    assert result.exit_code == 0 and "validated 2 file(s)" in result.stderr


def test_schema_prints_the_recipe_schema(monkeypatch):
    monkeypatch.delenv("RECIPEGEN_SCHEMA_URL", raising=False)
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$id"] == schema_url()


def test_schema_variants_and_path(monkeypatch):
    monkeypatch.delenv("RECIPEGEN_SCHEMA_URL", raising=False)
    assert json.loads(run("schema", "variants").stdout)["title"].startswith("conda variant configuration")
    result = run("schema", "--path")
    assert result.exit_code == 0
    path = result.stdout.strip()
    assert path.endswith("recipe-v1.schema.json")
    with open(path, encoding="utf-8") as handle:
        assert json.load(handle)["$id"] == schema_url()


def test_schema_unknown_name_lists_available_names():
    result = run("schema", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown schema 'nope'; available: recipe-v1, variants, ")
    assert result.stderr.endswith(", repodata, channeldata\n")


def test_schema_list_names_each_schema_with_its_file_names():
    lines = run("schema", "--list").stdout.splitlines()
    assert len(lines) == 15
    assert lines[0].split() == ["recipe-v1", "recipe.yaml", "recipe.yml"]
    assert ["conda-forge", "conda-forge.yml", "conda-forge.yaml"] in [line.split() for line in lines]
    assert any(line.split()[:2] == ["package-index", "**/info/index.json"] for line in lines)


@pytest.mark.parametrize(
    "name, schema",
    [("conda-forge.yml", "conda-forge"), ("info/index.json", "package-index"), ("environment", "environment")],
)
def test_schema_by_file_name(name, schema):
    result = run("schema", name)
    assert result.exit_code == 0 and json.loads(result.stdout)["$id"].endswith(f"/{schema}.schema.json")


def test_schema_catalog(monkeypatch):
    monkeypatch.setenv("RECIPEGEN_SCHEMA_URL", "https://mirror.example/s/recipe-v1.schema.json")
    catalog = json.loads(run("schema", "--catalog").stdout)
    assert catalog["$schema"] == "https://json.schemastore.org/schema-catalog.json"
    urls = {entry["url"] for entry in catalog["schemas"]}
    assert "https://mirror.example/s/environment.schema.json" in urls and len(urls) == 15
    local = json.loads(run("schema", "--catalog", "--local").stdout)
    assert all(entry["url"].startswith("file://") for entry in local["schemas"])
    assert run("schema", "--catalog", "--path").stdout.strip().endswith("catalog.json")


def test_validate_command_module_imports_only_click():
    code = (
        "import sys; import recipegen.commands.validate; "
        "print(' '.join(m for m in ('jsonschema', 'ruamel.yaml', 'recipegen.validate') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_v0_recipe_named_directly_points_at_lint():
    path = next(iter(sorted((REAL_V1.parent / "v0").glob("*/meta.yaml"))))
    result = run("validate", path)
    assert result.exit_code == 2
    assert "a v0 (conda-build) recipe" in result.stderr and "recipegen lint" in result.stderr


def test_v0_feedstock_folder_points_at_lint():
    feedstock = REAL_V1.parent / "v0" / "zlib-feedstock"  # meta.yaml + conda_build_config.yaml
    result = run("validate", feedstock)
    assert result.exit_code == 2
    assert f"{feedstock}: holds only v0 meta.yaml recipes" in result.stderr


def test_folder_of_feedstocks_validates_recipes_and_their_variant_files():
    result = run("validate", "--format", "json", REAL_V1)
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_unknown_file_is_one_clear_line_not_a_guess(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("a: 1\n")
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {path}: unknown kind of file: its name is none of those `recipegen schema --list` shows; "
        "name its kind with --kind (e.g. --kind environment)"
    )


def test_kind_option_overrides_the_name(tmp_path):
    path = tmp_path / "ci-env.yml"
    path.write_text("channels: [conda-forge]\ndependencies:\n  - python >=\n")
    result = run("validate", "--kind", "environment", path)
    assert result.exit_code == 1
    assert (
        result.stdout
        == f"{path}:3:5: dependencies[0]: 'python >=' is not a valid MatchSpec (unable to parse version spec: >=)\n"
    )
    assert run("validate", "--kind", "environment.yml", path).exit_code == 1  # a file name names its kind too


def test_unknown_kind_option():
    result = run("validate", "--kind", "nope", REAL_V1)
    assert result.exit_code == 2 and "unknown kind 'nope'" in result.output


def test_feedstock_folder_brings_conda_forge_yml(tmp_path):
    feedstock = tmp_path / "foo-feedstock"
    (feedstock / "recipe").mkdir(parents=True)
    shutil.copy(REAL_V1 / "zstd-feedstock" / "recipe.yaml", feedstock / "recipe" / "recipe.yaml")
    (feedstock / "conda-forge.yml").write_text("conda_build_tool: rattler-build\nprovider:\n  linux_aarch64: defualt\n")
    (feedstock / "README.md").write_text("# foo\n")
    result = run("validate", feedstock)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{feedstock / 'conda-forge.yml'}:3:18: provider.linux_aarch64: ")
    assert "validated 2 file(s)" in result.stderr


def test_folder_with_only_other_kinds(tmp_path):
    (tmp_path / "environment.yml").write_text("dependencies: [python]\n")
    (tmp_path / ".condarc").write_text("channels: [conda-forge]\n")
    result = run("validate", tmp_path)
    assert result.exit_code == 0 and "validated 2 file(s): no problems" in result.stderr


def test_json_file_through_the_cli(tmp_path):
    info = tmp_path / "info"
    info.mkdir()
    (info / "index.json").write_text('{\n  "name": "x",\n  "version": "1",\n  "build": "0",\n  "build_number": -1\n}\n')
    result = run("validate", "--format", "json", info / "index.json")
    [item] = json.loads(result.stdout)
    assert (item["line"], item["column"], item["end_column"], item["rule_id"]) == (5, 19, 21, "schema")


def test_v0_feedstock_still_gets_its_conda_forge_yml_and_variants_checked(tmp_path):
    feedstock = tmp_path / "zlib-feedstock"
    shutil.copytree(REAL_V1.parent / "v0" / "zlib-feedstock", feedstock / "recipe")
    (feedstock / "conda-forge.yml").write_text("provider:\n  linux_aarch64: defualt\n")
    result = run("validate", feedstock)
    assert result.exit_code == 2  # the meta.yaml cannot be validated: one line pointing at lint
    assert result.stdout.startswith(f"{feedstock / 'conda-forge.yml'}:2:18: provider.linux_aarch64: ")
    assert "(did you mean 'default'?)" in result.stdout
    assert f"{feedstock}: holds only v0 meta.yaml recipes" in result.stderr
    assert "validated 2 file(s): 1 problem in 1 file(s); 1 unusable input(s)" in result.stderr


def test_folder_of_folders_is_walked():
    """fixtures/recipes holds v0/ and v1/ folders of feedstocks: the v1 recipes two levels down are found."""
    result = run("validate", REAL_V1.parent)
    assert result.exit_code == 0, result.output
    assert "validated 14 file(s): no problems" in result.stderr


def test_unknown_kind_hints_fit_the_file(tmp_path):
    """review2 #18: the hint names a kind close to the file's name, or says a package's info/ file
    has no schema; `--kind environment` only for YAML nothing else fits."""
    (tmp_path / "info").mkdir()
    files = {"info/hash_input.json": "{}", "environmnt.yml": "a: 1\n", "py312.yml": "a: 1\n", "foo.json": "{}"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    said = {name: CliRunner().invoke(main, ["validate", str(tmp_path / name)]).stderr for name in files}
    assert "a package file no schema covers" in said["info/hash_input.json"]
    assert "--kind environment, whose files are named like environment.yml" in said["environmnt.yml"]
    assert "(e.g. --kind environment)" in said["py312.yml"]
    assert "--kind environment" not in said["foo.json"]


def test_a_folder_with_nothing_known_says_so(tmp_path):
    (tmp_path / "README.md").write_text("x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 2 and "no file of the 15 kinds" in result.stderr


def test_a_folder_of_folders_without_recipes_validates_the_known_files_below_it(tmp_path):
    """smoke review: `validate formats/conda-forge.yml/` (one folder per feedstock, each with its
    conda-forge.yml and no recipe) said "nothing to validate"; every file of a known kind below
    is validated, files of no known kind are passed over."""
    for name, text in (
        ("a-feedstock", "provider:\n  linux_aarch64: default\n"),
        ("b-feedstock", "bot:\n  automerge: true\n"),
    ):
        (tmp_path / name).mkdir()
        (tmp_path / name / "conda-forge.yml").write_text(text)
        (tmp_path / name / "README.md").write_text("# feedstock\n")
    (tmp_path / "c-feedstock").mkdir()
    (tmp_path / "c-feedstock" / "conda-forge.yml").write_text("provider:\n  linux_aarch64: defualt\n")
    result = run("validate", tmp_path)
    assert result.exit_code == 1, result.output
    assert "validated 3 file(s)" in result.stderr
    assert result.stdout.startswith(f"{tmp_path / 'c-feedstock' / 'conda-forge.yml'}:2:")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("validate", empty).exit_code == 2
