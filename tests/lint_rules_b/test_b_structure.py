"""Rules of lint-rules.md section 9 (structure, files, variants, conda-forge.yml) and 10 (staged-recipes)."""

from __future__ import annotations

import shutil

import pytest

from .rule_cases_b import Case, finding_lines, lint_case, params

SIMPLE = """
package:
  name: foo
  version: "1.0"
"""

CASES = [
    # --- duplicate-recipe-files
    Case("duplicate-recipe-files", SIMPLE, fmt="both", lines=(1,), files={"meta.yaml": SIMPLE, "recipe.yaml": SIMPLE}),
    Case("duplicate-recipe-files", SIMPLE, fmt="both", lines=()),
    # --- v1-schema-version-unsupported
    Case("v1-schema-version-unsupported", "schema_version: 2  # <-\n" + SIMPLE.lstrip()),
    Case("v1-schema-version-unsupported", "schema_version: 1\n" + SIMPLE.lstrip()),
    # --- unexpected-top-level-key
    Case("unexpected-top-level-key", SIMPLE + "sources:  # <-\n  url: https://example.org/foo.tar.gz\n", fmt="both"),
    Case("unexpected-top-level-key", SIMPLE + "test:  # <-\n  imports: [foo]\n", name="v0-key-in-v1"),
    Case("unexpected-top-level-key", SIMPLE + "test:\n  imports: [foo]\n", fmt="v0"),
    # --- top-level-key-order
    Case(
        "top-level-key-order",
        """
        package:
          name: foo
        build:  # <-
          number: 0
        source:
          url: https://example.org/foo-1.0.tar.gz
        """,
        fmt="both",
    ),
    Case(
        "top-level-key-order",
        """
        context:
          version: "1.0"
        recipe:
          name: foo
        source:
          url: https://example.org/foo-1.0.tar.gz
        outputs:
          - package:
              name: libfoo
        about:
          license: MIT
        """,
        name="multi-output",
    ),
    Case(
        "top-level-key-order",
        """
        package:
          name: foo
        source:
          url: https://example.org/foo-1.0.tar.gz
        build:
          number: 0
        about:
          license: MIT
        extra:
          recipe-maintainers: [a]
        """,
        fmt="both",
    ),
    # --- trailing-newlines
    Case("trailing-newlines", "package:\n  name: foo\n\n\n", fmt="both", lines=(3,), name="too-many"),
    Case("trailing-newlines", "package:\n  name: foo", fmt="both", lines=(2,), name="none"),
    Case("trailing-newlines", "package:\n  name: foo\n", fmt="both", lines=()),
    # --- unexpected-subsection (v0)
    Case(
        "unexpected-subsection",
        """
        package:
          name: foo
        build:
          number: 0
          ski: true  # <-
        source:
          - url: https://example.org/foo.tar.gz
            sha265: abc  # <-
        extra:
          recipe-maintainers:
            - a
          skip-lints: []  # <-
        """,
        fmt="v0",
    ),
    Case(
        "unexpected-subsection",
        """
        package:
          name: foo
        build:
          number: 0
          skip: true  # [win]
        outputs:
          - name: foo-tools
            script: install.sh
        extra:
          feedstock-name: foo
        """,
        fmt="v0",
    ),
    # --- section-wrong-type (v0)
    Case(
        "section-wrong-type",
        """
        package:
          name: foo
        build:  # <-
          - number: 0
        source: https://example.org/foo.tar.gz  # <-
        """,
        fmt="v0",
    ),
    Case(
        "section-wrong-type",
        """
        package:
          name: foo
        build:
        source:
          - url: https://example.org/foo.tar.gz
        """,
        fmt="v0",
    ),
    # --- rattler-bld-bat, rattler-sp-dir
    Case("rattler-bld-bat", SIMPLE, lines=(1,), files={"bld.bat": "echo hi\n"}),
    Case("rattler-bld-bat", SIMPLE, lines=(), files={"build.bat": "echo hi\n"}),
    Case(
        "rattler-sp-dir",
        """
        build:
          script:
            - export SP_DIR=$PREFIX/lib/python3.12/site-packages  # <-
            - copy foo %PREFIX%\\Lib\\site-packages  # <-
        """,
    ),
    Case(
        "rattler-sp-dir",
        """
        build:
          script:
            - cp -r foo $SP_DIR/
        """,
    ),
    # --- package-to-avoid
    Case(
        "package-to-avoid",
        """
        requirements:
          host:
            - jpeg  # <-
          run:
            - matplotlib  # <-
            - matplotlib-base
        """,
        fmt="both",
    ),
    Case(
        "package-to-avoid",
        """
        requirements:
          run:
            - libjpeg-turbo
        """,
        fmt="both",
    ),
    # --- variants-config-duplicate
    Case(
        "variants-config-duplicate",
        SIMPLE,
        fmt="both",
        lines=(1,),
        files={"variants.yaml": "python:\n  - '3.12'\n", "conda_build_config.yaml": "python:\n  - '3.12'\n"},
    ),
    Case("variants-config-duplicate", SIMPLE, fmt="both", lines=(), files={"variants.yaml": "python:\n  - '3.12'\n"}),
    # --- macOS variants
    Case(
        "variants-macos-deployment-target-key",
        SIMPLE,
        fmt="both",
        lines=(1,),
        files={
            "conda_build_config.yaml": "MACOSX_DEPLOYMENT_TARGET:  # [osx and x86_64]\n  - '10.15'  # [osx and x86_64]\n"
        },
    ),
    Case(
        "variants-macos-deployment-target-key",
        SIMPLE,
        fmt="both",
        lines=(),
        files={"conda_build_config.yaml": "MACOSX_DEPLOYMENT_TARGET:  # [linux]\n  - '10.15'  # [linux]\n"},
    ),
    Case(
        "variants-macos-below-baseline",
        SIMPLE,
        fmt="both",
        lines=(1,),
        name="variants-yaml",
        files={"variants.yaml": "c_stdlib_version:\n  - if: osx\n    then: '10.13'\n    else: '2.17'\n"},
    ),
    Case(
        "variants-macos-below-baseline",
        SIMPLE,
        fmt="both",
        lines=(1,),
        name="cbc",
        files={"conda_build_config.yaml": "c_stdlib_version:  # [osx]\n  - '10.13'  # [osx]\n"},
    ),
    Case(
        "variants-macos-below-baseline",
        SIMPLE,
        fmt="both",
        lines=(),
        files={"conda_build_config.yaml": "c_stdlib_version:  # [unix]\n  - '2.17'  # [linux]\n  - '11.0'  # [osx]\n"},
    ),
    Case(
        "variants-macos-sdk-below-stdlib",
        SIMPLE,
        fmt="both",
        lines=(3,),  # in conda_build_config.yaml, at MACOSX_SDK_VERSION
        files={
            "conda_build_config.yaml": "c_stdlib_version:  # [osx]\n  - '12.0'  # [osx]\n"
            "MACOSX_SDK_VERSION:  # [osx]\n  - '11.3'  # [osx]\n"
        },
    ),
    Case(
        "variants-macos-sdk-below-stdlib",
        SIMPLE,
        fmt="both",
        lines=(),
        files={"conda_build_config.yaml": "MACOSX_SDK_VERSION:  # [osx]\n  - '13.3'  # [osx]\n"},
    ),
    Case("variants-file-empty", SIMPLE, fmt="both", lines=(1,), files={"conda_build_config.yaml": "\n"}),
    Case("variants-file-empty", SIMPLE, fmt="both", lines=(), files={"conda_build_config.yaml": "zlib:\n  - '1'\n"}),
    # --- feedstock files
    Case("no-variant-configs", SIMPLE, fmt="both", lines=(1,), layout="feedstock"),
    Case(
        "no-variant-configs",
        SIMPLE,
        fmt="both",
        lines=(),
        layout="feedstock",
        files={"../.ci_support/linux_64_.yaml": "zlib:\n- '1'\n"},
    ),
    Case("no-variant-configs", SIMPLE, fmt="both", lines=(), name="not-a-feedstock"),
    Case(
        "custom-gha-workflows",
        SIMPLE,
        fmt="both",
        lines=(1,),
        layout="feedstock",
        files={"../.github/workflows/conda-build.yml": "on: push\n", "../.github/workflows/release.yaml": "on: push\n"},
    ),
    Case(
        "custom-gha-workflows",
        SIMPLE,
        fmt="both",
        lines=(),
        layout="feedstock",
        files={"../.github/workflows/conda-build.yml": "on: push\n"},
    ),
    Case(
        "forge-yml-duplicate-keys",
        SIMPLE,
        fmt="both",
        lines=(3,),  # in conda-forge.yml, at the repeated key
        layout="feedstock",
        files={"../conda-forge.yml": "os_version:\n  linux_64: alma9\nos_version:\n  linux_64: cos7\n"},
    ),
    Case(
        "forge-yml-duplicate-keys",
        SIMPLE,
        fmt="both",
        lines=(),
        layout="feedstock",
        files={"../conda-forge.yml": "os_version:\n  linux_64: alma9\n"},
    ),
    Case(
        "forge-yml-deprecated-key",
        SIMPLE,
        fmt="both",
        lines=(1,),
        layout="feedstock",
        files={"../conda-forge.yml": "test_on_native_only: true\n"},
    ),
    Case(
        "forge-yml-deprecated-key",
        SIMPLE,
        fmt="both",
        lines=(),
        layout="feedstock",
        files={"../conda-forge.yml": "test: native_and_emulated\n"},
    ),
    Case(
        "forge-yml-old-os-version",
        SIMPLE,
        fmt="both",
        lines=(1,),
        layout="feedstock",
        files={"../conda-forge.yml": "os_version:\n  linux_64: cos7\n"},
    ),
    Case(
        "forge-yml-old-os-version",
        SIMPLE,
        fmt="both",
        lines=(),
        layout="feedstock",
        files={"../conda-forge.yml": "os_version:\n  linux_64: alma9\n"},
    ),
    Case(
        "forge-yml-old-os-version",
        SIMPLE,
        fmt="both",
        lines=(),
        layout="feedstock",
        name="skipped",
        files={"../conda-forge.yml": "os_version:\n  linux_64: cos7\n"},
        options={"skip": frozenset({"hint_os_version"})},
    ),
    Case(
        "forge-yml-deprecated-env-var",
        SIMPLE,
        fmt="both",
        lines=(4,),  # in conda-forge.yml, at the variable
        layout="feedstock",
        files={"../conda-forge.yml": "azure:\n  settings_win:\n    variables:\n      CONDA_BLD_PATH: D:\\\\bld\n"},
    ),
    Case(
        "forge-yml-deprecated-env-var",
        SIMPLE,
        fmt="both",
        lines=(),
        layout="feedstock",
        files={"../conda-forge.yml": "azure:\n  settings_win:\n    variables:\n      FOO: bar\n"},
    ),
    Case(
        "workflow-settings",
        SIMPLE,
        fmt="both",
        lines=(1,),
        layout="feedstock",
        files={"../conda-forge.yml": "workflow_settings:\n  build_workspace_dir:\n    - value: D:\\\\bld\n"},
    ),
    Case(
        "workflow-settings",
        SIMPLE,
        fmt="both",
        lines=(),
        layout="feedstock",
        files={
            "../conda-forge.yml": "workflow_settings:\n  build_workspace_dir:\n    - os: win\n      value: x\n"
            "    - os: [linux, osx]\n      value: /tmp\n"
        },
    ),
    # --- shellcheck (opt-in, needs shellcheck installed: never fires otherwise)
    Case(
        "shellcheck-findings",
        SIMPLE,
        fmt="both",
        lines=(),
        layout="feedstock",
        name="not-enabled",
        files={"build.sh": "cmake $CMAKE_ARGS\n"},
    ),
    # --- staged-recipes' own checks
    Case("v0-format-deprecated", SIMPLE, fmt="v0", lines=(1,), layout="staged"),
    Case("v0-format-deprecated", SIMPLE, fmt="v0", lines=(), name="feedstock", layout="feedstock"),
    Case(
        "feedstock-name-missing-multi-output",
        """
        recipe:
          name: foo-split  # <-
          version: "1.0"
        outputs:
          - package:
              name: libfoo
        """,
        layout="staged",
    ),
    Case(
        "feedstock-name-missing-multi-output",
        """
        recipe:
          name: foo-split
          version: "1.0"
        outputs:
          - package:
              name: libfoo
        extra:
          feedstock-name: foo
        """,
        layout="staged",
    ),
    Case(
        "feedstock-name-missing-multi-output",
        """
        package:
          name: foo-split  # <-
          version: "1.0"
        outputs:
          - name: libfoo
        """,
        fmt="v0",
        layout="staged",
    ),
    Case("recipe-misplaced-staged-recipes", SIMPLE, fmt="both", lines=(), layout="staged"),
]


@pytest.mark.parametrize(("case", "fmt"), params(CASES))
def test_rule(case: Case, fmt: str, tmp_path):
    problems = lint_case(case, fmt, tmp_path)
    assert finding_lines(problems, case.rule) == case.expected(fmt), problems


@pytest.mark.parametrize("where", ["recipes", "recipes/foo/bar", "recipes/example-v1/foo"])
def test_recipe_misplaced_in_staged_recipes(where, tmp_path):
    from recipegen.linters.api import lint_document, load_document
    from recipegen.linters.model import LintOptions

    (tmp_path / "recipes" / "example-v1").mkdir(parents=True)
    folder = tmp_path / where
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "recipe.yaml").write_text(SIMPLE.lstrip())
    problems = lint_document(
        load_document(folder / "recipe.yaml"), LintOptions(), select=["recipe-misplaced-staged-recipes"]
    )
    assert [p.line for p in problems] == [1]


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed")
def test_shellcheck_findings_when_installed(tmp_path):
    case = Case(
        "shellcheck-findings",
        SIMPLE,
        layout="feedstock",
        files={"build.sh": "#!/bin/bash\ncmake $CMAKE_ARGS\n", "../conda-forge.yml": "shellcheck:\n  enabled: true\n"},
    )
    assert finding_lines(lint_case(case, "v1", tmp_path), case.rule) == (1,)


def test_shellcheck_needs_opt_in(tmp_path):
    from recipegen.linters.rules import _shellcheck

    case = Case("shellcheck-findings", SIMPLE, layout="feedstock", files={"build.sh": "make\n"})
    from recipegen.linters.api import load_document

    from .rule_cases_b import write_case

    assert _shellcheck.run(load_document(write_case(case, "v1", tmp_path))) is None


def test_text_not_on_disk_ignores_the_folder(tmp_path, monkeypatch):
    """A generator lints text before writing it: files in an unrelated folder must not count."""
    from recipegen.linters.api import lint_text

    monkeypatch.chdir(tmp_path)
    (tmp_path / "foo").mkdir()
    for name, text in {
        "meta.yaml": SIMPLE,
        "bld.bat": "x",
        "variants.yaml": "a: [1]\n",
        "conda_build_config.yaml": "a: [1]\n",
        "LICENSE": "Apache License Version 2.0",
    }.items():
        (tmp_path / "foo" / name).write_text(text)
    text = SIMPLE.lstrip() + "about:\n  license: MIT\n  license_file: LICENSE\n"
    rules = {
        "duplicate-recipe-files",
        "rattler-bld-bat",
        "variants-config-duplicate",
        "license-file-not-found",
        "license-text-mismatch",
    }
    assert [p for p in lint_text(text, "foo/recipe.yaml") if p.rule_id in rules] == []


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"free_disk_space": [{"os": "win", "platform": "linux_64", "value": True}]}, ["restricts `os`"]),
        ({"free_disk_space": [{"os": "linux", "value": True}, {"provider": "azure", "value": False}]}, ["overlapping"]),
        ({"free_disk_space": [{"os": "linux", "value": True}, {"os": "win", "value": False}]}, []),
        ({"resize_partitions": [{"os": "win", "value": True}]}, ["not restricted by provider"]),
        ({"resize_partitions": [{"platform": "win_64", "provider": "github_actions", "value": True}]}, []),
        ({"tools_install_dir": "/opt/conda"}, ["without restricting it"]),
    ],
)
def test_workflow_settings_problems(settings, expected):
    from recipegen.linters.rules.workflow_settings import problems

    found = list(problems(settings))
    assert len(found) == len(expected)
    assert all(want in got for want, got in zip(expected, found))


def test_unknown_top_level_key_reported_once_on_v1() -> None:
    from recipegen.linters.api import lint_document, load_v1

    text = SIMPLE.lstrip() + "sources:\n  url: https://example.org/foo.tar.gz\n"
    doc = load_v1(text, "recipe.yaml")
    at_key = [p for p in lint_document(doc) if p.line == 4]
    assert [p.rule_id for p in at_key] == ["schema"]
    assert "R-000" in at_key[0].equivalent and "did you mean 'source'" in at_key[0].message
    # without the schema rule, the lint rule still reports it (conda-smithy's R-000)
    alone = lint_document(load_v1(text, "recipe.yaml"), ignore=["schema"])
    assert [p.rule_id for p in alone if p.line == 4] == ["unexpected-top-level-key"]
