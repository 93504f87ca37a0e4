"""Rules of lint-rules.md section 8 (selectors / Jinja)."""

from __future__ import annotations

import pytest

from .rule_cases_b import Case, finding_lines, lint_case, params

CASES = [
    # --- selector-format (v0)
    Case(
        "selector-format",
        """
        requirements:
          build:
            - m2-patch # [win]
            - cmake  #[unix]
            - make  # [unix]
        """,
        fmt="v0",
        lines=(3, 4),
    ),
    Case(
        "selector-format",
        """
        build:
          skip: true  # [win]
        requirements:
          build:
            - m2-patch  # [win]
        # - commented  #[win]
        """,
        fmt="v0",
        lines=(),
    ),
    # --- py-selector-legacy (lint) and its hint
    Case(
        "py-selector-legacy",
        """
        requirements:
          run:
            - importlib-metadata  # [py37]
            - tomli  # [py<311]
            - enum34  # [py27]
        """,
        fmt="v0",
        lines=(3,),
    ),
    Case(
        "py-selector-legacy",
        """
        requirements:
          run:
            - tomli  # [py<311]
        """,
        fmt="v0",
        lines=(),
    ),
    Case(
        "py-selector-legacy-hint",
        """
        requirements:
          run:
            - importlib-metadata  # [py37]
            - enum34  # [py27 or win]
        """,
        fmt="v0",
        lines=(4,),
    ),
    Case(
        "py-selector-legacy-hint",
        """
        requirements:
          run:
            - enum34  # [py<34]
        """,
        fmt="v0",
        lines=(),
    ),
    # --- jinja-set-format
    Case(
        "jinja-set-format",
        """
        {% set name = "foo" %}
        {%set version="1.0"%}
        {% set build  = 0 %}
        package:
          name: {{ name }}
          version: {{ version }}
        """,
        fmt="v0",
        lines=(2, 3),
    ),
    Case(
        "jinja-set-format",
        """
        {% set name = "foo" %}
        {% set version = "1.0" %}
        {% set parts = version.split(".") %}
        package:
          name: {{ name }}
          version: {{ version }}
        """,
        fmt="v0",
        lines=(),
    ),
    # --- jinja-expression-spacing
    Case(
        "jinja-expression-spacing",
        """
        context:
          name: foo
        package:
          name: ${{name}}
          version: ${{ version}}
        source:
          url: https://example.org/${{ name }}-${{ version }}.tar.gz
        """,
        fmt="both",
        lines=(4, 5),
    ),
    Case(
        "jinja-expression-spacing",
        """
        package:
          name: ${{ name }}
          version: ${{ version | lower }}
        """,
        fmt="both",
        lines=(),
    ),
    # --- duplicate-key (a repeated key is linted, not unusable input)
    Case(
        "duplicate-key",
        """
        requirements:
          host:
            - zlib
          host:  # <-
            - python
        about:
          license: MIT
          license: BSD-3-Clause  # <-
        """,
    ),
    Case(
        "duplicate-key",
        """
        requirements:
          host:
            - zlib
          run:
            - python
        """,
    ),
    # --- v0-jinja-in-v1
    Case(
        "v0-jinja-in-v1",
        """
        context:
          version: "1.0"
        package:
          name: foo
          version: "{{ version }}"  # <-
        source:
          url: https://example.org/foo-{{ version }}.tar.gz  # <-
        build:
          script:
            - "{{ PYTHON }} -m pip install ."  # <-
            - docker inspect --format '{{.Id}}' x
            - echo ${{ version }}
        """,
    ),
    Case(
        "v0-jinja-in-v1",
        """
        package:
          name: foo
          version: ${{ version }}
        source:
          url: https://example.org/foo-${{ version }}.tar.gz
        """,
    ),
    Case(
        "v0-jinja-in-v1",
        """
        context:
          flavour: plain
        package:
          name: mstch
          version: 1.0.2
        about:
          summary: mstch is a complete implementation of {{mustache}} templates using modern C++
          description: Renders {{ flavour }} templates  # <-
        """,
    ),
    # --- comment-selectors-v1
    Case(
        "comment-selectors-v1",
        """
        requirements:
          build:
            - m2-patch  # [win]
            - if: unix
              then: make
        # a comment  # [win]
        """,
        lines=(3,),
    ),
    Case(
        "comment-selectors-v1",
        """
        requirements:
          build:
            - if: win
              then: m2-patch
        tests:
          - script:
              - test -f x  # check [not a selector] here
        """,
        lines=(),
    ),
]


@pytest.mark.parametrize(("case", "fmt"), params(CASES))
def test_rule(case: Case, fmt: str, tmp_path):
    problems = lint_case(case, fmt, tmp_path)
    assert finding_lines(problems, case.rule) == case.expected(fmt), problems


def test_selector_format_points_at_the_comment(tmp_path):
    case = Case("selector-format", "requirements:\n  build:\n    - m2-patch # [win]\n", fmt="v0")
    (problem,) = lint_case(case, "v0", tmp_path)
    assert (problem.line, problem.column) == (3, 15)
    assert "[win]" in problem.message
