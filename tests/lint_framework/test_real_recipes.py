"""No false errors: every real conda-forge recipe in fixtures/recipes lints without errors.

Run with every rule on (`--conda-forge`). A recipe that really breaks a *current*
conda-forge rule goes in ALLOWED with the reason; anything else failing here is a false
error of a rule (or of the v0 renderer) and must be fixed there, not listed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from recipegen.linters.api import LintRequest, lint_file, load_document

from recipegen.problems import Severity

from .conftest import REAL_RECIPES

# (feedstock folder, rule id, line): why the recipe really breaks a current conda-forge rule
ALLOWED: dict[tuple[str, str, int], str] = {
    ("abseil-cpp-feedstock", "version-unquoted-float", 28): (
        "conda-smithy R-040 checks v0 values after Jinja rendering: `version: {{ version }}` with "
        '`{% set version = "20260107.1" %}` renders to the YAML float 20260107.1, which '
        'conda-smithy\'s linter reports too (quoting `"{{ version }}"` fixes it).'
    ),
}

RECIPES = sorted(p for p in REAL_RECIPES.rglob("*.yaml") if p.name in ("recipe.yaml", "meta.yaml"))


def _id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}"


def test_fixture_recipes_are_there():
    assert len([p for p in RECIPES if p.name == "meta.yaml"]) >= 14
    assert len([p for p in RECIPES if p.name == "recipe.yaml"]) >= 11


@pytest.mark.parametrize("path", RECIPES, ids=_id)
def test_no_false_errors(path):
    result = lint_file(path, LintRequest(conda_forge=True, use_config=False))
    assert not result.unusable, result.problems
    errors = [
        p
        for p in result.problems
        if p.severity is Severity.ERROR and (path.parent.name, p.rule_id, p.line) not in ALLOWED
    ]
    assert errors == [], "\n".join(f"{p.line}:{p.column} {p.rule_id} {p.message}" for p in errors)


@pytest.mark.parametrize("path", [p for p in RECIPES if p.name == "meta.yaml"], ids=_id)
def test_v0_renders_on_every_platform_with_exact_key_lines(path):
    doc = load_document(path)
    assert doc.render_problems == []
    assert {p for v in doc.views for p in v.platforms} == {"linux-64", "osx-arm64", "win-64", "linux-aarch64", "osx-64"}
    lines = doc.text.split("\n")

    def keys(node, trail):
        if isinstance(node, dict):
            for key, value in node.items():
                yield (*trail, key), key
                yield from keys(value, (*trail, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from keys(value, (*trail, index))

    for view in doc.views:
        for trail, key in keys(view.data, ()):
            span = view.locate_key(trail)
            assert lines[span.line - 1][span.column - 1 :].startswith(str(key)), (view.platform, trail, span)


def test_allow_list_entries_still_fire():
    """An allow-list entry whose problem is gone must be removed (the list stays honest)."""
    for (feedstock, rule_id, line), reason in ALLOWED.items():
        assert reason
        (path,) = [p for p in RECIPES if p.parent.name == feedstock]
        result = lint_file(path, LintRequest(conda_forge=True, use_config=False))
        assert any(p.rule_id == rule_id and p.line == line for p in result.problems), (feedstock, rule_id, line)
