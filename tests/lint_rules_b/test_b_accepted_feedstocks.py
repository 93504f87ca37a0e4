"""Patterns of real conda-forge feedstocks (accepted by conda-smithy) that rules going beyond
conda-smithy must not call errors: a toolchain package's compiler in host, a name written with
Jinja filters, the context evaluated as rattler-build evaluates it."""

from __future__ import annotations

import pytest
from recipegen.linters.rules._context import context_values, render

from .rule_cases_b import Case, lint_case


def severities(text: str, rule: str, tmp_path, fmt: str = "v1") -> list[str]:
    return [p.severity.value for p in lint_case(Case(rule, text), fmt, tmp_path) if p.rule_id == rule]


def test_toolchain_package_compiler_in_host_is_a_warning(tmp_path):
    text = "package:\n  name: gcc_impl_linux-64\nrequirements:\n  host:\n    - ${{ compiler('c') }}\n"
    assert severities(text, "compiler-outside-build", tmp_path) == ["warning"]


def test_other_package_compiler_in_host_stays_an_error(tmp_path):
    text = "package:\n  name: foo\nrequirements:\n  host:\n    - ${{ compiler('c') }}  # [win]\n"
    assert severities(text, "compiler-outside-build", tmp_path, fmt="v0") == ["error"]


ZEROMQ = """
context:
  name: ZeroMQ
  version: "4.3.5"
  major: ${{ version.split('.')[0] }}
recipe:
  name: ${{ name|lower }}-split
  version: ${{ version }}
outputs:
  - package:
      name: ${{ name|lower }}
    requirements:
      run_exports:
        - ${{ pin_subpackage('zeromq', upper_bound='x.x') }}
  - package:
      name: libzmq${{ major }}
    requirements:
      run_exports:
        - ${{ pin_subpackage('libzmq4', upper_bound='x') }}
        - ${{ pin_compatible('zeromq') }}  # <-
"""


def test_pin_subpackage_compares_names_after_filters(tmp_path):
    found = lint_case(Case("pin-subpackage-vs-compatible", ZEROMQ), "v1", tmp_path)
    assert [(p.line, p.message.split(":")[0]) for p in found] == [
        (19, "Use `pin_subpackage('zeromq')` instead of `pin_compatible('zeromq')`")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("${{ name|lower }}", "zeromq"),
        ("${{ name | replace('M', '-m') | lower }}", "zero-mq"),
        ("lib${{ name[0:4]|lower }}${{ major }}", "libzero4"),
        ("${{ version.split('.')[:2] | join('.') }}", "4.3"),
        ("${{ compiler('c') }}", "${{ compiler('c') }}"),  # not a context value: kept
        ("${{ unknown|lower }}", "${{ unknown|lower }}"),
        ("${{ name|no_such_filter }}", "${{ name|no_such_filter }}"),
    ],
)
def test_context_expressions(text, expected):
    values = context_values({"name": "ZeroMQ", "version": "4.3.5", "major": "${{ version.split('.')[0] }}"})
    assert values["major"] == "4"
    assert render(text, values) == expected
