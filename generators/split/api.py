"""`recipegen split` as one function: input path → plan → recipe data, plus the --explain table."""

from __future__ import annotations

from dataclasses import dataclass, field

from recipegen.generators.split.classify import classify_tree
from recipegen.generators.split.inputs import InstallTree, SplitInputError, read_tree
from recipegen.generators.split.outputs import SplitOptions, SplitPlan, default_name, plan_split, recipe_name
from recipegen.generators.split.recipe import SplitRecipe, build_split_recipe


class SplitError(Exception):
    """Input that cannot be split; one line for the user."""


@dataclass
class SplitResult:
    tree: InstallTree
    plan: SplitPlan
    recipe: SplitRecipe
    recipe_name: str
    notes: list[str] = field(default_factory=list)


def split_tree(
    tree: InstallTree,
    *,
    name: str = "",
    version: str = "",
    static: bool = False,
    headers_output: bool = False,
    maintainers: tuple[str, ...] = (),
    about: dict[str, str] | None = None,
) -> SplitResult:
    try:
        base = name or default_name(tree, classify_tree(tree))
        _check_name(base)
        plan = plan_split(tree, SplitOptions(name=base, static=static, headers_output=headers_output))
        recipe = build_split_recipe(tree, plan, version=version, maintainers=maintainers, about=about)
    except ValueError as exc:
        raise SplitError(str(exc)) from None
    return SplitResult(tree, plan, recipe, recipe_name(plan.name), recipe.notes)


def split_recipe(source: str, **options) -> SplitResult:
    try:
        tree = read_tree(source)
    except SplitInputError as exc:
        raise SplitError(str(exc)) from None
    return split_tree(tree, **options)


def _check_name(name: str) -> None:
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", name):
        raise ValueError(f"--name {name!r}: a conda package name is lower-case letters, digits, '_', '.', '-'")


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
