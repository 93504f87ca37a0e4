"""PATH arguments → recipe files: a recipe file, a recipe folder, a feedstock (its `recipe/`),
or a folder of feedstocks / recipe folders (its sub-folders, one level down)."""

from __future__ import annotations

from pathlib import Path

RECIPE_FILES = ("recipe.yaml", "meta.yaml")


def recipe_in(folder: Path) -> Path | str | None:
    """The recipe file of a recipe folder; a message when it holds both; None when neither."""
    found = [folder / name for name in RECIPE_FILES if (folder / name).is_file()]
    if len(found) > 1:
        return f"{folder}: holds both recipe.yaml and meta.yaml (conda-smithy refuses that too); pass one of them"
    return found[0] if found else None


def _in_folder(folder: Path) -> list[Path | str]:
    for candidate in (folder, folder / "recipe"):
        found = recipe_in(candidate)
        if found is not None:
            return [found]
    children: list[Path | str] = []
    for child in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for candidate in (child, child / "recipe"):
            found = recipe_in(candidate)
            if found is not None:
                children.append(found)
                break
    return children or [f"{folder}: no recipe.yaml or meta.yaml here, in recipe/ or in its sub-folders"]


def find_recipes(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """(recipe files in order, without repeats; one-line problems with paths that hold none)."""
    recipes: list[Path] = []
    problems: list[str] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_file():
            found: list[Path | str] = [path] if path.name in RECIPE_FILES else [f"{path}: not recipe.yaml or meta.yaml"]
        elif path.is_dir():
            found = _in_folder(path)
        else:
            found = [f"{path}: no such file or folder"]
        for item in found:
            if isinstance(item, str):
                problems.append(item)
            elif item.resolve() not in seen:
                seen.add(item.resolve())
                recipes.append(item)
    return recipes, problems
