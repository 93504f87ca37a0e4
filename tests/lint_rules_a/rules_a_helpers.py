"""Shared helpers of the rule tests: lint a snippet, keep one rule's findings, find marked lines."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from recipegen.linters.api import lint_document, load_v1
from recipegen.linters.model import LintOptions, RecipeDocument

MARK = "# <-"

AREA_RULES = frozenset(
    {
        "abi3-cross-python-ignore-run-exports",
        "abi3-missing-abi3audit",
        "abi3-test-latest",
        "about-missing-home",
        "about-missing-summary",
        "artifact-headers-in-runtime",
        "artifact-not-in-recipe",
        "artifact-static-archive",
        "build-number-missing",
        "compiler-outside-build",
        "cross-python-placement",
        "devel-suffix-dev",
        "feedstock-name-suffix",
        "go-licenses-not-bundled",
        "host-pin-overrides-global",
        "is-abi3-string-compare",
        "language-host-not-run",
        "language-runtime-pinned",
        "legacy-toolchain",
        "library-in-build",
        "license-exception-not-spdx",
        "license-family-invalid",
        "license-file-missing",
        "license-missing",
        "license-not-spdx",
        "license-unknown",
        "license-word-license",
        "maintainers-missing",
        "maintainers-not-list",
        "noarch-python-lower-bound",
        "noarch-python-min-syntax",
        "noarch-python-test-latest",
        "noarch-selectors-v0",
        "noarch-selectors-v1",
        "noarch-value-invalid",
        "numpy-pin-compatible",
        "package-name-invalid",
        "package-version-invalid",
        "package-version-missing",
        "pip-build-backend-missing",
        "python-build-input-in-build",
        "python-build-tool-placement",
        "python-in-build-not-host",
        "python-min-redundant",
        "recipe-name-equals-output",
        "requirements-section-order",
        "runtime-dep-in-host",
        "rust-licenses-not-bundled",
        "source-compiled-wheel",
        "source-hash-missing",
        "source-hash-not-text",
        "source-legacy-pypi-url",
        "source-pure-wheel",
        "source-pure-wheel-noarch",
        "static-archive-in-files",
        "static-build-not-split",
        "static-output-headers",
        "static-output-run-exports",
        "static-output-unpinned",
        "stdlib-missing",
        "stdlib-osx-virtual-direct",
        "stdlib-sysroot-direct",
        "suggest-noarch-python",
        "use-pip",
    }
)  # the rules of this area (lint-rules.md 1, 2, 4, 5 + placement + CFEP-18)


@dataclass(frozen=True)
class Case:
    """A snippet and the lines where `rule` must fire (marked `# <-`, or `lines`); none = must pass."""

    rule: str
    text: str
    fmt: str = "both"  # "v1", "v0" or "both" (v0 text derived by turning `${{` into `{{`)
    lines: tuple[int, ...] | None = None
    name: str = ""

    def id(self, fmt: str) -> str:
        return f"{self.rule}-{fmt}-{self.name or ('fail' if self.expected_lines(fmt) else 'pass')}"

    def source(self, fmt: str) -> str:
        text = textwrap.dedent(self.text).lstrip("\n")
        return text.replace("${{", "{{") if fmt == "v0" and self.fmt == "both" else text

    def expected_lines(self, fmt: str) -> tuple[int, ...]:
        if self.lines is not None:
            return self.lines
        return tuple(i for i, line in enumerate(self.source(fmt).splitlines(), start=1) if MARK in line)


def formats(cases: list[Case]) -> list:
    params = []
    for case in cases:
        for fmt in ("v1", "v0") if case.fmt == "both" else (case.fmt,):
            params.append(pytest.param(case, fmt, id=case.id(fmt)))
    return params


def load(text: str, fmt: str, recipe_dir: Path) -> RecipeDocument:
    if fmt == "v1":
        return load_v1(text, str(recipe_dir / "recipe.yaml"), recipe_dir)
    v0 = pytest.importorskip("recipegen.linters.v0")
    return v0.load_v0(text, str(recipe_dir / "meta.yaml"), recipe_dir=recipe_dir)


def rule_lines(doc: RecipeDocument, rule: str, conda_forge: bool = True) -> list[int]:
    problems = lint_document(doc, LintOptions(conda_forge=conda_forge), select=[rule])
    return sorted({p.line for p in problems if p.rule_id == rule})
