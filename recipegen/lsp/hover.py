"""Hover: the rule behind a diagnostic, a key's schema description, what is known about a
dependency, the value of a `${{ expr }}`.
"""

from __future__ import annotations

from functools import cache

from recipegen.lsp.diagnostics import problem_range, rule_markdown
from recipegen.lsp.snapshot import Snapshot, name_at, requirement_item


def hover_markdown(snapshot: Snapshot, line: int, column: int, platform: str) -> str | None:
    """Markdown for the hover at 0-based (line, column), or None."""
    parts = _diagnostics_at(snapshot, line, column)
    cursor = snapshot.cursor(line, column)
    if snapshot.is_recipe and cursor.jinja is not None:
        parts.append(_expression(snapshot, cursor, platform))
    elif snapshot.is_recipe and requirement_item(cursor.path):
        found = name_at(cursor.text, column)
        if found:
            parts.append(dependency_markdown(found[0]))
    else:
        key = _key_at(snapshot, line, column)
        if key:
            parts.append(key)
    return "\n\n---\n\n".join(p for p in parts if p) or None


def _diagnostics_at(snapshot: Snapshot, line: int, column: int) -> list[str]:
    found = []
    for problem in snapshot.problems:
        if problem.file != str(snapshot.path):
            continue
        span = problem_range(problem, snapshot.lines)
        if (span.start.line, span.start.character) <= (line, column) <= (span.end.line, span.end.character):
            text = rule_markdown(problem.rule_id, problem.message)
            if text not in found:
                found.append(text)
    return found


def _key_at(snapshot: Snapshot, line: int, column: int) -> str:
    structure = snapshot.block[line + 1] if line + 1 <= snapshot.block.count else None
    if structure is None or structure.key is None:
        return ""
    if not structure.content <= column <= structure.content + len(structure.key):
        return ""
    text = key_description(snapshot, structure.path)
    return f"**{structure.key}**: {text}" if text else ""


def key_description(snapshot: Snapshot, path: tuple) -> str:
    from recipegen.lsp.schemas import Navigator, v0_description

    if snapshot.kind == "recipe-v0":
        return v0_description(path)
    schema = "recipe-v1" if snapshot.kind == "recipe-v1" else snapshot.kind
    from recipegen.lsp.cursor import keys_in

    return Navigator(schema, lambda p: keys_in(snapshot.block, p)).description(path)


def _expression(snapshot: Snapshot, cursor, platform: str) -> str:
    from recipegen.lsp.probe import render_v0, render_v1

    jinja = cursor.jinja
    expression = jinja.body.strip()
    if not expression or expression.startswith(("set ", "if ", "for ", "end", "else")):
        return ""
    if snapshot.kind == "recipe-v0":
        rendered = render_v0(snapshot.text, snapshot.path, expression, platform)
        how = f"as the linter renders meta.yaml on {platform} (conda-build functions stubbed)"
    else:
        whole_item = cursor.structure.item and cursor.structure.value.strip() == cursor.text[jinja.start : jinja.end]
        rendered = render_v1(
            snapshot.text, snapshot.path, expression, whole_item and requirement_item(cursor.path), platform
        )
        how = f"rendered by rattler-build for {platform} with the recipe's context and variants"
    if rendered.error:
        return f"`{expression}` does not render ({how}): {rendered.error}"
    values = " | ".join(_shown(v) for v in rendered.values) or "(nothing)"
    return f"`{expression}` = {values}\n\n*{how}*"


def _shown(value: str) -> str:
    """A rendered value; a pin (`pin_subpackage`, `pin_compatible`) is resolved only at build time."""
    import json

    try:
        found = json.loads(value) if value.startswith("{") else None
    except ValueError:
        found = None
    if isinstance(found, dict) and len(found) == 1:
        kind, pin = next(iter(found.items()))
        if isinstance(pin, dict) and "name" in pin:
            bounds = ", ".join(f"{k} `{v}`" for k, v in pin.items() if k != "name" and v not in (None, False))
            return f"a {kind} pin on `{pin['name']}` ({bounds}), resolved when the package is built"
    return f"`{value}`"


@cache
def _pypi_names() -> dict[str, list[str]]:
    """conda-forge name -> the PyPI names recipegen maps to it (identity mappings are not listed)."""
    from recipegen.generators.pypi.names import shipped_map

    found: dict[str, list[str]] = {}
    for pypi, (conda, _) in shipped_map().items():
        found.setdefault(conda, []).append(pypi)
    return found


def dependency_markdown(name: str) -> str:
    """What the shipped snapshots say about a conda package name."""
    from recipegen.condaforge import exists_on_conda_forge, global_pinning_lines, package_hints

    lines = [f"**{name}**"]
    lines.append(
        "on conda-forge (shipped name snapshot)"
        if exists_on_conda_forge(name)
        else "**not on conda-forge** (shipped name snapshot): check the spelling or package it first"
    )
    pypi = _pypi_names().get(name.lower())
    if pypi:
        lines.append(f"PyPI name: {', '.join(f'`{p}`' for p in sorted(pypi))} (recipegen's name map)")
    pins = [(v, s) for k, v, s in global_pinning_lines() if k in (name, name.replace("-", "_"))]
    if pins:
        shown = ", ".join(f"`{v}`" + (f" ({s})" if s else "") for v, s in pins)
        lines.append(f"globally pinned by conda-forge: {shown}; list it in host without a version")
    else:
        lines.append("not globally pinned")
    hint = package_hints().get("hints", {}).get(name)
    if hint:
        lines.append("conda-forge hint: " + " ".join(str(hint).split()))
    return "\n\n".join(lines)
