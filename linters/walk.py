"""Reading recipe data: the one set of helpers that walk mappings and lists by path.

Both formats' data go through these (v1 as written, v0 rendered per platform). `if/then/else`
items (v1) are flattened so that *every* branch is visited, each item with the path that
locates it in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from recipegen.yamlio import PathKey

Path_ = tuple[PathKey, ...]


def get(data: Any, *path: PathKey, default: Any = None) -> Any:
    """The value at `path` (`default` when absent or null)."""
    node = data
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return default
    return default if node is None else node


def has_key(data: Any, *path: PathKey) -> bool:
    """Every key of `path` is present (the value may be null)."""
    node = data
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


def missing_path(data: Any, *path: PathKey) -> tuple[Path_, bool]:
    """Where to report a missing key: the key itself if present (empty), else its deepest parent."""
    node = data
    found: list[PathKey] = []
    for key in path:
        if isinstance(node, dict) and key in node:
            found.append(key)
            node = node[key]
        else:
            break
    return tuple(found), bool(found)


def truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "false", "no", "0", "none")
    return bool(value)


def is_conditional(item: Any) -> bool:
    return isinstance(item, dict) and "if" in item and ("then" in item or "else" in item)


def iter_items(data: Any, path: Path_) -> Iterator[tuple[Any, Path_]]:
    """Items of the list at `path`, conditional branches flattened (nested ones too).

    A bare scalar where a list is expected is yielded as a single item.
    """
    node = get(data, *path)
    if node is None:
        return
    yield from _flatten(node, path)


def _flatten(node: Any, path: Path_) -> Iterator[tuple[Any, Path_]]:
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _flatten(item, (*path, index))
    elif is_conditional(node):
        for branch in ("then", "else"):
            if branch in node and node[branch] is not None:
                yield from _flatten(node[branch], (*path, branch))
    else:
        yield node, path


def strings(data: Any, path: Path_) -> Iterator[tuple[str, Path_]]:
    """String items of the list (or single scalar) at `path`, every if/then/else branch visited."""
    for item, item_path in iter_items(data, path):
        if isinstance(item, str):
            yield item, item_path


def requirements(data: Any, base: Path_, section: str) -> Iterator[tuple[str, Path_]]:
    """String specs of `section` (build/host/run/...) of the requirements at `base`."""
    return strings(data, (*base, section))


def outputs(data: Any) -> Iterator[tuple[Any, Path_]]:
    """The recipe itself (path ()) for single-output recipes, else each item of `outputs`.

    Staging outputs are included; use `is_staging` to tell them apart.
    """
    if not get(data, "outputs"):
        yield data, ()
        return
    yield from iter_items(data, ("outputs",))


def all_requirement_sections(data: Any) -> Iterator[tuple[Any, Path_]]:
    """Top-level requirements (if any) and every output's requirements, with paths."""
    if isinstance(get(data, "requirements"), dict):
        yield data["requirements"], ("requirements",)
    for output, out_path in outputs(data) if get(data, "outputs") else ():
        reqs = get(output, "requirements")
        if isinstance(reqs, dict):
            yield reqs, (*out_path, "requirements")


def is_staging(output: Any) -> bool:
    return isinstance(output, dict) and "staging" in output


def conditions(data: Any, path: Path_) -> list[str]:
    """The `if:` expressions leading to the item at `path` (`not (...)` for else branches)."""
    found = []
    node = data
    for key in path:
        if is_conditional(node) and key in ("then", "else"):
            expr = str(node.get("if", ""))
            found.append(expr if key == "then" else f"not ({expr})")
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    return found


def script_lines(value: Any) -> list[str]:
    """Lines of a `script` value: a string, a list of strings/conditionals, or a v1 mapping."""
    found: list[str] = []
    if isinstance(value, str):
        found += value.splitlines() or [value]
    elif isinstance(value, list):
        for item in value:
            found += script_lines(item)
    elif isinstance(value, dict):
        if is_conditional(value):
            found += script_lines(value.get("then")) + script_lines(value.get("else"))
        else:
            found += script_lines(value.get("content"))
    return found


@lru_cache(maxsize=8192)
def first_token(spec: str) -> str:
    stripped = spec.strip()
    return stripped.split()[0] if stripped else ""


@lru_cache(maxsize=8192)
def spec_name(spec: str) -> str:
    """The package name of a MatchSpec string (first token, without a `::` channel)."""
    first = spec.strip().split()[0] if spec.strip() else ""
    first = first.split("::")[-1]
    for sep in "=<>!~[":
        first = first.split(sep)[0]
    return first


@lru_cache(maxsize=8192)
def package_of(spec: str) -> str:
    """Package name of a requirement (operators stripped), '' for Jinja/stub entries."""
    token = first_token(spec)
    if "{{" in token or "_stub" in token or spec.strip().startswith(("subpackage_pin ", "compatible_pin ")):
        return ""
    return spec_name(spec).lower()
