"""Every golden recipe of every generator renders with rattler-build on conda-forge's four main
platforms, so a recipe the builder refuses (e.g. `cross-r-base 4.4` on the cross-compiled
platforms) can never be a golden again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recipegen.render import VariantFile, render_recipe, v3_failure

TESTS = Path(__file__).resolve().parents[1]
GOLDEN_FOLDERS = (
    "pypi/test_pypi_golden",
    "cran/test_cran_real",
    "cran/test_cran_recipes",
    "julia/test_julia_recipe",
    "split/test_split_recipe",
    "cxx/test_cxx_recipe",
)
# pypi goldens append the files written next to recipe.yaml, each after a `# --- NAME ---` line
SEPARATOR = re.compile(r"^# --- (?P<name>[\w.-]+) ---\n", re.MULTILINE)


def golden_files() -> list[str]:
    return [f"{folder}/{path.name}" for folder in GOLDEN_FOLDERS for path in sorted((TESTS / folder).glob("*.yaml"))]


def split_golden(text: str) -> tuple[str, dict[str, str]]:
    """(recipe.yaml, {name: text} of the files after it)."""
    parts = SEPARATOR.split(text)
    recipe, rest = parts[0], parts[1:]
    return recipe, dict(zip(rest[::2], rest[1::2], strict=True))


def test_every_generator_has_goldens():
    found = {name.rsplit("/", 1)[0] for name in golden_files()}
    assert found == set(GOLDEN_FOLDERS)


@pytest.mark.parametrize("golden", golden_files())
def test_golden_renders_on_every_platform(golden):
    recipe, extra = split_golden((TESTS / golden).read_text(encoding="utf-8"))
    variants = [
        VariantFile(name, text) for name, text in extra.items() if name in ("variants.yaml", "conda_build_config.yaml")
    ]
    result = render_recipe(recipe, TESTS / golden, variant_files=variants)
    if v3_failure(result):  # CEP 44 requirements.extras: rendered as `recipegen pypi` checks it
        result = render_recipe(recipe, TESTS / golden, variant_files=variants, v3=True)
    assert [f.describe() + f" at {f.line}:{f.column}" for f in result.failures] == []
    assert result.variants  # a platform the recipe skips (`skip: win`) renders no variant


def test_split_golden_reads_the_conda_forge_yml_part():
    recipe, extra = split_golden("package:\n  name: a\n# --- conda-forge.yml ---\nnoarch_platforms:\n  - linux_64\n")
    assert recipe == "package:\n  name: a\n"
    assert extra == {"conda-forge.yml": "noarch_platforms:\n  - linux_64\n"}
