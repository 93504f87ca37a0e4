"""find_recipe_files: recipe file, recipe folder, feedstock, staged-recipes checkout."""

import pytest

from recipegen.discover import find_recipe_files
from recipegen.problems import InputError

from .conftest import REAL_V0, REAL_V1


def make(root, *paths):
    for path in paths:
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("package: {name: x, version: '1'}\n")
    return root


def test_recipe_file_named_directly_whatever_its_name(tmp_path):
    make(tmp_path, "other.yaml")
    assert find_recipe_files([tmp_path / "other.yaml"]) == [tmp_path / "other.yaml"]


def test_recipe_folder_and_feedstock(tmp_path):
    make(tmp_path, "a/recipe.yaml", "b-feedstock/recipe/recipe.yaml")
    assert find_recipe_files([tmp_path / "a"]) == [tmp_path / "a" / "recipe.yaml"]
    assert find_recipe_files([tmp_path / "b-feedstock"]) == [tmp_path / "b-feedstock" / "recipe" / "recipe.yaml"]


def test_staged_recipes_checkout(tmp_path):
    make(tmp_path, "recipes/foo/recipe.yaml", "recipes/bar/meta.yaml", "recipes/example/recipe.yaml")
    assert find_recipe_files([tmp_path]) == [
        tmp_path / "recipes" / "example" / "recipe.yaml",
        tmp_path / "recipes" / "foo" / "recipe.yaml",
    ]
    assert find_recipe_files([tmp_path], names=("recipe.yaml", "meta.yaml")) == [
        tmp_path / "recipes" / "bar" / "meta.yaml",
        tmp_path / "recipes" / "example" / "recipe.yaml",
        tmp_path / "recipes" / "foo" / "recipe.yaml",
    ]


def test_folder_of_feedstocks():
    assert len(find_recipe_files([REAL_V1])) == 11
    assert len(find_recipe_files([REAL_V0], names=("recipe.yaml", "meta.yaml"))) == 14


def test_each_file_once_in_argument_order(tmp_path):
    make(tmp_path, "a/recipe.yaml", "b/recipe.yaml")
    got = find_recipe_files([tmp_path / "b", tmp_path / "a", tmp_path / "b" / "recipe.yaml"])
    assert got == [tmp_path / "b" / "recipe.yaml", tmp_path / "a" / "recipe.yaml"]


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        find_recipe_files([tmp_path / "nope"])


def test_folder_without_recipe(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no recipe.yaml found"):
        find_recipe_files([tmp_path / "empty"])


def test_folder_of_folders_of_recipes_two_levels_down():
    """`recipegen lint shared/data/recipes/`: recipes under v0/ and v1/ are all found."""
    both = ("recipe.yaml", "meta.yaml")
    assert len(find_recipe_files([REAL_V1.parent], names=both)) == 25
    assert find_recipe_files([REAL_V1.parent]) == find_recipe_files([REAL_V1])


def test_walk_skips_hidden_and_build_folders(tmp_path):
    make(
        tmp_path,
        "group/a/recipe.yaml",
        "group/deeper/still/b-feedstock/recipe/recipe.yaml",
        ".hidden/c/recipe.yaml",
        "group/build/d/recipe.yaml",
        "build_artifacts/e/recipe.yaml",
        "output/bld/rattler-build_f/work/recipe.yaml",
    )
    assert find_recipe_files([tmp_path]) == [
        tmp_path / "group" / "a" / "recipe.yaml",
        tmp_path / "group" / "deeper" / "still" / "b-feedstock" / "recipe" / "recipe.yaml",
    ]
    # a skipped folder named on the command line is searched
    assert find_recipe_files([tmp_path / ".hidden"]) == [tmp_path / ".hidden" / "c" / "recipe.yaml"]


def test_walk_stops_at_a_recipe_folder(tmp_path):
    make(tmp_path, "a/recipe.yaml", "a/tests/data/recipe.yaml")
    assert find_recipe_files([tmp_path]) == [tmp_path / "a" / "recipe.yaml"]


def test_walk_survives_a_symlink_loop(tmp_path):
    make(tmp_path, "x/y/recipe.yaml")
    (tmp_path / "x" / "loop").symlink_to(tmp_path)
    assert find_recipe_files([tmp_path]) == [tmp_path / "x" / "y" / "recipe.yaml"]
