"""Real conda-forge recipes (fixtures/recipes, both formats): no errors from this area's rules,
and every warning or hint that remains is a real finding, listed here with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from recipegen.linters.api import lint_document, load_document
from recipegen.linters.model import LintOptions

from recipegen.problems import Severity

from .rules_a_helpers import AREA_RULES

RECIPES = Path(__file__).resolve().parents[2] / "fixtures" / "recipes"
FILES = sorted([*RECIPES.glob("v1/*/recipe.yaml"), *RECIPES.glob("v0/*/meta.yaml")])

# (feedstock, line, rule) -> why the finding is right
KNOWN = {
    (
        "mamba-feedstock",
        31,
        "host-pin-overrides-global",
    ): "`libcurl >=8.4.0` in host overrides the global libcurl pin (CF-006 too)",
    (
        "mamba-feedstock",
        207,
        "library-in-build",
    ): "`zlib` is listed in build (win, next to vcpkg-tool and curl) and not in host",
    (
        "zlib-feedstock",
        88,
        "static-archive-in-files",
    ): "the `zlib` output ships `lib/libz.a` in the default package, against CFEP-18",
    (
        "mamba-feedstock",
        168,
        "noarch-python-min-syntax",
    ): "noarch output `libmambapy-stubs` uses `python >=${{ python_min }}` in host, not `python ${{ python_min }}.*`",
    (
        "pybind11-feedstock",
        6,
        "python-min-redundant",
    ): "context sets python_min 3.8, below conda-forge's global minimum",
    (
        "pybind11-feedstock",
        121,
        "noarch-python-test-latest",
    ): "the noarch `pybind11` output tests only `python_version: ${{ python_min }}.*`",
}


def area_problems(path: Path):
    problems = lint_document(load_document(path), LintOptions(conda_forge=True), select=sorted(AREA_RULES))
    return [p for p in problems if p.rule_id in AREA_RULES]


def test_fixtures_present() -> None:
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.parent.name}/{p.parent.name}" for p in FILES])
def test_real_recipe(path: Path) -> None:
    if path.name == "meta.yaml":
        pytest.importorskip("recipegen.linters.v0")
    problems = area_problems(path)
    assert [p.one_line() for p in problems if p.severity == Severity.ERROR] == []
    found = {(path.parent.name, p.line, p.rule_id) for p in problems}
    expected = {key for key in KNOWN if key[0] == path.parent.name}
    assert found == expected


def test_global_pins_with_several_versions_are_not_overrides(tmp_path) -> None:
    """review2 #13: `nodejs >=22` picks one of the two pinned nodejs builds (not an override), while
    numpy (one pinned version) is checked like zlib."""
    from recipegen.linters.api import lint_document, load_document

    text = (
        "package:\n  name: foo\n  version: '1'\nrequirements:\n  host:\n"
        "    - nodejs >=22\n    - numpy >=1.26\n    - zlib >=1.2\n"
    )
    problems = lint_document(load_document(tmp_path / "recipe.yaml", text), select=["host-pin-overrides-global"])
    assert [p.line for p in problems] == [7, 8]
