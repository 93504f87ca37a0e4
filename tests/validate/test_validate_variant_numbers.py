"""Variant files: numbers whose text YAML does not keep, and conda_build_config selectors."""

from __future__ import annotations

import pytest

from recipegen.validate import VARIANT_NUMBER_RULE_ID, validate_text


def found(text: str, name: str = "variants.yaml") -> list[tuple[int, int, int, str, str]]:
    return [(p.line, p.column, p.end_column, p.rule_id, p.message) for p in validate_text(text, name)]


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
    assert [p.severity.value for p in validate_text(text, "variants.yaml")] == severities


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
    assert found(text, "conda_build_config.yaml") == []
    bad = text + "zip_keys: 5  # [linux]\n"
    assert [(line, rule) for line, _, _, rule, _ in found(bad, "conda_build_config.yaml")] == [(5, "schema")]


def test_a_repeated_key_without_selectors_is_still_unusable() -> None:
    from recipegen.problems import InputError

    with pytest.raises(InputError, match="duplicate key"):
        validate_text("a: [1]\na: [2]  # [osx]\na: [3]\n", "conda_build_config.yaml")


def test_cli_exit_code_for_variants_float(tmp_path) -> None:
    from click.testing import CliRunner

    from recipegen.cli import main

    path = tmp_path / "variants.yaml"
    path.write_text("python:\n  - 3.10\n")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2:5:" in result.output and "quote it" in result.output
