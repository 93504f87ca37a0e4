"""YAML reading with positions and safe limits, and YAML writing.

Every reader of recipes goes through `parse_yaml` / `load_yaml`: line/column information is
kept (ruamel.yaml round-trip containers), duplicate keys, binary or huge files, nesting deeper
than any recipe and documents whose aliases expand to more nodes than any real recipe has are
refused. With `keep_comments=False` (the validator, the linter) the text is read by libyaml's C
parser when PyYAML has it (`recipegen.fastyaml`): same containers, positions and scalar types,
about 10x faster, comments left out.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from recipegen.problems import InputError

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_EXPANDED_NODES = 200_000
MAX_DEPTH = 100  # real recipes nest < 15 levels; ruamel takes seconds to fail on thousands

PathKey = str | int


@dataclass(frozen=True)
class Span:
    """1-based start and end position of a YAML node."""

    line: int
    column: int
    end_line: int
    end_column: int


def read_text(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a text file for parsing, or raise InputError saying why it cannot be used."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise InputError(name, f"file is {size} bytes, more than the {max_bytes} a recipe may have")
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, expected a file") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise InputError(name, "binary file, expected YAML text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not UTF-8 text (byte {exc.start})") from None


def _round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def parse_yaml(
    text: str, filename: str = "<string>", keep_comments: bool = True, timestamps_as_text: bool = False
) -> Any:
    """Parse YAML text into round-trip containers with positions; errors become one-line
    InputErrors with positions.

    `keep_comments=False` allows the libyaml fast path (same data, types and positions, no
    comments); whatever it cannot reproduce exactly is read by ruamel.yaml as with comments.
    `timestamps_as_text=True` lets the fast path keep plain timestamps as their text (the
    validator of lockfiles and rendered recipes, whose readers see text).
    """
    if looks_too_deep(text):  # same answer on both paths, before either spends time on it
        raise InputError(filename, f"invalid YAML: nesting deeper than {MAX_DEPTH} levels")
    if not keep_comments:
        data = _parse_fast(text, filename, timestamps_as_text)
        if data is not _NO_FAST_RESULT:
            return data
    try:
        data = _round_trip_yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if "duplicate key" in problem or "found duplicate key" in str(exc):
            problem = _duplicate_key_message(exc)
        raise InputError(filename, f"invalid YAML: {problem}", line, column) from None
    except YAMLError as exc:
        raise InputError(filename, f"invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise InputError(filename, "invalid YAML: nesting too deep") from None
    check_expansion(data, filename)
    return data


_NO_FAST_RESULT = object()


def _parse_fast(text: str, filename: str, timestamps_as_text: bool = False) -> Any:
    """The document read by libyaml (recipegen.fastyaml), or _NO_FAST_RESULT."""
    from recipegen import fastyaml

    if not fastyaml.available():
        return _NO_FAST_RESULT
    try:
        data, aliases, nodes = fastyaml.build(text, timestamps_as_text)
    except fastyaml.TooDeep:
        raise InputError(filename, f"invalid YAML: nesting deeper than {MAX_DEPTH} levels") from None
    except fastyaml.Fallback:
        return _NO_FAST_RESULT
    if aliases:
        check_expansion(data, filename)
    elif nodes > MAX_EXPANDED_NODES:  # what check_expansion says for such a document
        raise InputError(filename, f"YAML aliases expand to more than {MAX_EXPANDED_NODES} nodes (alias bomb?)")
    return data


_DEEP_INDENT = re.compile(rf"\n[ -]{{{2 * MAX_DEPTH + 1}}}")  # a literal `\n`, not `^`: 5x faster search


def looks_too_deep(text: str) -> bool:
    """Flow brackets or indentation deeper than MAX_DEPTH levels: a cheap check of the text
    before parsing (ruamel.yaml would take seconds to fail on thousands of levels)."""
    if text.count("[") + text.count("{") > MAX_DEPTH:
        depth = deepest = 0
        for char in text:
            if char in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif char in "]}":
                depth -= 1
        if deepest > MAX_DEPTH:
            return True
    first_line = "\n" + text[: 2 * MAX_DEPTH + 1]  # the pattern needs the `\n` before a line
    return _DEEP_INDENT.search(first_line) is not None or _DEEP_INDENT.search(text) is not None


def _duplicate_key_message(exc: MarkedYAMLError) -> str:
    text = str(exc.problem or "")
    return " ".join(text.split()) if text else "duplicate key"


def check_expansion(data: Any, filename: str, limit: int = MAX_EXPANDED_NODES) -> None:
    """Refuse alias bombs and self-referencing aliases.

    Aliases share objects, so the loaded document is small, but anything that walks it
    (schema validation, rendering) would visit every expansion. Count expanded nodes with
    memoisation on object identity.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Any) -> int:
        if not isinstance(node, (dict, list)):
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise InputError(filename, "invalid YAML: an alias refers to a node that contains it")
        active.add(key)
        children = node.values() if isinstance(node, dict) else node
        total = 1
        for child in children:
            total += size(child)
            if total > limit:
                raise InputError(filename, f"YAML aliases expand to more than {limit} nodes (alias bomb?)")
        active.discard(key)
        sizes[key] = total
        return total

    size(data)


def load_yaml(path: str | Path, keep_comments: bool = True) -> Any:
    """Read and parse a YAML file with every safety check."""
    return parse_yaml(read_text(path), str(path), keep_comments)


def _scalar_width(value: Any) -> int:
    if isinstance(value, (dict, list)):
        return 1
    text = "" if value is None else str(value)
    first = text.split("\n", 1)[0]
    return max(len(first), 1)


def locate(root: Any, path: Iterable[PathKey]) -> Span:
    """Position of the node at `path` (keys and indexes) in a round-trip document.

    Points at the value for mapping keys (at the key when the value is a collection on later
    lines) and at the item for sequence indexes. Walks as deep as the path exists and returns
    the deepest position found, so a missing key points at its would-be parent.
    """
    line, column = 1, 1
    node = root
    width = 1
    for key in path:
        if isinstance(node, CommentedMap) and key in node:
            child = node[key]
            try:
                if isinstance(child, (CommentedMap, CommentedSeq)):
                    kline, kcol = node.lc.key(key)
                    line, column = kline + 1, kcol + 1
                    width = len(str(key))
                else:
                    vline, vcol = node.lc.value(key)
                    line, column = vline + 1, vcol + 1
                    width = _scalar_width(child)
            except (KeyError, TypeError, AttributeError):
                pass
            node = child
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            child = node[key]
            try:
                iline, icol = node.lc.item(key)
                line, column = iline + 1, icol + 1
                width = _scalar_width(child)
            except (KeyError, TypeError, AttributeError, IndexError):
                pass
            node = child
        else:
            break
    return Span(line, column, line, column + width)


def key_span(root: Any, path: Iterable[PathKey]) -> Span:
    """Position of the *key* of the last mapping entry in `path` (for "unknown key" messages)."""
    keys = list(path)
    if not keys:
        return Span(1, 1, 1, 2)
    parent = root
    for key in keys[:-1]:
        try:
            parent = parent[key]
        except (KeyError, IndexError, TypeError):
            return locate(root, keys)
    last = keys[-1]
    if isinstance(parent, CommentedMap) and last in parent:
        try:
            kline, kcol = parent.lc.key(last)
            return Span(kline + 1, kcol + 1, kline + 1, kcol + 1 + len(str(last)))
        except (KeyError, TypeError, AttributeError):
            pass
    return locate(root, keys)


def to_plain(data: Any, text_keys: bool = True) -> Any:
    """Round-trip containers and scalar subclasses to plain dict/list/str/int/float/bool/None
    (mapping keys as text, or with `text_keys=False` typed like the values)."""
    if isinstance(data, dict):
        if text_keys:
            return {str(k): to_plain(v) for k, v in data.items()}
        return {to_plain(k, False): to_plain(v, False) for k, v in data.items()}
    if isinstance(data, list):
        return [to_plain(v, text_keys) for v in data]
    if isinstance(data, bool) or data is None:
        return data
    if isinstance(data, int):
        return int(data)
    if isinstance(data, float):
        return float(data)
    if isinstance(data, str):
        return str(data)
    return data


def dump_yaml(data: Any) -> str:
    """Dump data in conda-forge style: 2-space indent, list items indented under their key."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = (
        4096  # never fold plain scalars (URLs with `${{ name | replace(...) }}`, scripts); long prose is folded by emit
    )
    yaml.preserve_quotes = True
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()
