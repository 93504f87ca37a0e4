"""`recipegen split` as one function: input path → plan → recipe data, plus the --explain table."""

from __future__ import annotations

from dataclasses import dataclass, field

from recipegen.generators.split.classify import classify_tree
from recipegen.generators.split.inputs import InstallTree, SplitInputError, read_trees
from recipegen.generators.split.naming import choose_name
from recipegen.generators.split.outputs import SplitOptions, SplitPlan, plan_split, recipe_name
from recipegen.generators.split.recipe import SplitRecipe, build_split_recipe, package_version


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
        classified = classify_tree(tree)
        base, how = (name, "") if name else choose_name(tree, classified)
        _check_name(base)
        release, _ = package_version(tree, classified, base, version)  # how the SONAME moves with it
        options = SplitOptions(name=base, static=static, headers_output=headers_output, version=release)
        plan = plan_split(tree, options)
        recipe = build_split_recipe(tree, plan, version=version, maintainers=maintainers, about=about)
    except ValueError as exc:
        raise SplitError(str(exc)) from None
    notes = [f"name `{base}` from the {how}; pass --name to choose another", *recipe.notes] if how else recipe.notes
    return SplitResult(tree, plan, recipe, recipe_name(plan.name), notes)


def split_recipe(source: str | list[str], **options) -> SplitResult:
    """Split one input, or several inputs of one library read as one tree (its .deb packages)."""
    try:
        tree = read_trees([source] if isinstance(source, str) else list(source))
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
