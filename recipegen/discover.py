"""Find recipe files under the paths a user gives on the command line.

A path may be a recipe file, a recipe folder, a feedstock (with `recipe/`), a staged-recipes
checkout (with `recipes/<name>/`), or any folder holding these at any depth (a folder of
feedstocks, a folder of such folders). Folders are walked recursively in name order; the walk
stops at a recipe folder or feedstock (its sub-folders are patches and test data), and skips
hidden folders (`.git`, `.pixi`, ...) and build folders (SKIPPED_FOLDERS), unless such a folder
is named on the command line. Explicitly named files are used whatever their name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from recipegen.problems import InputError

DEFAULT_NAMES = ("recipe.yaml",)
# Folders a walk never enters: build trees and caches hold copies of recipes and sources
# (conda-build's build_artifacts/conda-bld, rattler-build's output/bld and src_cache).
SKIPPED_FOLDERS = frozenset(
    {"build", "build_artifacts", "conda-bld", "bld", "src_cache", "node_modules", "__pycache__", "site-packages"}
)
MAX_DEPTH = 12  # deeper than any layout of recipes; bounds a walk of a huge tree


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
        files = [path] if path.is_file() else _in_folder(path, names, 0, set())
        if not files:
            wanted = " or ".join(names)
            raise InputError(
                str(raw),
                f"no {wanted} found in it or any folder below it (hidden and build folders are "
                "skipped; expected a recipe file, a recipe folder, a feedstock with recipe/, "
                "or a staged-recipes checkout with recipes/*/)",
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
    """Sub-folders a walk enters: not hidden, not a build folder, in name order."""
    try:
        children = sorted(folder.iterdir())
    except OSError as exc:
        raise InputError(str(folder), f"cannot list folder: {exc.strerror or exc}") from None
    return [
        child
        for child in children
        if not child.name.startswith(".") and child.name not in SKIPPED_FOLDERS and child.is_dir()
    ]


def _in_folder(folder: Path, names: Sequence[str], depth: int, visited: set[Path]) -> list[Path]:
    real = folder.resolve()
    if real in visited or depth > MAX_DEPTH:  # a symlink loop, or absurdly deep
        return []
    visited.add(real)
    files = _recipe_or_feedstock(folder, names)
    if files:
        return files
    recipes_dir = folder / "recipes"  # staged-recipes layout: only recipes/*/
    if recipes_dir.is_dir():
        files = [f for sub in _subfolders(recipes_dir) for f in _direct(sub, names)]
        if files:
            return files
    return [f for sub in _subfolders(folder) for f in _in_folder(sub, names, depth + 1, visited)]


def files_below(folder: Path, limit: int) -> Iterator[Path]:
    """Every file below `folder` a walk for recipes would enter (hidden and build folders
    skipped, symlink loops and depth bounded as there), in name order; at most `limit` files."""
    count = 0
    stack = [(folder, 0)]
    visited: set[Path] = set()
    while stack:
        current, depth = stack.pop()
        real = current.resolve()
        if real in visited or depth > MAX_DEPTH:
            continue
        visited.add(real)
        for child in _files_in(current):
            count += 1
            if count > limit:
                return
            yield child
        stack += [(sub, depth + 1) for sub in reversed(_subfolders(current))]


def _files_in(folder: Path) -> list[Path]:
    try:
        return sorted(child for child in folder.iterdir() if child.is_file())
    except OSError as exc:
        raise InputError(str(folder), f"cannot list folder: {exc.strerror or exc}") from None
