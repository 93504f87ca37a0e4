"""Every real conda-forge v1 recipe (and every variant file) validates clean."""

import pytest

from recipegen.validate import validate_file

from .conftest import REAL_V0, REAL_V1

V1_RECIPES = sorted(REAL_V1.glob("*/recipe.yaml"))
VARIANT_FILES = sorted(
    [
        *REAL_V1.glob("*/variants.yaml"),
        *REAL_V1.glob("*/conda_build_config.yaml"),
        *REAL_V0.glob("*/conda_build_config.yaml"),
    ]
)


def test_fixtures_are_present():
    assert len(V1_RECIPES) == 11
    assert len(VARIANT_FILES) == 12


@pytest.mark.parametrize("path", V1_RECIPES, ids=lambda p: p.parent.name)
def test_real_v1_recipe_is_valid(path):
    problems = validate_file(path)
    assert problems == [], "\n".join(p.one_line() for p in problems)


@pytest.mark.parametrize("path", VARIANT_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_real_variant_file_is_valid(path):
    problems = validate_file(path)
    assert problems == [], "\n".join(p.one_line() for p in problems)
