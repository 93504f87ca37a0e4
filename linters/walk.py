"""Helpers rules use to read recipe data the same way in both formats.

`if/then/else` items (v1) are flattened so that *every* branch is visited, each item with
the path that locates it in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from recipegen.yamlio import PathKey

Path_ = tuple[PathKey, ...]


def get(data: Any, path: Path_, default: Any = None) -> Any:
    node = data
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return default
    return default if node is None else node


def is_conditional(item: Any) -> bool:
    return isinstance(item, dict) and "if" in item and ("then" in item or "else" in item)


def iter_items(data: Any, path: Path_) -> Iterator[tuple[Any, Path_]]:
    """Items of the list at `path`, conditional branches flattened (nested ones too).

    A bare scalar where a list is expected is yielded as a single item.
    """
    node = get(data, path)
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


def outputs(data: Any) -> Iterator[tuple[Any, Path_]]:
    """The recipe itself (path ()) for single-output recipes, else each item of `outputs`.

    Staging outputs are included; use `is_staging` to tell them apart.
    """
    outs = get(data, ("outputs",))
    if not outs:
        yield data, ()
        return
    yield from iter_items(data, ("outputs",))


def all_requirement_sections(data: Any) -> Iterator[tuple[Any, Path_]]:
    """Top-level requirements (if any) and every output's requirements, with paths."""
    if isinstance(get(data, ("requirements",)), dict):
        yield data["requirements"], ("requirements",)
    for output, out_path in outputs(data) if get(data, ("outputs",)) else ():
        reqs = get(output, ("requirements",))
        if isinstance(reqs, dict):
            yield reqs, (*out_path, "requirements")


def requirements(data: Any, base: Path_, section: str) -> Iterator[tuple[str, Path_]]:
    """String specs of `section` (build/host/run/...) of the requirements at `base`."""
    for item, path in iter_items(data, (*base, section)):
        if isinstance(item, str):
            yield item, path


def is_staging(output: Any) -> bool:
    return isinstance(output, dict) and "staging" in output


def spec_name(spec: str) -> str:
    """The package name of a MatchSpec string (first token, without a `::` channel)."""
    first = spec.strip().split()[0] if spec.strip() else ""
    first = first.split("::")[-1]
    for sep in "=<>!~[":
        first = first.split(sep)[0]
    return first
