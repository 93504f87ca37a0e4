"""Core (`recipegen/`) never imports the linter: the generators' checks get it injected."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from recipegen.generate import check_recipe_text
from recipegen.problems import Problem, Severity

ROOT = Path(__file__).resolve().parents[2]
# the command layer, the commands built on top of it and the language server use the linter
USERS_OF_THE_LINTER = ("commands", "update", "convert", "lsp")
GOLDEN = ROOT / "tests" / "pypi" / "test_pypi_golden" / "test_golden_recipe_attrs_.yaml"


def _imported_modules(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


def test_core_never_imports_the_linter():
    core = ROOT / "recipegen"
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted(core.rglob("*.py"))
        if path.relative_to(core).parts[0] not in USERS_OF_THE_LINTER
        for module in _imported_modules(path)
        if module.startswith("recipegen.linters")
    ]
    assert offenders == []


def test_the_checks_use_the_linter_they_are_given():
    asked = []

    def lint(path: Path, text: str, *, ignore: tuple[str, ...] = ()) -> list[Problem]:
        asked.append((path.name, text, ignore))
        return [
            Problem(str(path), 3, 1, "an error", rule_id="fake", severity=Severity.ERROR),
            Problem(str(path), 4, 1, "a hint", rule_id="fake", severity=Severity.HINT),
        ]

    text = GOLDEN.read_text(encoding="utf-8")
    problems = check_recipe_text(text, "attrs/recipe.yaml", lint=lint)
    assert asked == [("recipe.yaml", text, ("render-fails",))]  # the checks render the recipe themselves
    assert [(p.file, p.line, p.message) for p in problems] == [("attrs/recipe.yaml", 3, "an error")]


def test_the_generator_layer_gives_the_linter():
    import recipegen.generators  # noqa: F401  (sets the lint step, as every generator command does)

    text = GOLDEN.read_text(encoding="utf-8").replace("  summary:", "  not_summary:", 1)
    rules = {p.rule_id for p in check_recipe_text(text, "attrs/recipe.yaml")}
    assert "about-missing-summary" in rules


def test_without_a_linter_the_checks_refuse(monkeypatch):
    from recipegen import generate

    monkeypatch.setattr(generate, "_linter", [])
    with pytest.raises(RuntimeError, match="no recipe linter"):
        check_recipe_text(GOLDEN.read_text(encoding="utf-8"), "attrs/recipe.yaml")
