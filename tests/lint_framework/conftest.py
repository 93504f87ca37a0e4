"""Shared helpers for the linter framework tests."""

from __future__ import annotations

import json
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from recipegen.linters.model import Finding

from recipegen.problems import Severity

ROOT = Path(__file__).resolve().parents[2]
REAL_RECIPES = ROOT / "fixtures" / "recipes"

CLEAN_V1 = """\
schema_version: 1

context:
  version: "1.2.3"

package:
  name: foo
  version: ${{ version }}

source:
  url: https://example.org/foo-${{ version }}.tar.gz
  sha256: 8f7a2b1c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a

build:
  number: 0
  noarch: generic

tests:
  - script:
      - test -f $PREFIX/share/foo/data.txt

about:
  homepage: https://example.org/foo
  summary: A test package
  license: MIT
  license_file: LICENSE

extra:
  recipe-maintainers:
    - someone
"""

# no license: `license-missing` (error); license-not-spdx does not fire on a missing license
NO_LICENSE_V1 = CLEAN_V1.replace("  license: MIT\n", "")


def run_cli(*args: str) -> tuple[int, str]:
    from recipegen.cli import main

    result = CliRunner().invoke(main, ["lint", *args], catch_exceptions=False)
    return result.exit_code, result.output


def run_json(*args: str) -> tuple[int, list[dict]]:
    code, out = run_cli("--format", "json", *args)
    return code, json.loads(out)


def write_recipe(folder: Path, text: str, name: str = "recipe.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def fake_rule(rule_id: str, check, severity: Severity = Severity.ERROR, formats=("v0", "v1"), **extra):
    """A rule module stand-in for framework tests (independent of the real rules)."""
    module = types.SimpleNamespace(
        ID=rule_id,
        SEVERITY=severity,
        EQUIVALENT=("x-row", "R-999"),
        FORMATS=frozenset(formats),
        CONDA_FORGE_ONLY=False,
        check=check,
        __doc__=f"{rule_id} summary.\n\nWhy: tests.",
        **extra,
    )
    return module


def finding_at(path):
    def check(doc, options):
        for view in doc.views:
            yield Finding(f"found at {'.'.join(map(str, path))}", path=path, view=view, fix="do this")

    return check


@pytest.fixture
def only_rules(monkeypatch):
    """Replace the registry's rules with the given fake ones (api.lint_document's view)."""

    def install(*rules):
        monkeypatch.setattr("recipegen.linters.api.all_rules", lambda: tuple(rules))

    return install
