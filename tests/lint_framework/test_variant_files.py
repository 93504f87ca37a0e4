"""Problems of the variant files next to a recipe are reported in those files (rule `schema`,
`variants-unquoted-version`), by every reporter, with their own ignore comments."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from recipegen.linters.api import LintRequest, lint_file, lint_text

from recipegen.cli import main

RECIPE = "package:\n  name: foo\n  version: '1.0'\n"
RULES = ("schema", "variants-unquoted-version")


def recipe_folder(tmp_path: Path, variants: str, name: str = "variants.yaml", recipe: str = "recipe.yaml") -> Path:
    folder = tmp_path / "foo"
    folder.mkdir()
    (folder / recipe).write_text(RECIPE if recipe == "recipe.yaml" else "package:\n  name: foo\n  version: 1.0.0\n")
    (folder / name).write_text(variants)
    return folder


def variant_problems(folder: Path, recipe: str = "recipe.yaml") -> list[tuple[str, int, int, str]]:
    result = lint_file(folder / recipe, LintRequest(select=RULES))
    return [(Path(p.file).name, p.line, p.column, p.rule_id) for p in result.problems if p.rule_id in RULES]


def test_variants_schema_error_and_float_are_reported_in_the_variants_file(tmp_path: Path) -> None:
    folder = recipe_folder(tmp_path, "python:\n  - 3.10\nzip_keys: 5\n")
    assert variant_problems(folder) == [
        ("variants.yaml", 2, 5, "variants-unquoted-version"),
        ("variants.yaml", 3, 11, "schema"),
    ]


def test_clean_variants_file_passes(tmp_path: Path) -> None:
    folder = recipe_folder(
        tmp_path, 'python:\n  - "3.10"\n  - "3.9"\nc_compiler_version: [13]\nzip_keys:\n  - [python]\n'
    )
    assert variant_problems(folder) == []


def test_conda_build_config_of_a_meta_yaml_recipe(tmp_path: Path) -> None:
    folder = recipe_folder(
        tmp_path,
        "python:  # [osx]\n  - 3.10  # [osx]\npython:  # [linux]\n  - '3.12'  # [linux]\nzip_keys: 5\n",
        name="conda_build_config.yaml",
        recipe="meta.yaml",
    )
    assert variant_problems(folder, "meta.yaml") == [("conda_build_config.yaml", 5, 11, "schema")]


def test_unusable_variants_file_is_one_schema_problem_at_its_line(tmp_path: Path) -> None:
    folder = recipe_folder(tmp_path, "python: [3.9\nfoo: 1\n")
    [(name, line, _, rule)] = variant_problems(folder)
    assert (name, rule) == ("variants.yaml", "schema") and line >= 1


def test_ignore_comment_in_the_variants_file(tmp_path: Path) -> None:
    folder = recipe_folder(tmp_path, "python:\n  - 3.10  # recipegen: ignore[variants-unquoted-version]\n")
    assert variant_problems(folder) == []


def test_recipe_text_linted_before_writing_reads_no_variant_files(tmp_path: Path) -> None:
    folder = recipe_folder(tmp_path, "zip_keys: 5\n")
    problems = lint_text(RECIPE, str(folder / "new" / "recipe.yaml"))
    assert not [p for p in problems if p.file != str(folder / "new" / "recipe.yaml")]


def test_reporters_name_the_variants_file(tmp_path: Path) -> None:
    folder = recipe_folder(tmp_path, "python:\n  - 3.10\n")
    variants = str(folder / "variants.yaml")
    args = ["lint", str(folder), "--select", "variants-unquoted-version"]
    runner = CliRunner()
    text = runner.invoke(main, args)
    assert text.exit_code == 1 and f"{variants}:2:5: error variants-unquoted-version" in text.output
    [problem] = json.loads(runner.invoke(main, [*args, "--format", "json"]).output)
    assert (problem["file"], problem["line"], problem["column"]) == (variants, 2, 5)
    github = runner.invoke(main, [*args, "--format", "github"]).output
    assert f"file={variants.replace(':', '%3A')},line=2" in github
    sarif = json.loads(runner.invoke(main, [*args, "--format", "sarif"]).output)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == variants and location["region"]["startLine"] == 2
