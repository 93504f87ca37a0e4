"""What the shipped JSON Schemas say at a place of a document: the keys a mapping takes, a key's
description, the values an enum allows (completion and hover of recipe.yaml, variants files and
conda-forge.yml; meta.yaml keys come from conda-build's field list).

A path is the keys and item indexes from the document root (`("requirements", "host", 0)`).
`$ref`, `allOf`/`anyOf`/`oneOf` and `if/then/else` are followed; where an `if` only asks
which keys a mapping has (`required`), the keys the document has decide between `then` and
`else`, otherwise both are offered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

PathKey = str | int
KeysAt = Callable[[tuple[PathKey, ...]], set[str] | None]
MAX_DEPTH = 40  # $ref chains of the shipped schemas are far shorter


@dataclass(frozen=True)
class KeyInfo:
    name: str
    description: str = ""
    deprecated: bool = False


@cache
def _schema(name: str) -> dict[str, Any]:
    from recipegen.validate import load_schema

    return load_schema(name)


class Navigator:
    """Walks one schema (`recipe-v1`, `variants`, `conda-forge`)."""

    def __init__(self, name: str, keys_at: KeysAt | None = None) -> None:
        self.root = _schema(name)
        self.keys_at = keys_at or (lambda path: None)

    def _ref(self, ref: str) -> dict[str, Any]:
        node: Any = self.root
        for part in ref.lstrip("#/").split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        return node if isinstance(node, dict) else {}

    def expand(self, node: Any, path: tuple[PathKey, ...], depth: int = 0) -> list[dict[str, Any]]:
        """`node` and every schema it combines with, flattened."""
        if not isinstance(node, dict) or depth > MAX_DEPTH:
            return []
        found = [node]
        if "$ref" in node:
            found += self.expand(self._ref(node["$ref"]), path, depth + 1)
        for key in ("allOf", "anyOf", "oneOf"):
            for part in node.get(key, []):
                found += self.expand(part, path, depth + 1)
        if "if" in node:
            holds = self._if_holds(node["if"], path)
            if holds is not False and "then" in node:
                found += self.expand(node["then"], path, depth + 1)
            if holds is not True and "else" in node:
                found += self.expand(node["else"], path, depth + 1)
        return found

    def _if_holds(self, condition: Any, path: tuple[PathKey, ...]) -> bool | None:
        """Whether an `if` that only asks for keys holds for the mapping at `path` (None: unknown)."""
        if not isinstance(condition, dict) or set(condition) - {"type", "required", "anyOf"}:
            return None
        keys = self.keys_at(path)
        if not keys:
            return None  # nothing written yet: every branch is still possible
        if "type" in condition and condition["type"] != "object":
            return None
        options = [condition] if "required" in condition else []
        options += [c for c in condition.get("anyOf", []) if isinstance(c, dict) and "required" in c]
        if not options:
            return None
        return any(set(option["required"]) <= keys for option in options)

    def at(self, path: tuple[PathKey, ...]) -> list[dict[str, Any]]:
        """The schemas (flattened) of the value at `path`."""
        nodes = self.expand(self.root, ())
        for depth, key in enumerate(path):
            here = path[: depth + 1]
            children: list[dict[str, Any]] = []
            for node in nodes:
                children += self.expand(_child(node, key), here)
            nodes = children
            if not nodes:
                break
        return nodes

    def keys(self, path: tuple[PathKey, ...]) -> list[KeyInfo]:
        """The keys the mapping at `path` takes, with their descriptions, in schema order."""
        found: dict[str, KeyInfo] = {}
        for node in self.at(path):
            for name, sub in (node.get("properties") or {}).items():
                if self.forbidden(sub):
                    continue  # a key the schema names only to reject it (`cache`, removed)
                info = self.describe(sub)
                if name not in found or not found[name].description:
                    found[name] = KeyInfo(name, info, bool(isinstance(sub, dict) and sub.get("deprecated")))
        return list(found.values())

    def forbidden(self, node: Any, depth: int = 0) -> bool:
        """No value is valid there: `false` or `not: {}` on the key's schema, on what it refers to
        or on a part of its `allOf` (a `not: {}` in one branch of an `if` or `anyOf` only words
        the error of that branch: `source` without `url`, `git` or `path`)."""
        if node is False:
            return True
        if not isinstance(node, dict) or depth > MAX_DEPTH:
            return False
        if node.get("not") == {}:
            return True
        if "$ref" in node and self.forbidden(self._ref(node["$ref"]), depth + 1):
            return True
        return any(self.forbidden(part, depth + 1) for part in node.get("allOf", []))

    def describe(self, node: Any) -> str:
        """The first description of `node` or of what it refers to."""
        for part in self.expand(node, ()):
            text = part.get("description")
            if isinstance(text, str) and text:
                return text
        return ""

    def description(self, path: tuple[PathKey, ...]) -> str:
        """The description of the key at the end of `path` (from the property, else its schema)."""
        if not path:
            return str(self.root.get("description", ""))
        for node in self.at(path[:-1]):
            sub = _child(node, path[-1])
            if sub:
                text = self.describe(sub)
                if text:
                    return text
        return ""

    def enum(self, path: tuple[PathKey, ...]) -> list[str]:
        values: list[str] = []
        for node in self.at(path):
            for value in node.get("enum", []) or ([node["const"]] if "const" in node else []):
                if isinstance(value, str) and value not in values:
                    values.append(value)
        return values


def _child(node: dict[str, Any], key: PathKey) -> Any:
    if isinstance(key, int):
        items = node.get("items")
        return items if isinstance(items, dict) else {}
    properties = node.get("properties") or {}
    if key in properties:
        return properties[key]
    import re

    for pattern, sub in (node.get("patternProperties") or {}).items():
        if re.search(pattern, key):
            return sub
    extra = node.get("additionalProperties")
    return extra if isinstance(extra, dict) else {}


# --- meta.yaml (v0): conda-build's fields --------------------------------------------------------

# v0 keys whose v1 counterpart has another name: their description is the v1 key's
V0_TO_V1 = {
    ("about", "home"): ("about", "homepage"),
    ("about", "dev_url"): ("about", "repository"),
    ("about", "doc_url"): ("about", "documentation"),
    ("requirements", "run_constrained"): ("requirements", "run_constraints"),
    ("test",): ("tests",),
    ("build", "run_exports"): ("requirements", "run_exports"),
    ("build", "ignore_run_exports"): ("requirements", "ignore_run_exports"),
}


@cache
def _v0_fields() -> dict[str, list[str]]:
    from recipegen.linters.rules._data import data_toml

    return data_toml("conda_build_fields.toml")


def v0_keys(path: tuple[PathKey, ...]) -> list[KeyInfo]:
    """The keys conda-build knows at `path` of a meta.yaml."""
    from recipegen.linters.dialect import V0_TOP_LEVEL_KEYS as V0_KEYS

    fields = _v0_fields()
    names = [p for p in path if isinstance(p, str)]
    if not names:
        keys = list(V0_KEYS)
    elif names[0] == "outputs" and len(names) == 1:
        keys = fields.get("outputs", [])
    else:
        keys = fields.get(names[-1], [])
    return [KeyInfo(k, v0_description((*names, k))) for k in keys]


def v0_description(path: tuple[PathKey, ...]) -> str:
    """A meta.yaml key's description: its v1 counterpart's (conda-build has no schema)."""
    names = tuple(p for p in path if isinstance(p, str))
    if names and names[0] == "outputs":
        names = names[1:]
    for size in range(len(names), 0, -1):
        mapped = V0_TO_V1.get(names[:size])
        if mapped:
            names = (*mapped, *names[size:])
            break
    if not names:
        return ""
    return Navigator("recipe-v1", lambda p: {"package"}).description(names)
