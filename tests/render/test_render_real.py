"""Lint rule `render-fails` on real recipes (quiet) and on broken ones (at rattler-build's position)."""

from __future__ import annotations

from pathlib import Path

import pytest
from recipegen.linters.api import LintRequest, lint_file

from tests.core.test_render import CROSS_R

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ONLY_RENDER = LintRequest(select=("render-fails",), use_config=False)


def real_v1_recipes() -> list[str]:
    """fixtures/recipes/v1 (conda-forge feedstocks) and both sides of the v1 update pairs."""
    found = sorted((FIXTURES / "recipes" / "v1").glob("*/recipe.yaml"))
    found += sorted((FIXTURES / "update-pairs-v1").glob("*/*/*/recipe.yaml"))
    return [str(path.relative_to(FIXTURES)) for path in found]


def test_real_recipe_sets_are_there():
    names = real_v1_recipes()
    assert sum(name.startswith("recipes/") for name in names) == 11
    assert sum(name.startswith("update-pairs-v1/") for name in names) == 32


@pytest.mark.parametrize("recipe", real_v1_recipes())
def test_real_v1_recipe_is_clean(recipe):
    assert [p.one_line() for p in lint_file(FIXTURES / recipe, ONLY_RENDER).problems] == []


def write(folder: Path, text: str, **variant_files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "recipe.yaml").write_text(text)
    for name, content in variant_files.items():
        (folder / name).write_text(content)
    return folder / "recipe.yaml"


def test_failure_is_at_rattler_builds_position_naming_the_platforms(tmp_path):
    [problem] = lint_file(write(tmp_path / "r-foo", CROSS_R), ONLY_RENDER).problems
    assert (problem.line, problem.column, problem.severity.value) == (12, 11, "error")
    assert "osx-arm64 (cross-compiled from osx-64) and linux-aarch64 (cross-compiled from linux-64)" in problem.message
    assert "missing range specifier" in problem.message


def test_recipe_folder_variants_are_merged(tmp_path):
    text = 'package:\n  name: x\n  version: "1"\nrequirements:\n  host:\n    - libfoo ${{ libfoo }}.*\n'
    unset = lint_file(write(tmp_path / "a", text), ONLY_RENDER).problems
    assert unset and "libfoo" in unset[0].message
    assert lint_file(write(tmp_path / "b", text, **{"variants.yaml": "libfoo:\n  - '2'\n"}), ONLY_RENDER).problems == []


def test_failure_in_a_variant_file_is_reported_in_that_file(tmp_path):
    recipe = write(tmp_path / "x", 'package:\n  name: x\n  version: "1"\n', **{"variants.yaml": "a:\n  - 1\nb: [\n"})
    [problem] = lint_file(recipe, ONLY_RENDER).problems
    assert problem.file == str(tmp_path / "x" / "variants.yaml")
    assert (problem.line, problem.column) == (4, 1)
    assert "every platform" in problem.message


def test_parse_failure_the_schema_reports_is_left_to_it(tmp_path):
    recipe = write(tmp_path / "x", 'package:\n  name: x\n  version: "1"\nbuild:\n  numbr: 0\n')
    alone = lint_file(recipe, ONLY_RENDER).problems  # with the schema off, rattler-build says it
    assert [(p.rule_id, p.line, p.column) for p in alone] == [("render-fails", 5, 3)]
    both = lint_file(recipe, LintRequest(select=("render-fails", "schema"), use_config=False)).problems
    assert [(p.rule_id, p.line, p.column) for p in both] == [("schema", 5, 3)]


def test_a_schema_problem_elsewhere_hides_no_render_failure(tmp_path):
    """review2 #2: a typo the schema reports does not hide a bad requirement further up, and the
    failure is at the item (not 1:1)."""
    text = (
        'package:\n  name: x\n  version: "1"\nrequirements:\n  host:\n    - python\n    - numpy 1.26\n'
        "about:\n  homepag: https://example.org\n  license: MIT\n"
    )
    problems = lint_file(write(tmp_path / "x", text), LintRequest(select=("render-fails", "schema"))).problems
    assert [(p.rule_id, p.line, p.column) for p in problems] == [("render-fails", 7, 7), ("schema", 9, 3)]
    assert "missing range specifier for '1.26'" in problems[0].message


def test_extras_render_with_v3_and_warn(tmp_path):
    text = (
        'package:\n  name: x\n  version: "1"\nrequirements:\n  run:\n    - a\n  extras:\n    socks:\n      - pysocks\n'
    )
    [problem] = lint_file(write(tmp_path / "x", text), ONLY_RENDER).problems
    assert (problem.line, problem.severity.value) == (7, "warning")
    assert "--v3" in problem.message
    broken = text.replace("- pysocks", "- pysocks >=>1")
    [problem] = lint_file(write(tmp_path / "y", broken), ONLY_RENDER).problems
    assert (problem.line, problem.severity.value) == (9, "error")
    undefined = text.replace("- a", "- a ${{ nope }}")
    problems = lint_file(write(tmp_path / "z", undefined), ONLY_RENDER).problems
    assert [(p.line, p.severity.value) for p in problems] == [(6, "error"), (7, "warning")]


def test_ignore_comment_silences_it(tmp_path):
    text = CROSS_R.replace("${{ r_base }}", "${{ r_base }}  # recipegen: ignore[render-fails]")
    assert lint_file(write(tmp_path / "r-foo", text), ONLY_RENDER).problems == []
