"""Rules of lint-rules.md section 6 (tests) and 7 (version pinning / requirement specs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .rule_cases_b import Case, finding_lines, lint_case, params

PKG = """
package:
  name: foo
  version: "1.0"
"""

CASES = [
    # --- tests-missing
    Case(
        "tests-missing",
        """
        package:  # <-
          name: foo
          version: "1.0"
        """,
        fmt="both",
    ),
    Case(
        "tests-missing",
        """
        package:
          name: foo
          version: "1.0"
        tests:
          - python:
              imports:
                - foo
        """,
    ),
    Case(
        "tests-missing",
        """
        package:
          name: foo
          version: "1.0"
        test:  # <-
          requires:
            - pytest
        """,
        fmt="v0",
        name="requires-only",
    ),
    Case(
        "tests-missing",
        """
        package:
          name: foo
          version: "1.0"
        test:
          commands:
            - foo --help  # [unix]
        """,
        fmt="v0",
        name="unix-only-test-counts",
    ),
    Case(
        "tests-missing",
        """
        package:
          name: foo
          version: "1.0"
        """,
        fmt="v0",
        files={"run_test.py": "import foo\n"},
        name="run-test-file",
    ),
    Case(
        "tests-missing",
        """
        recipe:
          name: foo
          version: "1.0"
        outputs:
          - package:
              name: libfoo
            tests:
              - script:
                  - test -f $PREFIX/lib/libfoo.so
        """,
        name="output-test",
    ),
    Case(
        "tests-missing",
        """
        package:
          name: foo
          version: "1.0"
        outputs:
          - name: libfoo
            test:
              script: test_libfoo.sh
        """,
        fmt="v0",
        name="output-script",
    ),
    # --- tests-missing-output
    Case(
        "tests-missing-output",
        """
        recipe:
          name: foo
          version: "1.0"
        outputs:
          - package:
              name: libfoo
            tests:
              - script:
                  - test -f $PREFIX/lib/libfoo.so
          - package:
              name: foo-tools  # <-
        """,
    ),
    Case(
        "tests-missing-output",
        """
        recipe:
          name: foo
          version: "1.0"
        outputs:
          - package:
              name: libfoo
            tests:
              - script:
                  - test -f $PREFIX/lib/libfoo.so
          - package:
              name: foo-tools
            tests:
              - script:
                  - foo --help
        """,
    ),
    Case(
        "tests-missing-output",
        """
        package:
          name: foo
          version: "1.0"
        outputs:
          - name: libfoo
            test:
              commands:
                - test -f $PREFIX/lib/libfoo.so
          - name: foo-tools  # <-
        """,
        fmt="v0",
    ),
    Case(
        "tests-missing-output",
        """
        package:
          name: foo
          version: "1.0"
        test:
          commands:
            - foo --help
        outputs:
          - name: libfoo
          - name: foo-tools
        """,
        fmt="v0",
        name="top-level-test",
    ),
    # --- spec-operator-space
    Case(
        "spec-operator-space",
        """
        requirements:
          host:
            - python >=3.10
          run:
            - python >= 3.10  # <-
          run_constraints:
            - foo != 1.2  # <-
        """,
    ),
    Case(
        "spec-operator-space",
        """
        requirements:
          run:
            - python >= 3.10  # <-
          run_constrained:
            - foo <2
        """,
        fmt="v0",
    ),
    Case(
        "spec-operator-space",
        """
        requirements:
          run:
            - python >=${{ python_min }}
            - foo 1.2 h1234_0
        """,
        fmt="both",
    ),
    Case(
        "spec-operator-space",
        """
        requirements:
          run_exports:
            weak:
              - libfoo >= 1.2  # <-
        """,
        name="run-exports",
    ),
    # --- spec-name-version-space
    Case(
        "spec-name-version-space",
        """
        requirements:
          run:
            - xonsh>1.0  # <-
            - python ==3.12
        """,
        fmt="both",
    ),
    Case(
        "spec-name-version-space",
        """
        outputs:
          - package:
              name: foo
            requirements:
              host:
                - bar=1.0  # <-
        """,
        name="output",
    ),
    Case(
        "spec-name-version-space",
        """
        requirements:
          run:
            - xonsh >1.0
        """,
        fmt="both",
    ),
    Case(
        "spec-name-version-space",
        """
        requirements:
          run:
            - python
            - scipy>= 1  # <-
        """,
        fmt="both",
        name="operator-then-space",
    ),
    # --- spec-malformed (v0)
    Case(
        "spec-malformed",
        """
        requirements:
          run:
            - python=3.9=*cpython*  # <-
            - bar >= 1.0
        """,
        fmt="v0",
    ),
    Case(
        "spec-malformed",
        """
        requirements:
          run:
            - python >=3.9
            - libfoo 1.2.* h1234_0
            - {{ pin_compatible('numpy') }}
        test:
          requires:
            - pytest
        """,
        fmt="v0",
    ),
    Case(
        "spec-malformed",
        """
        package:
          name: foo
          version: "1.0"
        test:
          requires:
            - pytest 7 8 9  # <-
        """,
        fmt="v0",
        name="test-requires",
    ),
    # --- pin-subpackage-vs-compatible
    Case(
        "pin-subpackage-vs-compatible",
        """
        package:
          name: libfoo
          version: "1.0"
        requirements:
          run_exports:
            - ${{ pin_compatible('libfoo', upper_bound='x.x') }}  # <-
            - ${{ pin_subpackage("other") }}  # <-
        """,
    ),
    Case(
        "pin-subpackage-vs-compatible",
        """
        context:
          name: libfoo
        package:
          name: ${{ name }}
          version: "1.0"
        requirements:
          run_exports:
            - ${{ pin_subpackage(name, upper_bound='x.x') }}
            - ${{ pin_subpackage(name ~ '-devel') }}
          run:
            - ${{ pin_compatible('numpy') }}
        """,
    ),
    Case(
        "pin-subpackage-vs-compatible",
        """
        package:
          name: libfoo
          version: "1.0"
        build:
          run_exports:
            - {{ pin_compatible('libfoo', max_pin='x.x') }}  # <-
        outputs:
          - name: foo-tools
            requirements:
              run:
                - {{ pin_subpackage('libfoo', exact=True) }}
                - {{ pin_subpackage('libbar') }}  # <-
        """,
        fmt="v0",
    ),
    Case(
        "pin-subpackage-vs-compatible",
        """
        package:
          name: libfoo
          version: "1.0"
        build:
          run_exports:
            - {{ pin_subpackage('libfoo', max_pin='x.x') }}
        requirements:
          host:
            - numpy
          run:
            - {{ pin_compatible('numpy') }}
        """,
        fmt="v0",
    ),
    # --- pinned-dependency-overridden (feedstock layout)
    Case(
        "pinned-dependency-overridden",
        """
        requirements:
          host:
            - libhwloc >=2.5  # <-
            - zlib
            - openssl
            - openssl >=3.1
        """,
        fmt="both",
        layout="feedstock",
        files={"../.ci_support/linux_64_.yaml": "libhwloc:\n- '2'\nzlib:\n- '1.3'\nopenssl:\n- '3'\n"},
    ),
    Case(
        "pinned-dependency-overridden",
        """
        requirements:
          host:
            - libhwloc >=2.5
        """,
        fmt="both",
        name="not-a-feedstock",
        files={"../.ci_support/linux_64_.yaml": "libhwloc:\n- '2'\n"},
    ),
    # --- numpy-xx-pin
    Case(
        "numpy-xx-pin",
        """
        requirements:
          build:
            - numpy x.x  # <-
        """,
        fmt="both",
    ),
    Case(
        "numpy-xx-pin",
        """
        requirements:
          host:
            - numpy
        """,
        fmt="both",
    ),
    # --- version-unquoted-float
    Case(
        "version-unquoted-float",
        """
        context:
          version: 1.10  # <-
        package:
          name: foo
          version: ${{ version }}
        """,
    ),
    Case(
        "version-unquoted-float",
        """
        {% set version = "1.10" %}
        package:
          name: foo
          version: {{ version }}  # <-
        """,
        fmt="v0",
    ),
    Case(
        "version-unquoted-float",
        """
        {% set version = "1.10" %}
        package:
          name: foo
          version: "{{ version }}"
        build:
          number: 0
        """,
        fmt="v0",
    ),
    Case(
        "version-unquoted-float",
        """
        context:
          version: "1.10"
        package:
          name: foo
          version: ${{ version }}
        build:
          number: 0
        """,
    ),
]


@pytest.mark.parametrize(("case", "fmt"), params(CASES))
def test_rule(case: Case, fmt: str, tmp_path):
    problems = lint_case(case, fmt, tmp_path)
    assert finding_lines(problems, case.rule) == case.expected(fmt), problems
    assert all(p.rule_id == case.rule for p in problems)


SPEC_RULES = ("spec-operator-space", "spec-name-version-space", "spec-malformed")
BAD_SPECS = [
    "scipy>= 1",
    "scipy>=1",
    "scipy >= 1",
    "xonsh>1.0",
    "foo= 1.0",
    "foo >= 1.0 , <2",
    "foo>=1.0, <2",
    "foo >= 1.0 py_0",
    "foo != 1.2",
    "foo==1.0 |  2.0",
    "bar=1.0",
]


@pytest.mark.parametrize("fmt", ["v1", "v0"])
def test_every_spec_fix_passes_every_spec_rule(fmt: str, tmp_path) -> None:
    from recipegen.linters.api import lint_document, load_document

    def lint_specs(specs: list[str], folder: Path) -> list:
        folder.mkdir(parents=True)
        recipe = folder / ("meta.yaml" if fmt == "v0" else "recipe.yaml")
        recipe.write_text("requirements:\n  run:\n" + "".join(f"    - {s}\n" for s in specs))
        return [p for p in lint_document(load_document(recipe), select=list(SPEC_RULES)) if p.rule_id in SPEC_RULES]

    problems = lint_specs(BAD_SPECS, tmp_path / "bad")
    fixes = {p.line: p.fix.removeprefix("write `").removesuffix("`") for p in problems if p.rule_id != "spec-malformed"}
    assert sorted(fixes) == list(range(3, 3 + len(BAD_SPECS)))  # every bad spec gets a suggestion
    assert fixes[3] == "scipy >=1"
    assert lint_specs(list(fixes.values()), tmp_path / "fixed") == []
