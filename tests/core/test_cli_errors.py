"""One error style everywhere: `error: ...` lines; nonsensical option combinations and counts refused."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from recipegen.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(
    "args",
    [
        ("pypi", "--stdout", "--output", "somewhere", "foo"),
        ("pypi", "--output", "somewhere", "--stdout", "foo"),
        ("cran", "-o", "somewhere", "--stdout", "foo"),
        ("julia", "--stdout", "-o", "somewhere", "Foo"),
        ("split", "--stdout", "--output", "somewhere", "missing.conda"),
        ("cxx", "--output", "somewhere", "--stdout", "missing.tar.gz"),
    ],
    ids=["pypi", "pypi-reversed", "cran", "julia", "split", "cxx"],
)
def test_stdout_with_output_is_refused(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "error: --stdout prints the recipe; it cannot be combined with --output DIR" in result.output


@pytest.mark.parametrize(("command", "value"), [("pypi", "0"), ("pypi", "-3"), ("lint", "0")])
def test_nonsensical_job_counts_are_refused(command, value):
    result = run(command, "--jobs", value, "x")
    assert result.exit_code == 2
    assert "error: Invalid value for '--jobs'" in result.output


def test_click_errors_use_the_lowercase_prefix():
    result = run("lint")
    assert result.exit_code == 2
    assert "error: Missing argument" in result.output
    assert "Error:" not in result.output


def test_command_errors_use_the_lowercase_prefix():
    result = run("pypi", "--version", "1.0", "a", "b")
    assert result.exit_code == 2
    assert "error: --version applies to one SPEC" in result.output and "Error:" not in result.output


def test_help_and_version_still_exit_0():
    assert run("--version").exit_code == 0
    assert run("lint", "--help").exit_code == 0
