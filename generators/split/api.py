"""`recipegen split` as one generator: inputs → install tree → plan → Recipe, plus the --explain table."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from recipegen.generators.split.classify import classify_tree
from recipegen.generators.split.inputs import InstallTree, SplitInputError, read_trees
from recipegen.generators.split.naming import choose_name
from recipegen.generators.split.outputs import SplitOptions, SplitPlan, plan_split
from recipegen.generators.split.recipe import build_split_recipe, package_version

from recipegen.generate import UnusableInput
from recipegen.recipe import Recipe


@dataclass
class SplitResult:
    tree: InstallTree
    plan: SplitPlan
    recipe: Recipe


@dataclass
class SplitGenerator:
    """Splits a built library; a spec is its inputs (one or several packages or trees of it)."""

    name: str = ""
    version: str = ""
    static: bool = False
    headers_output: bool = False
    maintainers: tuple[str, ...] = ()
    about: dict[str, str] = field(default_factory=dict)

    def generate(self, spec: Sequence[str]) -> Recipe:
        return self.split(spec).recipe

    def split(self, spec: Sequence[str]) -> SplitResult:
        """The tree, the plan and the recipe of the inputs `spec` (read as one tree)."""
        try:
            tree = read_trees([spec] if isinstance(spec, str) else list(spec))
        except SplitInputError as exc:
            raise UnusableInput(str(exc)) from None
        return self.from_tree(tree)

    def from_tree(self, tree: InstallTree) -> SplitResult:
        return _split(tree, self)


def split_tree(tree: InstallTree, **options: Any) -> SplitResult:
    """`SplitGenerator(**options).from_tree(tree)`."""
    return SplitGenerator(**options).from_tree(tree)


def _split(tree: InstallTree, options: SplitGenerator) -> SplitResult:
    classified = classify_tree(tree)
    base, how = (options.name, "") if options.name else choose_name(tree, classified)
    _check_name(base)
    release, _ = package_version(tree, classified, base, options.version)  # how the SONAME moves with it
    plan = plan_split(
        tree, SplitOptions(name=base, static=options.static, headers_output=options.headers_output, version=release)
    )
    recipe = build_split_recipe(
        tree, plan, version=options.version, maintainers=options.maintainers, about=options.about
    )
    if how:
        recipe.notes.insert(0, f"name `{base}` from the {how}; pass --name to choose another")
    return SplitResult(tree, plan, recipe)


def _check_name(name: str) -> None:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", name):
        raise UnusableInput(f"--name {name!r}: a conda package name is lower-case letters, digits, '_', '.', '-'")


def explain_table(plan: SplitPlan) -> str:
    """One row per file: path, category, output (or `(left out)`), reason."""
    rows = [("FILE", "CATEGORY", "OUTPUT", "REASON")]
    for c in plan.classified:
        rows.append((c.path, c.category, plan.assignment.get(c.path) or "(left out)", c.reason))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3] for r in rows]
    summary = [f"platform: {plan.platform}; run_exports pin: {plan.pin_reason}"]
    for output in plan.outputs:
        summary.append(f"{output.name}: {len(output.files)} file(s), build.files: {', '.join(output.globs)}")
    if plan.omitted:
        summary.append(f"left out: {len(plan.omitted)} file(s)")
    return "\n".join([*lines, "", *summary]) + "\n"
