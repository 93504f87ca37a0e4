"""Helpers of the tests/specs/selectors/structure/license rule tests: a recipe in a folder layout.

A `Case` is a recipe text plus optional files around it; it is written to a temporary folder
in one of three layouts (a plain recipe folder, a feedstock `<x>-feedstock/recipe/`, or a
staged-recipes checkout `recipes/<name>/`), linted with only the rule under test, and the lines
of its findings are compared with the expected ones.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from recipegen.linters.api import lint_document, load_document
from recipegen.linters.model import LintOptions

from recipegen.problems import Problem

MARK = "# <-"


@dataclass(frozen=True)
class Case:
    rule: str
    text: str
    fmt: str = "v1"  # "v1", "v0", or "both" (v0 text: `${{` becomes `{{`)
    lines: tuple[int, ...] | None = None  # default: the lines marked `# <-`
    files: dict[str, str] = field(default_factory=dict)  # relative to the recipe folder
    layout: str = "plain"  # plain | feedstock | staged
    options: dict[str, Any] = field(default_factory=dict)
    name: str = ""

    def source(self, fmt: str) -> str:
        text = textwrap.dedent(self.text).lstrip("\n")
        return text.replace("${{", "{{") if fmt == "v0" and self.fmt == "both" else text

    def expected(self, fmt: str) -> tuple[int, ...]:
        if self.lines is not None:
            return self.lines
        return tuple(i for i, line in enumerate(self.source(fmt).splitlines(), 1) if MARK in line)

    def id(self, fmt: str) -> str:
        return f"{self.rule}-{fmt}-{self.name or ('fail' if self.expected(fmt) else 'pass')}"


def params(cases: list[Case]) -> list:
    out = []
    for case in cases:
        for fmt in ("v1", "v0") if case.fmt == "both" else (case.fmt,):
            out.append(pytest.param(case, fmt, id=case.id(fmt)))
    return out


def recipe_dir_for(root: Path, layout: str) -> Path:
    if layout == "feedstock":
        return root / "foo-feedstock" / "recipe"
    if layout == "staged":
        (root / "staged-recipes" / "recipes" / "example-v1").mkdir(parents=True)
        return root / "staged-recipes" / "recipes" / "foo"
    return root / "foo"


def write_case(case: Case, fmt: str, root: Path) -> Path:
    folder = recipe_dir_for(root, case.layout)
    folder.mkdir(parents=True, exist_ok=True)
    recipe = folder / ("meta.yaml" if fmt == "v0" else "recipe.yaml")
    recipe.write_text(case.source(fmt), encoding="utf-8")
    for name, content in case.files.items():
        target = (folder / name).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(content).lstrip("\n") if content else "", encoding="utf-8")
    return recipe


def lint_case(case: Case, fmt: str, root: Path) -> list[Problem]:
    if fmt == "v0":
        pytest.importorskip("recipegen.linters.v0")
    path = write_case(case, fmt, root)
    options = {"conda_forge": True, **case.options}
    return lint_document(load_document(path), LintOptions(**options), select=[case.rule])


def finding_lines(problems: list[Problem], rule: str) -> tuple[int, ...]:
    return tuple(sorted({p.line for p in problems if p.rule_id == rule}))
