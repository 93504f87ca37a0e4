"""Read a v0 `meta.yaml` into the update model.

The Jinja template is rendered per platform in the linter's sandbox (recipegen.linters.v0,
imported lazily: this module belongs to the update pipeline, the lint step reads it too), and
every rendered requirement is mapped back to the line it is written on. Values the updater
edits (`{% set version %}`, `number:`, requirement items) are then located on those lines.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from recipegen.textedit import LineIndex, scalar_extent
from recipegen.update.model import (
    TOP,
    Entry,
    Output,
    Recipe,
    Spot,
    UpdateError,
    installed_folder,
    mapping,
    sequence,
    split_spec,
)
from recipegen.update.read_v1 import source_of

SET_LITERAL = re.compile(r"{%-?\s*set\s+(?P<name>\w+)\s*=\s*(?:(?P<q>['\"])(?P<s>[^'\"]*)(?P=q)|(?P<n>\d+))\s*-?%}")
_ITEM = re.compile(r"^(?P<prefix>\s*-\s+)\S")
_NUMBER = re.compile(r"^\s*number\s*:\s*")
_VARIABLE = re.compile(r"^\{\{\s*(\w+)\s*\}\}$")


def set_spots(text: str) -> dict[str, Spot]:
    """`{% set name = "literal" %}` / `= 3` definitions: name → where its value is (first one wins)."""
    spots: dict[str, Spot] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        for match in SET_LITERAL.finditer(line):
            group = "s" if match.group("s") is not None else "n"
            start = match.start(group) + 1
            spot = Spot(number, start, start + len(match.group(group)), match.group(group), match.group("q") or "")
            spots.setdefault(match.group("name"), spot)
    return spots


def read_v0(path: Path, text: str) -> Recipe:
    from recipegen.linters.v0 import load_v0

    doc = load_v0(text, str(path), recipe_dir=path.parent)
    if not doc.views:
        problem = doc.render_problems[0] if doc.render_problems else (0, 0, "nothing rendered")
        raise UpdateError(f"{path}:{problem[0]}: the recipe does not render: {problem[2]}")
    if not all(isinstance(view.data, dict) for view in doc.views):
        raise UpdateError(f"{path}: not a recipe (the YAML is not a mapping)")
    index = LineIndex(text)
    sets = set_spots(text)
    first = doc.views[0].data
    version_spot = sets.get("version") or _literal_version(doc.views[0], index)
    if version_spot is None:
        raise UpdateError(f'{path}: no version to update (expected {{% set version = "..." %}})')
    package = mapping(first.get("package"))
    recipe = Recipe(
        path=path,
        text=text,
        format="v0",
        name=str(package.get("name", "") or path.parent.name),
        version=version_spot.value,
        version_spot=version_spot,
        context={name: spot.value for name, spot in sets.items()},
        extra=dict(mapping(first.get("extra"))),
        license=str(mapping(first.get("about")).get("license", "") or ""),
        python_min=sets.get("python_min"),
        uses_python_min="python_min" in text,
    )
    recipe.outputs = _outputs(doc.views, recipe.name, index)
    recipe.sources = _sources(doc.views)
    recipe.build_numbers = _build_numbers(doc.views, index, sets)
    recipe.notes += [f"line {line}: {message}" for line, _, message in doc.render_problems]
    return recipe


def _literal_version(view: Any, index: LineIndex) -> Spot | None:
    package = mapping(view.data.get("package"))
    if "version" not in package:
        return None
    line = view.locate(("package", "version")).line
    return _value_on_line(index, line, re.compile(r"^\s*version\s*:\s*"))


def _after_key(index: LineIndex, line: int, key: re.Pattern) -> tuple[int, int, str] | None:
    """(start, end, text) of the one-line value after `key:` on a line."""
    if not 0 < line <= index.line_count:
        return None
    text = index.line_text(line)
    match = key.match(text)
    if not match:
        return None
    start, end = scalar_extent(text, match.end() + 1)
    return start, end, text[start - 1 : end - 1]


def _value_on_line(index: LineIndex, line: int, key: re.Pattern) -> Spot | None:
    found = _after_key(index, line, key)
    if found is None:
        return None
    start, end, raw = found
    if "{{" in raw or "{%" in raw or not raw:
        return None
    if raw[0] in "'\"" and raw[-1] == raw[0] and len(raw) >= 2:
        return Spot(line, start + 1, end - 1, raw[1:-1], raw[0])
    return Spot(line, start, end, raw)


def _output_paths(data: dict, name: str) -> list[tuple[str, tuple, dict, str]]:
    """(key, path of its requirements, its build section, its script text) for the top level and
    every output."""
    outputs = sequence(data.get("outputs"))
    top_build = mapping(data.get("build"))
    found: list[tuple[str, tuple, dict, str]] = [
        (TOP if outputs else name, ("requirements",), top_build, str(top_build.get("script", "")))
    ]
    for position, item in enumerate(outputs):
        if isinstance(item, dict) and item.get("name"):
            build = mapping(item.get("build"))
            script = f"{item.get('script', '')} {build.get('script', '')}"
            found.append((str(item["name"]), ("outputs", position, "requirements"), build, script))
    return found


def _outputs(views: list, name: str, index: LineIndex) -> list[Output]:
    outputs: dict[str, Output] = {}
    seen: dict[tuple[str, str, int], tuple[Entry, int]] = {}
    lists_seen: dict[tuple[str, str], int] = {}
    for view in views:
        for key, path, build, script in _output_paths(view.data, name):
            output = outputs.setdefault(key, Output(key, key))
            output.noarch = output.noarch or str(build.get("noarch", "") or "")
            output.installs = output.installs or any(w in script for w in ("pip install", "INSTALL", ".sh", ".bat"))
            output.subproject = output.subproject or installed_folder(script)
            for section, items, items_path in _lists(view.data, path):
                lists_seen[(key, section)] = lists_seen.get((key, section), 0) + 1
                for position, item in enumerate(items):
                    if not isinstance(item, str):
                        continue
                    line = view.locate((*items_path, position)).line
                    entry = _entry(item, key, section, index, line)
                    slot = (key, section, line)
                    if slot in seen and seen[slot][0].name != entry.name:
                        seen[slot][0].templated = True  # a loop or expression: several items, one line
                    previous = seen.get(slot, (entry, 0))
                    seen[slot] = (previous[0], previous[1] + 1)
    by_line = {line: entry for (_, _, line), (entry, _) in seen.items()}
    for entry in _unrendered_items(index, by_line):
        seen[(entry.output, entry.section, entry.line)] = (entry, lists_seen[(entry.output, entry.section)])
    for (key, section, _), (entry, count) in sorted(seen.items(), key=lambda item: item[0][2]):
        if count < lists_seen[(key, section)]:
            entry.condition = entry.condition or "jinja"
        outputs[key].section(entry.section).entries.append(entry)
    if TOP in outputs and not any(outputs[TOP].lists.values()):
        del outputs[TOP]
    return list(outputs.values())


_SELECTED_ITEM = re.compile(r"^(?P<prefix>\s*-\s+)(?P<item>[^#\s][^#]*?)\s*#[^\[]*\[[^\[\]]+\][^()]*$")


def _unrendered_items(index: LineIndex, rendered: dict[int, Entry]) -> list[Entry]:
    """List items under a selector none of the rendered platforms selects — cross-compilation's
    `# [build_platform != target_platform]` (the renderer builds natively) — in the list of the
    nearest rendered item with the same indentation."""
    found = []
    for number in range(1, index.line_count + 1):
        match = _SELECTED_ITEM.match(index.line_text(number))
        if number in rendered or not match:
            continue
        sibling = _sibling(index, number, match.group("prefix"), rendered)
        if sibling is not None:
            found.append(_entry(match.group("item"), sibling.output, sibling.section, index, number))
    return found


def _sibling(index: LineIndex, number: int, prefix: str, rendered: dict[int, Entry]) -> Entry | None:
    """The nearest rendered item of the list holding line `number` (above first, then below)."""
    for step in (-1, 1):
        line = number + step
        while 0 < line <= index.line_count:
            text = index.line_text(line)
            if line in rendered and rendered[line].prefix == prefix:
                return rendered[line]
            if text.strip() and not text.lstrip().startswith("#") and not text.startswith(prefix):
                break  # a key or another list: the list ends here
            line += step
    return None


def _lists(data: Any, path: tuple) -> list[tuple[str, list, tuple]]:
    node: Any = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return []
    if isinstance(node, list):  # an output's `requirements: [a, b]` is its run list
        return [("run", node, path)]
    if not isinstance(node, dict):
        return []
    names = {"build": "build", "host": "host", "run": "run", "run_constrained": "run_constraints"}
    return [(names[s], node[s], (*path, s)) for s in names if isinstance(node.get(s), list)]


def _entry(item: str, output: str, section: str, index: LineIndex, line: int) -> Entry:
    from recipegen.linters.v0 import SELECTOR

    text = index.line_text(line) if 0 < line <= index.line_count else ""
    match = _ITEM.match(text)
    selector = SELECTOR.match(text)
    condition = selector.group("expr").strip() if selector and "#" in text else ""
    if not match:
        return Entry.item((output, section, line), (0, 0), item, condition, True, "")
    start, end = scalar_extent(text, len(match.group("prefix")) + 1)
    raw = text[start - 1 : end - 1]
    templated = "{{" in raw or "{%" in raw or split_spec(raw)[0] != split_spec(item)[0]
    return Entry.item((output, section, line), (start, end), item, condition, templated, match.group("prefix"))


def _sources(views: list) -> list:
    found: list = []
    for view in views:
        sources = view.data.get("source") or []
        for source in sources if isinstance(sources, list) else [sources]:
            item = source_of(source)
            if item is not None and item not in found:
                found.append(item)
    return found


def _build_numbers(views: list, index: LineIndex, sets: dict[str, Spot]) -> list[Spot]:
    spots: list[Spot] = []
    for view in views:
        data = view.data
        paths: list[tuple] = [("build", "number")] if isinstance(data.get("build"), dict) else []
        for position, item in enumerate(sequence(data.get("outputs"))):
            if isinstance(item, dict) and isinstance(item.get("build"), dict) and "number" in item["build"]:
                paths.append(("outputs", position, "build", "number"))
        for path in paths:
            line = view.locate(path).line
            spot = _number_spot(index, line, sets)
            if spot is not None and spot not in spots:
                spots.append(spot)
    return spots


def _number_spot(index: LineIndex, line: int, sets: dict[str, Spot]) -> Spot | None:
    found = _after_key(index, line, _NUMBER)
    if found is None:
        return None
    start, end, raw = found
    variable = _VARIABLE.match(raw)
    if variable:
        return sets.get(variable.group(1))
    return Spot(line, start, end, raw) if raw.isdigit() else None
