"""static-build-not-split reads the build scripts next to the recipe, not only inline ones."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from .rules_a_helpers import load, rule_lines

RECIPE = textwrap.dedent("""\
    package:
      name: foo
      version: "1.0"
    build:
      number: 0
    """)


@pytest.mark.parametrize(
    ("script", "lines"),
    [
        ("#!/bin/bash\n./configure --prefix=$PREFIX --enable-static\nmake install\n", [4]),
        ("#!/bin/bash\nmeson setup build -Ddefault_library=both\nninja install\n", [4]),
        ("#!/bin/bash\n./configure --enable-static\nmake install\nrm $PREFIX/lib/*.a\n", []),
        ("#!/bin/bash\n./configure --disable-static\nmake install\n", []),
    ],
    ids=["autotools", "meson-both", "archives-deleted", "disabled"],
)
@pytest.mark.parametrize("fmt", ["v1", "v0"])
def test_build_sh(tmp_path: Path, fmt: str, script: str, lines: list[int]) -> None:
    (tmp_path / "build.sh").write_text(script)
    assert rule_lines(load(RECIPE, fmt, tmp_path), "static-build-not-split") == lines


def test_output_script_file(tmp_path: Path) -> None:
    (tmp_path / "install_lib.bat").write_text("cmake -G Ninja -DBUILD_SHARED_LIBS=OFF .\n")
    recipe = textwrap.dedent("""\
        recipe:
          name: foo-split
        outputs:
          - package:
              name: libfoo
            build:
              script: install_lib.bat
        """)
    assert rule_lines(load(recipe, "v1", tmp_path), "static-build-not-split") == [7]


def test_host_pin_rule_leaves_feedstocks_to_cf006(tmp_path: Path) -> None:
    from recipegen.linters.api import lint_document, load_v1
    from recipegen.linters.model import LintOptions

    recipe_dir = tmp_path / "recipe"
    recipe_dir.mkdir()
    (tmp_path / ".ci_support").mkdir()
    (tmp_path / ".ci_support" / "linux_64_.yaml").write_text("openssl:\n- '3'\n")
    text = "requirements:\n  host:\n    - openssl >=3.1\n"
    doc = load_v1(text, str(recipe_dir / "recipe.yaml"), recipe_dir)

    def lines(conda_forge: bool) -> list[int]:
        return [
            p.line
            for p in lint_document(doc, LintOptions(conda_forge=conda_forge), select=["host-pin-overrides-global"])
        ]

    assert lines(conda_forge=False) == [3]
    assert lines(conda_forge=True) == []
