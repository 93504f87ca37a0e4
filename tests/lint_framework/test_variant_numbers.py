"""Variant files: numbers whose text YAML does not keep (the variants-unquoted-version rule), and
conda_build_config.yaml keys repeated under selectors (validated once per selector group)."""

from __future__ import annotations

from pathlib import Path

import pytest
from recipegen.linters.api import LintRequest, lint_file

from recipegen.validate import validate_text

VARIANT_NUMBER_RULE_ID = "variants-unquoted-version"
RECIPE = "package:\n  name: foo\n  version: '1.0'\n"


def _lint_variants(text: str, name: str) -> list:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "recipe.yaml").write_text(RECIPE)
        (Path(folder) / name).write_text(text)
        result = lint_file(Path(folder) / "recipe.yaml", LintRequest(select=("schema", VARIANT_NUMBER_RULE_ID)))
        return [p for p in result.problems if Path(p.file).name == name]


def found(text: str, name: str = "variants.yaml") -> list[tuple[int, int, int, str, str]]:
    return [(p.line, p.column, p.end_column, p.rule_id, p.message) for p in _lint_variants(text, name)]


def test_python_3_10_is_reported_at_the_value() -> None:
    assert found('python:\n  - 3.10\n  - "3.11"\n') == [
        (
            2,
            5,
            9,
            VARIANT_NUMBER_RULE_ID,
            'python[0]: `3.10` is read as the number 3.1, not as the version `3.10`: quote it ("3.10")',
        )
    ]


@pytest.mark.parametrize(
    ("text", "severities"),
    [
        ("python: [3.10]\n", ["error"]),
        ("numpy:\n  - if: osx\n    then: 1.10\n", ["error"]),
        ("foo: 1e3\n", ["error"]),
        ("numpy: [2.0]\n", ["error"]),  # the trailing zero is not part of a number
        ("python: [3.9]\nc_stdlib_version: [2.17]\n", []),  # read back exactly: nothing lost
        ('python: ["3.10", 13, 3.10.*, true]\n', []),  # strings, an integer, a boolean
    ],
)
def test_floats_in_variants(text: str, severities: list[str]) -> None:
    assert [p.severity.value for p in _lint_variants(text, "variants.yaml")] == severities


def test_trailing_zero_message() -> None:
    [(_, _, _, _, message)] = found("c_stdlib_version: [11.0]\n")
    assert message == (
        "c_stdlib_version[0]: `11.0` is read as a number, which does not keep its trailing zero "
        '(it may become `11`): quote it ("11.0")'
    )


def test_conda_build_config_numbers_are_read_as_written_by_conda_build() -> None:
    assert found("coin_or_cbc:\n  - 2.10\n", "conda_build_config.yaml") == []


def test_conda_build_config_keys_repeated_under_selectors_are_valid() -> None:
    text = "c_stdlib_version:  # [osx]\n  - '11.0'  # [osx]\nc_stdlib_version:  # [linux]\n  - '2.17'  # [linux]\n"
    assert validate_text(text, "conda_build_config.yaml") == []
    bad = text + "zip_keys: 5  # [linux]\n"
    assert [(p.line, p.rule_id) for p in validate_text(bad, "conda_build_config.yaml")] == [(5, "schema")]


def test_each_selector_group_of_a_repeated_key_is_checked() -> None:
    text = "python:  # [osx]\n  - '3.12'  # [osx]\npython:  # [linux]\n  - {a: 1}  # [linux]\n"
    [problem] = validate_text(text, "conda_build_config.yaml")
    assert (problem.line, problem.column) == (4, 5)


def test_a_repeated_key_without_selectors_is_still_unusable() -> None:
    from recipegen.problems import InputError

    with pytest.raises(InputError, match="duplicate key"):
        validate_text("a: [1]\na: [2]  # [osx]\na: [3]\n", "conda_build_config.yaml")


def test_cli_exit_code_for_variants_float(tmp_path) -> None:
    from click.testing import CliRunner

    from recipegen.cli import main

    (tmp_path / "recipe.yaml").write_text(RECIPE)
    path = tmp_path / "variants.yaml"
    path.write_text("python:\n  - 3.10\n")
    result = CliRunner().invoke(main, ["lint", str(tmp_path), "--select", VARIANT_NUMBER_RULE_ID])
    assert result.exit_code == 1
    assert f"{path}:2:5:" in result.output and "quote it" in result.output
    assert CliRunner().invoke(main, ["validate", str(path)]).exit_code == 0  # shape only: a lint concern
