"""The value of a `${{ expr }}` as the builder renders it, for hover.

v1: rattler-build itself renders a small recipe made of the recipe's own `context` block and the
expression (in a requirements list when the expression is in one, so `compiler('c')` gives what
the builder puts there), for one platform, with conda-forge's global pinning and the recipe
folder's variant files (`recipegen.render`). Several variants give several values.
v0: the template is rendered the way the linter renders a meta.yaml (conda-build's functions
stubbed as conda-smithy stubs them), with the file's `{% set %}` lines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from recipegen.yamlblocks import Block

MAX_VALUES = 8


@dataclass(frozen=True)
class Rendered:
    values: tuple[str, ...] = ()
    error: str = ""


def current_platform() -> str:
    """The conda platform of this machine (`linux-64`, `osx-arm64`, ...)."""
    try:
        from rattler import Platform

        return str(Platform.current())
    except Exception:  # py-rattler missing or an unknown machine: conda-forge's first platform
        return "linux-64"


def context_block(text: str) -> str:
    """The lines of the top-level `context:` mapping of a v1 recipe ("" when there is none)."""
    lines = Block(text)
    context = lines.find(("context",))
    if context is None or context.value:
        return ""
    last = lines.block_end(context.number)
    return "\n".join(lines[n].text for n in range(context.number, last + 1)) + "\n"


def render_v1(text: str, recipe_path: Path, expression: str, in_requirements: bool, platform: str) -> Rendered:
    from recipegen.render import recipe_folder_variant_files

    folder = recipe_path.parent
    variants = tuple(recipe_folder_variant_files(folder)) if folder.is_dir() else ()
    return _render_v1(context_block(text), str(recipe_path), expression.strip(), in_requirements, platform, variants)


@lru_cache(maxsize=256)
def _render_v1(
    context: str, recipe_path: str, expression: str, in_requirements: bool, platform: str, variants: tuple
) -> Rendered:
    from recipegen.render import Platform, render_recipe

    if "\n" in expression or "}}" in expression:
        return Rendered(error="not a single expression")
    body = f"  build:\n    - ${{{{ {expression} }}}}\n" if in_requirements else ""
    probe = (
        context + 'package:\n  name: recipegen-probe\n  version: "0"\n'
        f"requirements:\n{body or '  build: []'}\n"
        f"about:\n  description: |\n    ${{{{ {expression} }}}}\n"
    )
    result = render_recipe(probe, recipe_path, variant_files=variants, platforms=[Platform(platform, platform)])
    if result.failures:
        return Rendered(error=short_error(result.failures[0].message))
    values: list[str] = []
    for variant in result.variants:
        if in_requirements:
            build = (variant.recipe.get("requirements") or {}).get("build") or []
            value = "" if not build else build[0] if isinstance(build[0], str) else json.dumps(build[0])
        else:
            value = str((variant.recipe.get("about") or {}).get("description", "")).rstrip("\n")
        if value not in values:
            values.append(value)
    return Rendered(tuple(values[:MAX_VALUES]))


def short_error(message: str) -> str:
    """rattler-build's Jinja error without the Rust debug dump around it."""
    import re

    found = re.search(r'message: "(?P<text>(?:[^"\\]|\\.)*)"', message)
    text = found.group("text").replace('\\"', '"') if found else message
    return re.sub(r"\s*\((?:in <[^>]*>:\d+|template: .*)\)", "", text).strip()


def render_v0(text: str, recipe_path: Path, expression: str, platform: str) -> Rendered:
    """`{{ expr }}` rendered after the file's `{% set %}` lines, as the linter renders meta.yaml."""
    from recipegen.linters.v0 import RenderError, apply_selectors, render, selector_namespace

    folder = recipe_path.parent if recipe_path.parent.is_dir() else None
    namespace = selector_namespace(platform, folder)
    selected, _ = apply_selectors(text.split("\n"), namespace)
    sets = [
        line for line in selected if line.lstrip().startswith("{%") and "set " in line and line.rstrip().endswith("%}")
    ]
    try:
        lines, _ = render("\n".join([*sets, "{{ " + expression.strip() + " }}"]), namespace)
    except RenderError as exc:
        return Rendered(error=exc.message)
    rendered = [line for line in lines if line.strip()]
    return Rendered((rendered[-1] if rendered else "",))
