"""Reading recipes into the update model: values and requirement items with their positions."""

from __future__ import annotations

import pytest

from recipegen.render import recipe_folder_variant_files
from recipegen.update.model import TOP
from recipegen.update.pipeline import read_recipe

from .conftest import RECIPES


def read(label: str):
    folder = RECIPES / label
    path = next(folder / n for n in ("recipe.yaml", "meta.yaml") if (folder / n).exists())
    return read_recipe(path, path.read_text(), recipe_folder_variant_files(folder))


def line(label: str, number: int) -> str:
    folder = RECIPES / label
    path = next(folder / n for n in ("recipe.yaml", "meta.yaml") if (folder / n).exists())
    return path.read_text().splitlines()[number - 1]


def test_v0_outputs_selectors_and_positions():
    recipe = read("mypy-v0")
    assert recipe.format == "v0" and recipe.version == "1.15.0"
    assert [o.key for o in recipe.outputs] == [TOP, "mypy", "mypyc"]
    tomli = next(e for e in recipe.output("mypy").section("run").entries if e.key == "tomli")
    assert tomli.condition == "py<311" and not tomli.templated
    assert line("mypy-v0", tomli.line)[tomli.start - 1 : tomli.end - 1] == "tomli >=1.1.0"
    pins = [e for e in recipe.output("mypyc").section("run").entries if e.templated]
    assert pins  # {{ pin_subpackage(...) }} and {{ compiler(...) }} are never edited
    assert recipe.output("mypy").installs


def test_v0_set_variables_hold_version_and_build_number():
    recipe = read("python-lsp-server-v0")
    assert (recipe.version_spot.line, recipe.version_spot.value, recipe.version_spot.quote) == (2, "1.7.4", '"')
    assert [(s.line, s.value) for s in recipe.build_numbers] == [(3, "0")]


def test_v1_if_then_items_and_their_blocks():
    recipe = read("pytest-v1")
    run = recipe.output("pytest").section("run")
    colorama = run.find("colorama")[0]
    assert colorama.condition == "win" and colorama.own_line and colorama.block is None
    unix = next(e for e in run.entries if e.name == "__unix")
    assert unix.condition == "unix" and unix.block == (unix.line - 1, unix.line)
    assert recipe.outputs[0].noarch == "python"


def test_v1_build_number_through_a_context_variable():
    recipe = read("pybind11-v1")
    assert [(s.line, s.value) for s in recipe.build_numbers] == [(5, "0")]
    assert recipe.python_min is not None and recipe.python_min.value == "3.8"
    assert {o.key for o in recipe.outputs} == {"pybind11-abi", "pybind11-global", "pybind11"}


def test_rendered_sources_keep_mirrors():
    recipe = read("r-ggplot2-v0")
    (source,) = recipe.sources
    assert len(source.urls) == 2 and all("ggplot2_3.5.2.tar.gz" in u for u in source.urls)
    assert source.sha256.startswith("0a30024a")


def test_multi_output_v1_names_are_rendered():
    recipe = read("ibis-framework-v1")
    assert recipe.outputs[0].key == "ibis-framework-core"
    assert "ibis-duckdb" in {o.key for o in recipe.outputs}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("# nothing but a comment\n", "not a recipe (the YAML is not a mapping)"),
        ("- a\n- b\n", "not a recipe (the YAML is not a mapping)"),
        ('{% set version = "1.0" %}\npackage:\n  name: x\n  version: {{ version }}\noutputs: 7\nbuild: 3\n', ""),
        ('{% set version = "1.0" %}\npackage: [x]\nsource: 5\nrequirements: foo\nabout: 3\nextra: [1]\n', ""),
    ],
    ids=["empty", "comment", "list", "outputs-int", "scalars"],
)
def test_malformed_v0_recipes_are_one_line(tmp_path, text, message):
    """review1 #14: never an internal error, whatever shape the recipe has."""
    from recipegen.update.model import UpdateError

    path = tmp_path / "meta.yaml"
    path.write_text(text)
    try:
        recipe = read_recipe(path, text, [])
    except UpdateError as exc:
        assert message in str(exc) and "\n" not in str(exc)
    else:
        assert not message and recipe.version == "1.0"
