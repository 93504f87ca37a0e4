"""Read a v1 recipe that has duplicate keys, so the linter can report each one at its line.

`recipegen.yamlio.parse_yaml` refuses duplicate keys (unusable input for `validate` and the
generators). The linter instead reads such a recipe with ruamel.yaml allowing them (the first
value of a key is kept, as ruamel.yaml does) and lists every repeated key with its position;
the `duplicate-key` rule reports them. The other limits of `parse_yaml` (nesting, alias bombs)
still apply.
"""

from __future__ import annotations

from typing import Any

from recipegen.problems import InputError
from recipegen.yamlio import check_expansion, looks_too_deep


def parse_with_duplicates(text: str, filename: str) -> tuple[Any, list[tuple[int, int, str]]]:
    """(data, [(line, column, key)] of every repeated key, 1-based); InputError if not YAML."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    if looks_too_deep(text):
        raise InputError(filename, "invalid YAML: nesting too deep")
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = True
    try:
        data = yaml.load(text)
        root = yaml.compose(text)
    except YAMLError as exc:
        raise InputError(filename, f"invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise InputError(filename, "invalid YAML: nesting too deep") from None
    except (TypeError, ValueError) as exc:  # a list as a key, an integer of 5,000 digits, ...
        raise InputError(filename, f"invalid YAML: {' '.join(str(exc).split())[:200]}") from None
    check_expansion(data, filename)
    return data, _repeated_keys(root)


def read_repeated_keys(text: str, filename: str, refused: InputError) -> tuple[Any, list[tuple[int, int, str]]] | None:
    """`parse_with_duplicates` of a text the strict reader refused (`refused`): None when the text
    has no repeated key or is not readable even allowing them (the strict reader's problem
    stands). Only a refusal for a duplicate key is read again: ruamel.yaml's reader takes minutes
    on the largest texts the others refuse (120,000 keys: over the node limit)."""
    if "duplicate key" not in refused.message:
        return None
    try:
        data, repeated = parse_with_duplicates(text, filename)
    except InputError:
        return None
    return (data, repeated) if repeated else None


def _repeated_keys(root: Any) -> list[tuple[int, int, str]]:
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    found: list[tuple[int, int, str]] = []
    stack, seen_nodes = [root], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                name = str(key.value)
                if name in keys:
                    found.append((key.start_mark.line + 1, key.start_mark.column + 1, name))
                keys.add(name)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return sorted(found)
