"""Find recipe files under the paths a user gives on the command line.

A path may be a recipe file, a recipe folder, a feedstock (with `recipe/`), a staged-recipes
checkout (with `recipes/<name>/`), or a folder whose sub-folders are any of these (e.g. a
folder of feedstocks). Explicitly named files are used whatever their name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from recipegen.problems import InputError

DEFAULT_NAMES = ("recipe.yaml",)


def find_recipe_files(paths: Iterable[str | Path], names: Sequence[str] = DEFAULT_NAMES) -> list[Path]:
    """Recipe files named one of `names` under each path, in path order, each file once.

    Raises InputError for a path that does not exist or a folder that holds no recipe.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(str(raw), "no such file or folder")
        files = [path] if path.is_file() else _in_folder(path, names)
        if not files:
            wanted = " or ".join(names)
            raise InputError(
                str(raw),
                f"no {wanted} found (expected a recipe file, a recipe folder, "
                "a feedstock with recipe/, or a staged-recipes checkout with recipes/*/)",
            )
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def _direct(folder: Path, names: Sequence[str]) -> list[Path]:
    return [folder / name for name in names if (folder / name).is_file()]


def _recipe_or_feedstock(folder: Path, names: Sequence[str]) -> list[Path]:
    direct = _direct(folder, names)
    if direct:
        return direct
    recipe_dir = folder / "recipe"
    if recipe_dir.is_dir():
        return _direct(recipe_dir, names)
    return []


def _subfolders(folder: Path) -> list[Path]:
    try:
        return sorted(child for child in folder.iterdir() if child.is_dir() and not child.name.startswith("."))
    except OSError as exc:
        raise InputError(str(folder), f"cannot list folder: {exc.strerror or exc}") from None


def _in_folder(folder: Path, names: Sequence[str]) -> list[Path]:
    files = _recipe_or_feedstock(folder, names)
    if files:
        return files
    recipes_dir = folder / "recipes"  # staged-recipes layout
    if recipes_dir.is_dir():
        files = [f for sub in _subfolders(recipes_dir) for f in _direct(sub, names)]
        if files:
            return files
    return [f for sub in _subfolders(folder) for f in _recipe_or_feedstock(sub, names)]
