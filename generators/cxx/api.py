"""`recipegen cxx` as one function: source spec → SourceTree → Project → CxxRecipe."""

from __future__ import annotations

import os

from recipegen.generators.cxx.detect import DetectError, read_project
from recipegen.generators.cxx.recipe import CxxRecipe, CxxRecipeError, build_cxx_recipe, conda_name
from recipegen.generators.cxx.source import SourceError, SourceTree, load_source


class CxxError(Exception):
    """The source cannot be turned into a recipe; one line."""


def recipe_from_tree(
    tree: SourceTree,
    *,
    version: str = "",
    name: str = "",
    static: bool = False,
    maintainers: tuple[str, ...] = (),
    recipe_root: str | None = None,
    about: dict[str, str] | None = None,
) -> CxxRecipe:
    try:
        project = read_project(tree, version)
        if name:
            project.name = name
        if not project.name:
            raise CxxError(f"{tree.label}: cannot tell the project name; pass --name")
        recipe_dir = None
        if recipe_root is not None:
            # Written to <root>/<name>-split/ (or <root>/lib<name>-headers/): relative source paths start there.
            recipe_dir = os.path.join(recipe_root, conda_name(project.name) + "-split")
        recipe = build_cxx_recipe(
            tree, project, static=static, maintainers=maintainers, recipe_dir=recipe_dir, about_overrides=about
        )
        if recipe_root is not None and recipe.name != conda_name(project.name) + "-split":
            recipe = build_cxx_recipe(
                tree,
                project,
                static=static,
                maintainers=maintainers,
                recipe_dir=os.path.join(recipe_root, recipe.name),
                about_overrides=about,
            )
        return recipe
    except (DetectError, CxxRecipeError) as exc:
        raise CxxError(str(exc)) from None


def cxx_recipe(spec: str, *, offline: bool = False, fetcher=None, **options) -> CxxRecipe:
    try:
        if fetcher is None and offline:
            from recipegen.http import Fetcher

            fetcher = Fetcher(offline=True)
        tree = load_source(spec, fetcher)
    except SourceError as exc:
        raise CxxError(str(exc)) from None
    return recipe_from_tree(tree, **options)
