"""Generators render their recipe with rattler-build before writing it: a failure stops the write
with one line naming the platform, rattler-build's message and the position."""

from __future__ import annotations

from pathlib import Path

from recipegen.generate import GeneratedRecipe, check_generated, check_recipe_text, run_generators
from recipegen.yamlio import parse_yaml, to_plain

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


def extras_recipe(needs_v3: bool) -> GeneratedRecipe:
    data = to_plain(parse_yaml(rcpp_text(), "r-rcpp.yaml"))
    data["requirements"]["extras"] = {"docs": ["r-knitr"]}
    return GeneratedRecipe("r-rcpp", data, needs_v3=needs_v3)


def test_recipes_with_extras_render_in_v3_mode():
    recipe = extras_recipe(needs_v3=True)
    assert check_generated(recipe, recipe.render()) == []
    legacy = extras_recipe(needs_v3=False)
    assert [p.rule_id for p in check_generated(legacy, legacy.render())] == ["render-fails"]


def test_failure_stops_the_write_with_one_line(tmp_path, capsys):
    data = to_plain(parse_yaml(rcpp_text(BAD_PIN), "r-rcpp.yaml"))

    def generate(spec: str) -> GeneratedRecipe:
        return GeneratedRecipe("r-rcpp", data)

    code = run_generators(["Rcpp"], generate, output=tmp_path, stdout=False, force=False)
    lines = capsys.readouterr().err.splitlines()
    assert code == 1 and not (tmp_path / "r-rcpp").exists()
    [line] = lines
    line_number = pin_line(GeneratedRecipe("r-rcpp", data).render())
    assert line.startswith(f"error: Rcpp: generated recipe fails its checks: recipe.yaml:{line_number}:11: ")
    assert CROSS in line and "Invalid match spec 'cross-r-base 4." in line


def test_split_and_cxx_stop_the_write_with_one_line(tmp_path, capsys):
    from recipegen.commands._library_recipe import check_and_write

    target = tmp_path / "r-rcpp" / "recipe.yaml"
    code = check_and_write("r-rcpp", rcpp_text(BAD_PIN), target=target, notes=(), to_stdout=False, force=False)
    lines = capsys.readouterr().err.splitlines()
    assert code == 1 and not target.exists()
    [line] = lines
    assert CROSS in line and f"recipe.yaml:{pin_line(rcpp_text())}:11:" in line
