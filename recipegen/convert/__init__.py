"""`recipegen convert`: legacy conda-build `meta.yaml` -> v1 `recipe.yaml`, proven equivalent.

The functional core (no disk, no network): `convert_text(text, ...)` runs the stages

1. `template`: the Jinja template -> YAML lines with conditions, `{% set %}` -> context;
2. `tree`: the lines -> a YAML tree whose entries keep their conditions and comments;
3. `recipe` (+ `sections`, `tests`): the v0 keys -> v1 keys;
4. `tree.Resolver`: conditions -> `if:`/`then:`/`else:` items and inline `${{ }}`;
5. `recipegen.emit.emit_recipe`: the text, formatted like every recipegen recipe;

and `variants.convert_variants` turns a `conda_build_config.yaml` into `variants.yaml`.
`proof.compare` renders both recipes per platform and lists every difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recipegen.convert.sections import Folder
from recipegen.convert.template import Issue

__all__ = ["ConvertedRecipe", "Folder", "Issue", "convert_text"]


@dataclass
class ConvertedRecipe:
    """The conversion of one meta.yaml: `text` is empty when `issues` refuse it."""

    text: str
    variants_text: str | None = None
    issues: list[Issue] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)


def convert_text(
    text: str,
    filename: str = "meta.yaml",
    *,
    folder: Folder | None = None,
    variants_source: str | None = None,
    variant_keys: frozenset[str] = frozenset(),
) -> ConvertedRecipe:
    """Convert meta.yaml `text`; `folder` lists the recipe folder's files (build.sh, run_test.py...),
    `variants_source` is its conda_build_config.yaml, `variant_keys` the keys the variant files
    (global pinning and the recipe's own) define."""
    from recipegen.convert.pipeline import run

    return run(text, filename, folder or Folder(), variants_source, variant_keys)
