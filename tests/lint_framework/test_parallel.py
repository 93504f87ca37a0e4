"""Staged-recipes and feedstock layouts; many recipes linted in parallel give the same result."""

from __future__ import annotations

import shutil

from recipegen.linters.api import LintRequest, lint_paths

from .conftest import CLEAN_V1, NO_LICENSE_V1, REAL_RECIPES, run_json, write_recipe


def _staged(tmp_path, count: int):
    root = tmp_path / "staged-recipes"
    for i in range(count):
        text = NO_LICENSE_V1 if i % 5 == 0 else CLEAN_V1
        write_recipe(root / "recipes" / f"pkg{i:02d}", text.replace("name: foo", f"name: pkg{i:02d}"))
    write_recipe(root / "recipes" / "old-style", "package:\n  name: old\n  version: 1.0\n", name="meta.yaml")
    return root


def test_staged_recipes_checkout_parallel_equals_serial(tmp_path):
    root = _staged(tmp_path, 24)
    request = LintRequest(select=("license-missing", "schema", "recipe-not-renderable"))
    parallel = lint_paths([root], request, jobs=2)
    serial = lint_paths([root], request, jobs=1)
    assert len(parallel.files) == 25
    assert sorted(parallel.problems) == sorted(serial.problems)
    failing = sorted(f.path.split("/")[-2] for f in parallel.files if f.failed)
    assert failing == ["old-style", "pkg00", "pkg05", "pkg10", "pkg15", "pkg20"]
    assert parallel.exit_code == 1


def test_feedstock_layout_and_recipe_folder(tmp_path):
    feedstock = tmp_path / "foo-feedstock"
    write_recipe(feedstock / "recipe", NO_LICENSE_V1)
    code, problems = run_json("--select", "license-missing", str(feedstock))
    assert code == 1 and problems[0]["file"].endswith("foo-feedstock/recipe/recipe.yaml")
    code, problems = run_json("--select", "license-missing", str(feedstock / "recipe"))
    assert code == 1 and len(problems) == 1


def test_real_recipes_tree(tmp_path):
    for recipe in REAL_RECIPES.rglob("*.yaml"):
        if recipe.name in ("recipe.yaml", "meta.yaml"):
            target = tmp_path / "recipes" / recipe.parent.name
            target.mkdir(parents=True, exist_ok=True)
            for sibling in recipe.parent.glob("*.yaml"):
                shutil.copy(sibling, target / sibling.name)
    result = lint_paths([tmp_path], LintRequest(use_config=False), jobs=2)
    assert len(result.files) == 25 and not result.unusable
