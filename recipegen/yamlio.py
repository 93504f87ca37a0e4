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
MAX_EXPANDED_NODES = 50_000  # the largest real recipes have about 1,000; every rule walks them all
MAX_EXPANDED_CHARACTERS = 4 * MAX_FILE_BYTES  # text of every scalar, aliases expanded
MAX_DEPTH = 100  # real recipes nest < 15 levels; ruamel takes seconds to fail on thousands
MAX_INT_BITS = 14_000  # about 4,200 digits: Python refuses to print (or read) longer integers

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
    yaml.composer.warn_double_anchors = False  # YAML 1.2 allows an anchor defined again
    return yaml


def parse_yaml(
    text: str,
    filename: str = "<string>",
    keep_comments: bool = True,
    timestamps_as_text: bool = False,
    max_nodes: int = MAX_EXPANDED_NODES,
) -> Any:
    """Parse YAML text into round-trip containers with positions; errors become one-line
    InputErrors with positions.

    `keep_comments=False` allows the libyaml fast path (same data, types and positions, no
    comments); whatever it cannot reproduce exactly is read by ruamel.yaml as with comments.
    `timestamps_as_text=True` lets the fast path keep plain timestamps as their text (the
    validator of lockfiles and rendered recipes, whose readers see text). `max_nodes` bounds
    the nodes of the document with aliases expanded (larger for lockfiles).
    """
    if too_deep(text):  # same answer on both paths, before either spends time on it
        raise InputError(filename, f"invalid YAML: nesting deeper than {MAX_DEPTH} levels")
    if not keep_comments:
        data = _parse_fast(text, filename, timestamps_as_text, max_nodes)
        if data is not _NO_FAST_RESULT:
            return data
    data = _parse_round_trip(text, filename)
    check_expansion(data, filename, max_nodes)
    return data


def _parse_round_trip(text: str, filename: str) -> Any:
    """ruamel.yaml's round-trip reader; every failure is a one-line InputError."""
    try:
        return _round_trip_yaml().load(text)
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
    except (ValueError, TypeError, AttributeError, LookupError) as exc:
        raise _constructor_error(exc, text, filename) from None


def _constructor_error(exc: Exception, text: str, filename: str) -> InputError:
    """ruamel's constructors raise plain exceptions on some hostile input: one line each."""
    message = str(exc)
    if isinstance(exc, ValueError) and "digits" in message:  # int() of more than 4,300 digits
        line, column = long_number_position(text)
        return InputError(filename, "invalid YAML: an integer with more than 4300 digits", line, column)
    if isinstance(exc, TypeError) and "unhashable" in message:  # `? {a: [1]}`
        line, column = _position_of(_COMPLEX_KEY, text)
        return InputError(filename, f"invalid YAML: {COMPLEX_KEY_MESSAGE}", line, column)
    tag = _EXPLICIT_TAG.search(text)  # `!!set 1`, `!!bool x`, `!!int 0x`
    if tag is not None:
        line, column = _position_of(_EXPLICIT_TAG, text)
        return InputError(filename, f"invalid YAML: the tag `{tag.group()[:40]}` cannot make this value", line, column)
    detail = " ".join(message.split())[:120] or type(exc).__name__
    return InputError(filename, f"invalid YAML: cannot read a value ({detail})")


COMPLEX_KEY_MESSAGE = "a list or mapping used as a mapping key (recipes use plain keys)"
_LONG_NUMBER = re.compile(r"\d{4300}")
_EXPLICIT_TAG = re.compile(r"(?:^|(?<=[\s\[{,]))![^\s,\[\]{}]*", re.MULTILINE)
_COMPLEX_KEY = re.compile(r"^[ \t-]*\?(?:[ \t]|$)", re.MULTILINE)  # `? key` (flow keys: no position)


def long_number_position(text: str) -> tuple[int, int]:
    """1-based line and column of the first number of more than 4,300 digits ((0, 0) if none)."""
    return _position_of(_LONG_NUMBER, text)


def _position_of(pattern: re.Pattern[str], text: str) -> tuple[int, int]:
    """1-based line and column of the first match of `pattern` in `text` ((0, 0) if none)."""
    match = pattern.search(text)
    if match is None:
        return 0, 0
    line = text.count("\n", 0, match.start()) + 1
    return line, match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1


_NO_FAST_RESULT = object()


def _parse_fast(text: str, filename: str, timestamps_as_text: bool, max_nodes: int) -> Any:
    """The document read by libyaml (recipegen.fastyaml), or _NO_FAST_RESULT."""
    from recipegen import fastyaml

    if not fastyaml.available():
        return _NO_FAST_RESULT
    try:
        data, aliases, _ = fastyaml.build(text, timestamps_as_text, max_nodes)
    except fastyaml.TooManyNodes as exc:
        raise InputError(filename, too_many_nodes(max_nodes) if exc.aliases else _too_many_plain(max_nodes)) from None
    except fastyaml.TooDeep:
        raise InputError(filename, f"invalid YAML: nesting deeper than {MAX_DEPTH} levels") from None
    except fastyaml.DuplicateKey as exc:  # ruamel's message, without its slow reader
        raise InputError(
            filename, f"invalid YAML: {' '.join(exc.problem.split())}", exc.line + 1, exc.column + 1
        ) from None
    except fastyaml.Fallback:
        return _NO_FAST_RESULT
    if aliases:
        check_expansion(data, filename, max_nodes)
    return data


def _too_many_plain(limit: int) -> str:
    return f"more than {limit} YAML nodes (the most recipegen reads in one such file)"


_DEEP_INDENT = re.compile(rf"\n[ -]{{{2 * MAX_DEPTH + 1}}}")  # a literal `\n`, not `^`: 5x faster search


def too_deep(text: str) -> bool:
    """Collections nested deeper than MAX_DEPTH levels, decided before the document is built
    (ruamel.yaml would take seconds to fail on thousands of levels).

    Three steps, each run only when the one before says maybe: the raw bracket count and
    indentation; the brackets outside comments and quoted strings; libyaml's event stream
    (exact, also for brackets or indentation inside a block scalar; without libyaml the
    second step decides).
    """
    deep_indent = _deeply_indented(text)
    if not deep_indent and (text.count("[") + text.count("{") <= MAX_DEPTH or _flow_depth(text) <= MAX_DEPTH):
        return False
    from recipegen import fastyaml

    verdict = fastyaml.nesting_exceeds(text, MAX_DEPTH) if fastyaml.available() else None
    return True if verdict is None else verdict


_FLOW_SPECIAL = re.compile(r"[#'\"\[\]{}]")
_TOKEN_START = frozenset(" \t\r\n[{,:?-")


def _flow_depth(text: str) -> int:
    """Deepest flow-bracket nesting outside comments and quoted strings (an approximation of
    YAML's rules good enough to tell brackets in a comment or a string from nesting)."""
    depth = deepest = position = 0
    while (match := _FLOW_SPECIAL.search(text, position)) is not None:
        index = match.start()
        char = text[index]
        starts_token = index == 0 or text[index - 1] in _TOKEN_START
        if char == "#" and starts_token:
            position = text.find("\n", index)
        elif char in "'\"" and starts_token:
            position = _end_of_quoted(text, index)
        else:
            if char in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif char in "]}":
                depth -= 1
            position = index + 1
        if position < 0:
            break
    return deepest


def _end_of_quoted(text: str, start: int) -> int:
    """Index after the quoted scalar starting at `start` (-1 when it does not end)."""
    quote = text[start]
    position = start + 1
    while (end := text.find(quote, position)) >= 0:
        if quote == "'" and text.startswith("''", end):
            position = end + 2  # '' is a quote inside single quotes
            continue
        backslashes = len(text[position:end]) - len(text[position:end].rstrip("\\"))
        if quote == '"' and backslashes % 2:
            position = end + 1  # \" inside double quotes
            continue
        return end + 1
    return -1


def _deeply_indented(text: str) -> bool:
    first_line = "\n" + text[: 2 * MAX_DEPTH + 1]  # the pattern needs the `\n` before a line
    return _DEEP_INDENT.search(first_line) is not None or _DEEP_INDENT.search(text) is not None


def looks_too_deep(text: str) -> bool:
    """Flow brackets or indentation deeper than MAX_DEPTH levels, counted on the raw text: an
    upper bound (brackets in comments and strings count too), see `too_deep`."""
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(_BRACKET.finditer(text)) > MAX_DEPTH:
        return True
    return _deeply_indented(text)


_BRACKET = re.compile(r"[\[\]{}]")


def _depth(tokens: Iterable[re.Match[str]]) -> int:
    """Deepest nesting of the `[{` / `]}` among `tokens` (other tokens ignored)."""
    depth = deepest = 0
    for match in tokens:
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def _duplicate_key_message(exc: MarkedYAMLError) -> str:
    text = str(exc.problem or "")
    return " ".join(text.split()) if text else "duplicate key"


def check_expansion(data: Any, filename: str, limit: int = MAX_EXPANDED_NODES) -> None:
    """Refuse alias bombs, self-referencing aliases, keys that are lists or mappings and
    integers too long to print.

    Aliases share objects, so the loaded document is small, but anything that walks it
    (schema validation, rendering, every lint rule) would visit every expansion: count the
    expanded nodes, and the characters of their scalars (one long string aliased 100,000
    times), with memoisation on object identity.
    """
    sizes: dict[int, tuple[int, int]] = {}
    active: set[int] = set()

    def size(node: Any) -> tuple[int, int]:
        if not isinstance(node, (dict, list)):
            return _scalar_size(node, filename)
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise InputError(filename, "invalid YAML: an alias refers to a node that contains it")
        active.add(key)
        nodes, characters = 1, 0
        if isinstance(node, dict):
            for name in node:
                if isinstance(name, (tuple, frozenset, dict, list)):
                    raise InputError(filename, f"invalid YAML: {COMPLEX_KEY_MESSAGE}", *_key_position(node, name))
                characters += _scalar_size(name, filename)[1]
        for child in node.values() if isinstance(node, dict) else node:
            child_nodes, child_characters = size(child)
            nodes += child_nodes
            characters += child_characters
            if nodes > limit:
                raise InputError(filename, too_many_nodes(limit))
            if characters > MAX_EXPANDED_CHARACTERS:
                raise InputError(
                    filename, f"YAML aliases expand to more than {MAX_EXPANDED_CHARACTERS} characters (alias bomb?)"
                )
        active.discard(key)
        sizes[key] = (nodes, characters)
        return nodes, characters

    size(data)


def too_many_nodes(limit: int) -> str:
    return f"more than {limit} YAML nodes with aliases expanded (no recipe is that large; alias bomb?)"


def _scalar_size(value: Any, filename: str) -> tuple[int, int]:
    """(1, its length) for a scalar; an integer too long to print is refused."""
    if isinstance(value, str):
        return 1, len(value)
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise InputError(filename, "invalid YAML: an integer with more than 4300 digits")
    return 1, 1


def _key_position(mapping: Any, key: Any) -> tuple[int, int]:
    try:
        line, column = mapping.lc.key(key)
        return line + 1, column + 1
    except (AttributeError, KeyError, TypeError):
        return 0, 0


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
