"""Generators render their recipe with rattler-build before writing it: a failure stops the write
with one line naming the platform, rattler-build's message and the position."""

from __future__ import annotations

from pathlib import Path

import pytest

from recipegen.generate import Target, check_generated, check_recipe_text, run_pipeline
from recipegen.recipe import If, Recipe

GOLDEN = Path(__file__).resolve().parents[1] / "cran" / "test_cran_recipes" / "r-rcpp.yaml"
GOOD_PIN = "cross-r-base ${{ r_base }}.*"
BAD_PIN = "cross-r-base ${{ r_base }}"
CROSS = "osx-arm64 (cross-compiled from osx-64) and linux-aarch64 (cross-compiled from linux-64)"


def rcpp_text(pin: str = GOOD_PIN) -> str:
    return GOLDEN.read_text().replace(GOOD_PIN, pin)


def pin_line(text: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if "cross-r-base" in line)


def test_check_finds_the_render_failure_at_its_position():
    text = rcpp_text(BAD_PIN)
    assert check_recipe_text(rcpp_text(), "r-rcpp/recipe.yaml") == []
    [problem] = check_recipe_text(text, "r-rcpp/recipe.yaml")
    assert (problem.file, problem.rule_id) == ("r-rcpp/recipe.yaml", "render-fails")
    assert (problem.line, problem.column) == (pin_line(text), 11)
    assert CROSS in problem.message and "missing range specifier" in problem.message


def test_variant_files_the_generator_writes_are_merged():
    text = rcpp_text().replace("    - r-base\n", "    - r-base\n    - libfoo ${{ libfoo }}.*\n", 1)
    assert [p.rule_id for p in check_recipe_text(text, "r-rcpp/recipe.yaml")] == ["render-fails"]
    assert check_recipe_text(text, "r-rcpp/recipe.yaml", {"variants.yaml": "libfoo:\n  - '2'\n"}) == []


def test_a_broken_variant_file_is_named():
    [problem] = check_recipe_text(rcpp_text(), "r-rcpp/recipe.yaml", {"variants.yaml": "a: [\n"})
    assert problem.file == "r-rcpp/variants.yaml"


@pytest.fixture
def rcpp(tmp_path_factory) -> Recipe:
    """The CRAN generator's r-rcpp (the golden's recipe)."""
    from recipegen.generators.cran.generate import CranGenerator
    from recipegen.generators.cran.recipe import RecipeOptions
    from recipegen.generators.cran.repository import CranRepository

    from tests.cran.cran_repo import build_repository

    root = build_repository(tmp_path_factory.mktemp("cran"), packages=["Rcpp"])
    recipe = CranGenerator(CranRepository.from_dir(root), RecipeOptions(use_r=False)).generate("Rcpp")
    assert recipe.text() == GOLDEN.read_text()
    return recipe


def with_bad_pin(recipe: Recipe) -> Recipe:
    cross = recipe.requirements.build[0]
    assert isinstance(cross, If) and cross.then[0] == GOOD_PIN
    cross.then[0] = BAD_PIN
    return recipe


def test_recipes_with_extras_render_in_v3_mode(rcpp):
    rcpp.requirements.extras = {"docs": ["r-knitr"]}
    rcpp.needs_v3 = True
    assert check_generated(rcpp, rcpp.text()) == []
    rcpp.needs_v3 = False
    assert [p.rule_id for p in check_generated(rcpp, rcpp.text())] == ["render-fails"]


def test_failure_stops_the_write_with_one_line(rcpp, tmp_path, capsys):
    from tests.core.recipes import Generated

    recipe = with_bad_pin(rcpp)
    code = run_pipeline(Generated(lambda spec: recipe), ["Rcpp"], Target(tmp_path))
    lines = capsys.readouterr().err.splitlines()
    assert code == 1 and not (tmp_path / "r-rcpp").exists()
    [line] = lines
    line_number = pin_line(recipe.text())
    assert line.startswith(f"error: r-rcpp: generated recipe fails its checks: recipe.yaml:{line_number}:11: ")
    assert CROSS in line and "Invalid match spec 'cross-r-base 4." in line


def test_split_and_cxx_go_through_the_same_checks(tmp_path, capsys):
    """The one pipeline checks every generator's recipe: a split recipe with a broken pin stops too."""
    from recipegen.generators.split.api import split_tree

    from tests.core.recipes import Generated
    from tests.split.split_trees import linux_tree
    from tests.split.test_split_classify import as_tree

    about = {"homepage": "https://example.org", "summary": "Foo", "license": "MIT"}
    recipe = split_tree(as_tree(linux_tree()), about=about).recipe
    recipe.outputs[0].requirements.host.append(BAD_PIN)
    code = run_pipeline(Generated(lambda spec: recipe), ["tree"], Target(tmp_path))
    [line] = capsys.readouterr().err.splitlines()
    assert code == 1 and not any(tmp_path.iterdir())
    assert line.startswith("error: foo-split: generated recipe fails its checks: ") and "cross-r-base" in line
