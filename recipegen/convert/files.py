"""The disk edge of `recipegen convert`: find and read the v0 recipe, write the v1 one.

Writes are atomic (`recipegen.writing`), never over an existing file without `force`, and all
targets are checked before the first is written, so a refusal leaves nothing half done.
`--in-place` removes meta.yaml (and the conda_build_config.yaml that variants.yaml replaces)
only after both new files are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from recipegen.problems import InputError
from recipegen.writing import RefusedOverwrite, write_atomically

VARIANT_KEY = re.compile(r"^([A-Za-z_][\w.-]*)\s*:", re.MULTILINE)


@dataclass
class RecipeSource:
    meta_path: Path
    text: str
    variants_source: str | None  # conda_build_config.yaml next to it
    folder_files: frozenset[str]


def locate(path: str) -> Path:
    """The meta.yaml a PATH names: the file, a recipe folder, or a feedstock (recipe/meta.yaml)."""
    given = Path(path)
    if given.is_file():
        if given.name != "meta.yaml":
            raise InputError(path, "not a meta.yaml (convert reads conda-build recipes)")
        return given
    if given.is_dir():
        for candidate in (given / "meta.yaml", given / "recipe" / "meta.yaml"):
            if candidate.is_file():
                return candidate
        if (given / "recipe.yaml").is_file() or (given / "recipe" / "recipe.yaml").is_file():
            raise InputError(path, "already a v1 recipe (recipe.yaml), nothing to convert")
        raise InputError(path, "no meta.yaml here or in recipe/")
    raise InputError(path, "no such file or folder")


def read_source(meta_path: Path) -> RecipeSource:
    from recipegen.yamlio import read_text

    text = read_text(meta_path)
    cbc = meta_path.parent / "conda_build_config.yaml"
    variants = read_text(cbc) if cbc.is_file() else None
    files = frozenset(p.name for p in meta_path.parent.iterdir() if p.is_file())
    return RecipeSource(meta_path, text, variants, files)


def variant_keys(variants_source: str | None) -> frozenset[str]:
    """Keys the variant files define: conda-forge's global pinning and the recipe's own."""
    from recipegen.condaforge import global_pinning_lines

    keys = {key for key, _, _ in global_pinning_lines()}
    keys |= set(VARIANT_KEY.findall(variants_source or ""))
    return frozenset(keys)


@dataclass
class Written:
    paths: list[Path]
    removed: list[Path]
    renamed: list[tuple[Path, Path]]


def targets(source: RecipeSource, output: Path | None, several: bool) -> Path:
    """The folder recipe.yaml goes to: --output DIR (DIR/<recipe folder> for several PATHs)."""
    if output is None:
        return source.meta_path.parent
    if not several:
        return output
    folder = source.meta_path.parent
    name = folder.parent.name if folder.name == "recipe" else folder.name
    return output / name


def write(
    source: RecipeSource, folder: Path, recipe_text: str, variants_text: str | None, *, force: bool, in_place: bool
) -> Written:
    """Write recipe.yaml (and variants.yaml); RefusedOverwrite (nothing written) when one exists."""
    files = {folder / "recipe.yaml": recipe_text}
    if variants_text:
        files[folder / "variants.yaml"] = variants_text
    if not force:
        for target in files:
            if target.exists():
                raise RefusedOverwrite(target)
    for target, text in files.items():
        write_atomically(target, text, force=force)
    written = Written(list(files), [], [])
    if in_place:
        _replace_v0_files(source, written, rename_bld="bld.bat" not in recipe_text)
    return written


def _replace_v0_files(source: RecipeSource, written: Written, rename_bld: bool) -> None:
    folder = source.meta_path.parent
    bld, build = folder / "bld.bat", folder / "build.bat"
    if rename_bld and bld.is_file() and not build.exists():  # rattler-build runs build.bat
        bld.rename(build)
        written.renamed.append((bld, build))
    cbc = folder / "conda_build_config.yaml"
    if source.variants_source is not None and cbc.is_file() and (folder / "variants.yaml") in written.paths:
        cbc.unlink()
        written.removed.append(cbc)
    source.meta_path.unlink()
    written.removed.append(source.meta_path)
