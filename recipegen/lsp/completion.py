"""Completion: keys valid at the cursor (the schema; conda-build's fields for meta.yaml), enum
values, package names from the conda-forge snapshot in requirement lists, Jinja functions,
filters and variables inside `${{ }}` / `{{ }}`, selector words after `if:` and in `# [ ]`.

Items carry a text edit replacing the word before the cursor (0-based columns in characters;
the server converts them to the client's units).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from recipegen.lsp.cursor import Cursor, keys_in
from recipegen.lsp.snapshot import Snapshot, requirement_item

MAX_NAMES = 100
SET_NAME = re.compile(r"\{%-?\s*set\s+([A-Za-z_]\w*)\s*=")


@dataclass(frozen=True)
class Item:
    label: str
    kind: str  # key, value, package, function, variable, filter, selector
    detail: str = ""
    documentation: str = ""
    insert: str = ""  # the text to insert (default: the label)


@cache
def jinja_data() -> dict[str, Any]:
    import sys
    from importlib import resources

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib

    return tomllib.loads(resources.files("recipegen.lsp.data").joinpath("jinja.toml").read_text("utf-8"))


@cache
def sorted_names() -> tuple[str, ...]:
    from recipegen.condaforge import conda_forge_names

    return tuple(sorted(conda_forge_names()))


def package_names(prefix: str) -> tuple[list[str], bool]:
    """Names of the snapshot starting with `prefix` (at most MAX_NAMES) and whether there are more."""
    names = sorted_names()
    prefix = prefix.lower()
    start = bisect.bisect_left(names, prefix)
    found = []
    for name in names[start:]:
        if not name.startswith(prefix):
            break
        found.append(name)
        if len(found) > MAX_NAMES:
            return found[:MAX_NAMES], True
    return found, False


def complete(snapshot: Snapshot, line: int, column: int) -> tuple[list[Item], bool, str]:
    """(items, incomplete, the word they replace) at 0-based (line, column)."""
    cursor = snapshot.cursor(line, column)
    if snapshot.is_recipe and cursor.jinja is not None:
        return _jinja_items(snapshot, cursor), False, cursor.word
    if snapshot.is_recipe and cursor.selector is not None:
        return _selector_items(snapshot), False, cursor.word
    if snapshot.is_recipe and cursor.structure.item and requirement_item(cursor.path) and cursor.structure.key is None:
        if not cursor.word:
            return [], True, ""
        names, more = package_names(cursor.word)
        return [Item(n, "package") for n in names], more, cursor.word
    if cursor.key_path is not None:
        return _key_items(snapshot, cursor), False, cursor.word
    return _enum_items(snapshot, cursor), False, cursor.word


def _key_items(snapshot: Snapshot, cursor: Cursor) -> list[Item]:
    from recipegen.lsp.schemas import Navigator, v0_keys

    path = cursor.key_path or ()
    present = keys_in(snapshot.block, path) or set()
    if snapshot.kind == "recipe-v0":
        keys = v0_keys(path)
    else:
        schema = "recipe-v1" if snapshot.kind == "recipe-v1" else snapshot.kind
        keys = Navigator(schema, lambda p: keys_in(snapshot.block, p)).keys(path)
    return [
        Item(k.name, "key", "deprecated" if k.deprecated else "", k.description, f"{k.name}: ")
        for k in keys
        if k.name not in present and not k.name.startswith("$")
    ]


def _enum_items(snapshot: Snapshot, cursor: Cursor) -> list[Item]:
    structure = cursor.structure
    if structure.key is None or snapshot.kind == "recipe-v0":
        return []
    if ":" not in cursor.text[: cursor.column]:
        return []
    from recipegen.lsp.schemas import Navigator

    schema = "recipe-v1" if snapshot.kind == "recipe-v1" else snapshot.kind
    return [Item(v, "value") for v in Navigator(schema, lambda p: keys_in(snapshot.block, p)).enum(structure.path)]


def _jinja_items(snapshot: Snapshot, cursor: Cursor) -> list[Item]:
    data = jinja_data()
    before = cursor.jinja.before if cursor.jinja else ""
    if re.search(r"\|\s*[A-Za-z_]*$", before):
        return [Item(name, "filter", documentation=doc) for name, doc in data["filters"].items()]
    items = [
        Item(name, "function", spec["signature"], spec["doc"], name + "(")
        for name, spec in data["functions"].items()
        if snapshot.fmt in spec["formats"]
    ]
    items += [Item(name, "variable", "context", value) for name, value in _context_names(snapshot).items()]
    known = {i.label for i in items}
    items += [Item(n, "variable", "", doc) for n, doc in data["variables"].items() if n not in known]
    return items


def _context_names(snapshot: Snapshot) -> dict[str, str]:
    """v1 `context` keys (with their text) or v0 `{% set %}` names."""
    if snapshot.fmt == "v0":
        return {match.group(1): "" for match in SET_NAME.finditer(snapshot.text)}
    block = snapshot.block
    context = block.find(("context",))
    if context is None:
        return {}
    return {line.key: line.value for line in block.children(context.number) if line.key is not None}


def _selector_items(snapshot: Snapshot) -> list[Item]:
    words = jinja_data()["selectors"][snapshot.fmt]
    variants = _variant_keys()
    return [Item(w, "selector") for w in words] + [Item(k, "variable", "variant key") for k in variants]


@cache
def _variant_keys() -> tuple[str, ...]:
    from recipegen.condaforge import global_pinning_lines

    return tuple(dict.fromkeys(key for key, _, _ in global_pinning_lines() if key.isidentifier()))
