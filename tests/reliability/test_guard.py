"""The guard at each edge: an unexpected exception is one line, "internal error, please report",
exit status 3; the other inputs are still handled; observers (the test suite) are told."""

from __future__ import annotations

import pytest

from recipegen import guard

from .helpers import BASE_V1, run, write_recipe

pytestmark = pytest.mark.internal_error_expected


def boom(*args, **kwargs):
    raise RuntimeError("boom\nsecond line")


def only_line_with(result, text: str) -> str:
    lines = [line for line in result.output.splitlines() if text in line]
    assert len(lines) == 1, result.output
    return lines[0]


def test_command_level_exception_is_one_line_exit_3(monkeypatch):
    monkeypatch.setattr("recipegen.validation.kinds.kind_named", boom)
    result = run("schema", "variants")
    assert result.exit_code == guard.INTERNAL_ERROR_EXIT
    line = only_line_with(result, "internal error")
    assert line.startswith(
        "recipegen schema variants: internal error, please report (RuntimeError: boom second line at "
    )
    assert "Traceback" not in result.output


def test_validate_reports_the_file_and_goes_on(monkeypatch, tmp_path):
    import recipegen.validate

    good = write_recipe(tmp_path / "good", BASE_V1)
    bad = write_recipe(tmp_path / "bad", BASE_V1)
    real = recipegen.validate.validate_file
    monkeypatch.setattr(
        recipegen.validate, "validate_file", lambda path, *a: boom() if "bad" in str(path) else real(path, *a)
    )
    result = run("validate", str(bad), str(good))
    assert result.exit_code == 3
    assert only_line_with(result, "please report").startswith(
        f"error: {bad}: internal error, please report (RuntimeError"
    )
    assert "validated 1 file(s)" in result.output


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_lint_reports_the_file_and_goes_on(monkeypatch, tmp_path, fmt):
    import recipegen.linters.api as api

    good = write_recipe(tmp_path / "good", BASE_V1)
    bad = write_recipe(tmp_path / "bad", BASE_V1)
    real = api.load_document
    monkeypatch.setattr(api, "load_document", lambda path, *a: boom() if "bad" in str(path) else real(path, *a))
    result = run("lint", "--no-config", "--format", fmt, str(bad), str(good))
    assert result.exit_code == 3
    assert "internal error, please report (RuntimeError: boom second line" in result.output


def test_a_failing_rule_is_isolated_and_observed(monkeypatch, tmp_path):
    from recipegen.linters import registry
    from recipegen.linters.api import LintRequest, lint_file

    rule = next(r for r in registry.all_rules() if r.ID == "stdlib-missing")
    monkeypatch.setattr(rule, "check", boom)
    seen: list[str] = []
    undo = guard.watch(lambda subject, exc: seen.append(subject))
    try:
        result = lint_file(write_recipe(tmp_path / "r", BASE_V1), LintRequest(use_config=False))
    finally:
        undo()
    messages = [p.message for p in result.problems if p.rule_id == "stdlib-missing"]
    assert messages == [
        "rule stdlib-missing: internal error, please report (RuntimeError: boom second line at test_guard.py:16)"
    ]
    assert seen == [f"{tmp_path / 'r' / 'recipe.yaml'} (rule stdlib-missing)"]
    assert not result.internal  # the file itself was linted


def test_generator_exception_costs_only_its_package(tmp_path):
    from recipegen.generate import Target, run_pipeline
    from tests.core.recipes import Generated, small_recipe

    def generate(spec: str):
        if spec == "bad":
            boom()
        return small_recipe(spec)

    code = run_pipeline(Generated(generate), ["bad", "good"], Target(tmp_path))
    assert code == 3
    assert (tmp_path / "good" / "recipe.yaml").is_file() and not (tmp_path / "bad").exists()


def test_lone_surrogates_become_escapes():
    assert guard.safe_text("a\ud800b") == "a\\ud800b"
    assert guard.safe_text("plain é") == "plain é"
