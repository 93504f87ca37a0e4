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
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:15:3: unknown key 'entry_points' in build (v0 key; in v1 use 'python.entry_points')",
        f"{path}:19:3: unknown key 'home' in about (did you mean 'homepage'?)",
    ]
    assert "2 problems in 1 file(s)" in result.stderr


def test_json_format():
    path = BROKEN / "float-version.yaml"
    result = run("validate", "--format", "json", path)
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
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if not line.startswith("validated ")]
    assert lines == [lines[0]] and lines[0].startswith(f"{path}{where}")
    assert "Traceback" not in result.output


def test_unusable_input_in_json_is_reported_as_a_problem():
    result = run("validate", "--format", "json", BROKEN / "unusable" / "duplicate-keys.yaml")
    assert result.exit_code == 2
    (item,) = json.loads(result.stdout)
    assert item["rule_id"] == "unusable-input" and item["line"] == 6


def test_missing_path_exit_2():
    result = run("validate", BROKEN / "nope.yaml")
    assert result.exit_code == 2
    assert f"{BROKEN / 'nope.yaml'}: no such file or folder" in result.stderr


def test_unusable_input_wins_over_problems():
    result = run("validate", BROKEN / "run-as-string.yaml", BROKEN / "unusable" / "not-yaml.yaml")
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
    assert result.stderr == "recipegen schema: unknown schema 'nope'; available: recipe-v1, variants\n"


def test_schema_list():
    assert run("schema", "--list").stdout == "recipe-v1\nvariants\n"


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
