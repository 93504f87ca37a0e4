"""The files around a recipe: its folder, the feedstock, conda-forge.yml, a staged-recipes checkout.

Read only for a recipe read from its file (`on_disk`): recipe text linted before it is written
(a generator's) has no folder of its own. Each answer is computed once per document.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from recipegen.linters.model import RecipeDocument

STAGED_RECIPES_EXAMPLES = ("example", "example-v1", "example-v0-deprecated")
T = TypeVar("T")


def per_version(path: Path, read: Callable[[str, int], T], missing: T) -> T:
    """`read(path, its modification time)`: a reader cached on both runs once per version of the
    file; `missing` when the file cannot be looked at."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return missing
    return read(str(path), stamp)


def on_disk(doc: RecipeDocument) -> bool:
    """The recipe was read from its file, so the files around it belong to it (not text linted
    before it is written, e.g. by a generator, whose folder may be unrelated)."""
    return doc.memo("on_disk", lambda: _is_file(doc.path))


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def recipe_folder_files(doc: RecipeDocument) -> list[str]:
    """Names of the files in the recipe folder ([] when it cannot be read)."""
    return doc.memo("recipe_folder_files", lambda: _folder_files(doc.recipe_dir))


def _folder_files(folder: Path) -> list[str]:
    try:
        return sorted(p.name for p in folder.iterdir() if p.is_file())
    except OSError:
        return []


def feedstock_on_disk(doc: RecipeDocument) -> Path | None:
    """The feedstock folder (`recipe/..`) of a recipe read from disk, else None."""
    return Path(doc.feedstock_dir) if doc.feedstock_dir is not None and on_disk(doc) else None


def forge_dir(doc: RecipeDocument) -> Path:
    """The folder conda-smithy reads conda-forge.yml, .ci_support and .github from (`recipe/..`)."""
    return doc.feedstock_dir if doc.feedstock_dir is not None else doc.recipe_dir.parent


def find_near(doc: RecipeDocument, name: str) -> Path | None:
    """The first `name` in the recipe dir, the feedstock dir, `..` or `../..` (or None)."""
    return doc.memo(f"find_near:{name}", lambda: _find_near(doc, name))


def _find_near(doc: RecipeDocument, name: str) -> Path | None:
    candidates = [doc.recipe_dir / name]
    if doc.feedstock_dir is not None:
        candidates.append(Path(doc.feedstock_dir) / name)
    candidates += [doc.recipe_dir.parent / name, doc.recipe_dir.parent.parent / name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def load_near(doc: RecipeDocument, name: str) -> dict[str, Any]:
    """Parsed YAML of `find_near(doc, name)` as plain data; {} when absent or unreadable."""
    from recipegen.yamlio import load_yaml, to_plain

    path = find_near(doc, name)
    if path is None:
        return {}
    try:
        data = to_plain(load_yaml(path, keep_comments=False))
    except Exception:
        return {}
    return data if isinstance(data, dict) else {}


def noarch_platforms(doc: RecipeDocument) -> bool:
    """conda-forge.yml lists more than one `noarch_platforms` entry."""
    value = load_near(doc, "conda-forge.yml").get("noarch_platforms")
    return isinstance(value, list) and len(value) > 1


def staged_recipes_dir(doc: RecipeDocument) -> Path | None:
    """The `recipes/` folder of a staged-recipes checkout holding this recipe, else None.

    A staged-recipes tree is recognised by its example recipes (`recipes/example-v1`, ...).
    """
    for folder in (doc.recipe_dir, *doc.recipe_dir.parents[:3]):
        if folder.name == "recipes" and any((folder / name).is_dir() for name in STAGED_RECIPES_EXAMPLES):
            return folder
    return None


def staged_recipes_place(doc: RecipeDocument) -> tuple[str, ...] | None:
    """Where a recipe read from disk sits below the `recipes/` folder of a staged-recipes
    checkout (the folder parts: `("foo",)` for `recipes/foo/`), None outside one."""
    return doc.memo("staged_recipes_place", lambda: _staged_recipes_place(doc))


def _staged_recipes_place(doc: RecipeDocument) -> tuple[str, ...] | None:
    if not on_disk(doc):
        return None
    folder = staged_recipes_dir(doc)
    return None if folder is None else doc.recipe_dir.relative_to(folder).parts


def is_staged_recipe(doc: RecipeDocument) -> bool:
    """The recipe, read from disk, is a proposed recipe of a staged-recipes checkout
    (`recipes/<name>/`, not an example)."""
    place = staged_recipes_place(doc)
    return place is not None and len(place) == 1 and place[0] not in STAGED_RECIPES_EXAMPLES
