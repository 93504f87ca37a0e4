"""Wording of validation messages: how values, types, paths and places in a schema are named."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from recipegen.validation.positions import source_text

TYPE_NOUNS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean (true/false)",
    "array": "a list",
    "object": "a mapping",
    "null": "an empty value",
}


def as_list(value: Any) -> list:
    return list(value) if isinstance(value, list) else [value]


def join_or(words: list[str]) -> str:
    words = list(dict.fromkeys(w for w in words if w))
    if len(words) <= 1:
        return words[0] if words else "something else"
    return ", ".join(words[:-1]) + " or " + words[-1]


def describe_types(types: Any) -> str:
    names = as_list(types)
    if len(names) > 1 and "null" in names:
        names = [n for n in names if n != "null"]  # an empty value is always accepted silently
    return join_or([TYPE_NOUNS.get(n, n) for n in names])


def describe(schema: Any, root: dict, depth: int = 0) -> str:
    if not isinstance(schema, dict) or depth > 6:
        return "a valid value"
    if "title" in schema:
        return schema["title"]
    if "$ref" in schema:
        return describe(resolve(root, schema["$ref"]), root, depth + 1)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return join_or([describe(s, root, depth + 1) for s in schema[key]])
    if "enum" in schema:
        return "one of " + ", ".join(json.dumps(v) for v in schema["enum"])
    if "const" in schema:
        return json.dumps(schema["const"])
    if "type" in schema:
        return describe_types(schema["type"])
    return "a valid value"


def resolve(root: dict, pointer: str) -> Any:
    node: Any = root
    for part in pointer.lstrip("#/").split("/"):
        node = node.get(part, {}) if isinstance(node, dict) else {}
    return node


def show(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {source_text(value)}"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return repr(text)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def flow_text(value: Any) -> str:
    """A YAML value written back in YAML's flow style (`[a, b]`, `{a: 1}`, `null`), for messages
    that name a value or key that is not text; `{{ x }}` (which YAML reads as the mapping
    `{{x: null}: null}`) is written as such."""
    if isinstance(value, Mapping):
        if len(value) == 1 and next(iter(value.values())) is None and isinstance(next(iter(value)), Mapping):
            inner = next(iter(value))
            return "{{ " + ", ".join(flow_text(k) for k in inner) + " }}"
        return "{" + ", ".join(f"{flow_text(k)}: {flow_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow_text(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def where(path: list) -> str:
    return format_path(path) if path else "top level"


def in_path(path: list) -> str:
    return f"in {format_path(path)}" if path else "at top level"


def format_path(path: Iterable) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + flow_text(part)
    return out


def quote_path(text: str) -> str:
    return f"'{text}'" if re.fullmatch(r"[\w.]+", text) else text


def place(path: list) -> str:
    """Schema-level place of a mapping: list indexes become `[]`."""
    out = ""
    for part in path:
        out += "[]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def describe_place(place: str) -> str:
    return "at top level" if place == "" else f"in {place}"


KEY_PLACES: dict[tuple[int, str], dict[str, list[str]]] = {}


def place_depth(place: str) -> int:
    return place.count(".") + place.count("[]") + (1 if place else 0)


def place_rank(place: str) -> int:
    """Shallow places first; a test's requirements or a build step are rarely what was meant."""
    return place_depth(place) + (2 if "tests[]" in place or "steps[]" in place else 0)


def key_places(schema: dict, start: str = "") -> dict[str, list[str]]:
    """Every property name of the schema -> the places (`requirements`, `outputs[].build`) it may
    appear at, shallowest first. Used to say where a misplaced key belongs."""
    places: dict[str, set[str]] = {}

    def walk(node: Any, place: str, seen: frozenset) -> None:
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref in seen or len(seen) > 12:
                return
            walk(resolve(schema, ref), place, seen | {ref})
        for key in ("then", "else"):
            walk(node.get(key), place, seen)
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in node.get(key, []):
                walk(sub, place, seen)
        if "items" in node:
            walk(node["items"], place + "[]", seen)
        for name, sub in node.get("properties", {}).items():
            if name in ("if", "then", "else"):
                continue
            places.setdefault(name, set()).add(place)
            walk(sub, f"{place}.{name}" if place else name, seen)

    cache_key = (id(schema), start)
    if cache_key not in KEY_PLACES:
        walk(resolve(schema, start) if start else schema, "", frozenset())
        KEY_PLACES[cache_key] = {
            name: sorted(found, key=lambda p: (place_depth(p), len(p), p)) for name, found in places.items()
        }
    return KEY_PLACES[cache_key]
