"""Read a v1 `recipe.yaml` into the update model: positions from the YAML as written, rendered
values (context, sources) from rattler-build itself (recipegen.render)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from recipegen.problems import InputError
from recipegen.textedit import LineIndex, scalar_extent
from recipegen.update.model import (
    SECTIONS,
    Entry,
    Output,
    Recipe,
    RenderedSource,
    RequirementList,
    Spot,
    UpdateError,
    installed_folder,
    mapping,
    sequence,
)
from recipegen.yamlio import parse_yaml

_VARIABLE = re.compile(r"^\$\{\{\s*(\w+)\s*\}\}$")


def value_spot(mapping: Any, key: str, index: LineIndex) -> Spot | None:
    """Where the one-line scalar value of `mapping[key]` is written (None when not a one-line scalar)."""
    try:
        line, column = (n + 1 for n in mapping.lc.value(key))
    except (AttributeError, KeyError, TypeError):
        return None
    return _spot_at(index, line, column)


_FLOW_END = re.compile(r"\s*[,\]}]")


def _in_flow(prefix: str) -> bool:
    """Whether a value after `prefix` (the text before it on its line) is inside `[...]` / `{...}`."""
    depth, quote = 0, ""
    for char in prefix:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        else:
            depth += (char in "[{") - (char in "]}")
    return depth > 0


def _spot_at(index: LineIndex, line: int, column: int, flow: bool = False) -> Spot | None:
    text = index.line_text(line)
    start, end = scalar_extent(text, column)
    raw = text[start - 1 : end - 1]
    if raw and raw[0] not in "'\"" and (flow or _in_flow(text[: column - 1])):
        cut = _FLOW_END.search(raw)  # in a flow collection a plain scalar ends at `,` `]` `}`
        if cut:
            raw, end = raw[: cut.start()], start + cut.start()
    if not raw or raw[0] in "|>[{":
        return None
    if raw[0] in "'\"" and len(raw) >= 2 and raw[-1] == raw[0]:
        return Spot(line, start + 1, end - 1, raw[1:-1], raw[0])
    return Spot(line, start, end, raw)


def evaluate(template: str, context: dict[str, Any]) -> str:
    """A `${{ }}` template with the rendered context values (names of outputs); as written when unknown."""
    if "${{" not in template:
        return template
    from jinja2.sandbox import SandboxedEnvironment

    environment = SandboxedEnvironment()
    environment.filters["split"] = lambda value, sep=None: str(value).split(sep)
    try:
        return environment.from_string(template.replace("${{", "{{")).render(**context)
    except Exception:
        return template


def read_v1(path: Path, text: str, variant_files: list) -> Recipe:
    try:
        data = parse_yaml(text, str(path), keep_comments=False)
    except InputError as exc:
        raise UpdateError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
    if not isinstance(data, dict):
        raise UpdateError(f"{path}: not a recipe (the YAML is not a mapping)")
    index = LineIndex(text)
    rendered = _render(path, text, variant_files)
    context = dict(rendered[0].get("context") or {}) if rendered else {}
    context_node = mapping(data.get("context"))
    version_spot = _version_spot(data, context_node, index, path)
    top = data.get("package") if "package" in data else data.get("recipe") or {}
    name = evaluate(str((top or {}).get("name", "")), context) or path.parent.name
    recipe = Recipe(
        path=path,
        text=text,
        format="v1",
        name=name,
        version=version_spot.value,
        version_spot=version_spot,
        context=context,
        extra=dict(rendered[0].get("extra") or {}) if rendered else {},
        license=str((data.get("about") or {}).get("license", "") or ""),
    )
    recipe.outputs = _outputs(data, name, context, index)
    recipe.sources = _sources(rendered)
    recipe.build_numbers = _build_numbers(data, context_node, index)
    if "python_min" in context_node:
        recipe.python_min = value_spot(context_node, "python_min", index)
    recipe.uses_python_min = "python_min" in text
    julia = mapping(mapping(data.get("extra")).get("julia"))
    if julia:
        for key in ("version", "git-tree-sha1"):
            spot = value_spot(julia, key, index) if key in julia else None
            if spot is not None:
                recipe.extra_spots[f"julia.{key}"] = spot
    return recipe


def _render(path: Path, text: str, variant_files: list) -> list[dict]:
    from recipegen.render import render_recipe

    result = render_recipe(text, path, variant_files=variant_files)
    if result.failures and not result.variants:
        raise UpdateError(f"{path}: the recipe does not render: {result.failures[0].describe()}")
    return [variant.recipe for variant in result.variants]


def _version_spot(data: dict, context: Any, index: LineIndex, path: Path) -> Spot:
    if "version" in context:
        spot = value_spot(context, "version", index)
        if spot is not None and "${{" not in spot.value:
            return spot
    for key in ("package", "recipe"):
        node = data.get(key)
        if isinstance(node, dict) and "version" in node:
            spot = value_spot(node, "version", index)
            if spot is not None and "${{" not in spot.value:
                return spot
    raise UpdateError(f"{path}: no version to update (expected context.version or a literal package.version)")


def _outputs(data: dict, name: str, context: dict[str, Any], index: LineIndex) -> list[Output]:
    top_build = mapping(data.get("build"))
    top_noarch = str(top_build.get("noarch", "") or "")
    if not isinstance(data.get("outputs"), list):
        output = Output(name, name, top_noarch, installs=True)
        _read_requirements(output, data.get("requirements"), ("requirements",), index)
        return [output]
    outputs = []
    for item in data["outputs"]:
        if not isinstance(item, dict):
            continue
        head = mapping(item.get("package") or item.get("staging"))
        key = evaluate(str(head.get("name", "")), context)
        build = mapping(item.get("build"))
        noarch = str(build.get("noarch", top_noarch) or "")
        script = str(build.get("script", ""))
        output = Output(key, key, noarch, installs="pip install" in script or "INSTALL" in script)
        output.subproject = installed_folder(script)
        _read_requirements(output, item.get("requirements"), (), index)
        if "pip" in output.section("host").names():
            output.installs = True
        outputs.append(output)
    return outputs


def _read_requirements(output: Output, node: Any, _path: tuple, index: LineIndex) -> None:
    if not isinstance(node, dict):
        return
    for section in SECTIONS:
        items = node.get(section)
        if isinstance(items, list):
            target = output.section(section)
            target.flow = _is_flow(items, index)
            target.entries = list(_entries(items, output.key, section, index, ""))


def _is_flow(items: Any, index: LineIndex) -> bool:
    try:
        line, column = items.lc.item(0)
    except (AttributeError, KeyError, IndexError, TypeError):
        return False
    before = index.line_text(line + 1)[:column].rstrip()
    return not before.endswith("-")


def _entries(items: Any, output: str, section: str, index: LineIndex, condition: str):
    flow = _is_flow(items, index)
    for position, item in enumerate(items):
        try:
            line, column = (n + 1 for n in items.lc.item(position))
        except (AttributeError, KeyError, IndexError, TypeError):
            continue
        if isinstance(item, str):
            entry = _entry(item, output, section, index, (line, column), condition, flow)
            if entry is not None:
                yield entry
        elif isinstance(item, dict) and "if" in item:
            yield from _branch_entries(item, output, section, index, condition, line)


def _branch_entries(item: Any, output: str, section: str, index: LineIndex, outer: str, start_line: int):
    condition = str(item["if"])
    block = (start_line, _last_line(item))
    for branch in ("then", "else"):
        if branch not in item:
            continue
        full = condition if branch == "then" else f"not ({condition})"
        full = f"({outer}) and ({full})" if outer else full
        value = item[branch]
        alone = "else" not in item and (isinstance(value, str) or (isinstance(value, list) and len(value) == 1))
        if isinstance(value, list):
            for entry in _entries(value, output, section, index, full):
                if alone:
                    entry.block = block
                yield entry
        elif isinstance(value, str):
            try:
                line, column = (n + 1 for n in item.lc.value(branch))
            except (AttributeError, KeyError, TypeError):
                continue
            entry = _entry(value, output, section, index, (line, column), full)
            if entry is not None:
                entry.own_line = False
                entry.block = block if alone else None
                yield entry


def _last_line(node: Any) -> int:
    """The last line a YAML node's scalars are on (1-based); `node` is a round-trip container (`.lc`)."""
    last = 0
    lc: Any = getattr(node, "lc", None)
    if isinstance(node, dict):
        for key, value in node.items():
            try:
                last = max(last, lc.value(key)[0] + 1)
            except (AttributeError, KeyError, TypeError):
                pass
            last = max(last, _last_line(value))
    elif isinstance(node, list):
        for position, value in enumerate(node):
            try:
                last = max(last, lc.item(position)[0] + 1)
            except (AttributeError, KeyError, IndexError, TypeError):
                pass
            last = max(last, _last_line(value))
    return last


def _entry(
    item: str, output: str, section: str, index: LineIndex, at: tuple[int, int], condition: str, flow: bool = False
):
    line, column = at
    spot = _spot_at(index, line, column, flow)
    if spot is None:
        return None
    before = index.line_text(line)[: column - 1]
    own_line = before.rstrip().endswith("-") and not before.strip("- \t")
    where, span = (output, section, line), (spot.start, spot.end)
    return Entry.item(where, span, item, condition, "${{" in item, before if own_line else "")


def _build_numbers(data: dict, context: Any, index: LineIndex) -> list[Spot]:
    builds = [data.get("build")]
    builds += [item.get("build") for item in sequence(data.get("outputs")) if isinstance(item, dict)]
    spots = []
    for build in builds:
        if not isinstance(build, dict) or "number" not in build:
            continue
        spot = value_spot(build, "number", index)
        if spot is None:
            continue
        variable = _VARIABLE.match(spot.value)
        if variable and variable.group(1) in context:
            spot = value_spot(context, variable.group(1), index)
        if spot is not None and spot.value.isdigit() and spot not in spots:
            spots.append(spot)
    return spots


def _sources(rendered: list[dict]) -> list[RenderedSource]:
    found: list[RenderedSource] = []
    for recipe in rendered:
        sources = recipe.get("source") or []
        for source in sources if isinstance(sources, list) else [sources]:
            item = source_of(source)
            if item is not None and item not in found:
                found.append(item)
    return found


def source_of(source: Any) -> RenderedSource | None:
    if not isinstance(source, dict):
        return None
    url = source.get("url")
    urls = tuple(str(u) for u in url) if isinstance(url, list) else ((str(url),) if url else ())
    git = str(source.get("git") or source.get("git_url") or "")
    if not urls and not git:
        return None
    rev = next((str(source[k]) for k in ("rev", "tag", "branch", "git_rev", "git_tag") if source.get(k)), "")
    return RenderedSource(urls, str(source.get("sha256") or ""), str(source.get("md5") or ""), git, rev if git else "")


def list_of(recipe: Recipe, output: str, section: str) -> RequirementList | None:
    found = recipe.output(output)
    return found.lists.get(section) if found else None
