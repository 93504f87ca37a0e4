"""Fast YAML reading with positions for the linter.

`recipegen.yamlio.parse_yaml` (ruamel.yaml round-trip, pure Python) spends most of a lint
run's time scanning. When PyYAML is installed with libyaml, this module lets libyaml's C
parser build the node tree and turns it into the same ruamel containers (`CommentedMap`,
`CommentedSeq`) with the same line/column records (`.lc`), so `yamlio.locate`/`key_span`,
the schema validator and the rules work unchanged, about 5-10x faster. Scalars are resolved
with YAML 1.2 core rules, as ruamel does (`yes` stays a string, `1.0` is a float).

Comments are not kept (rules read comments from the raw text). Anything unusual — an error,
an explicit tag, a merge key `<<`, a duplicate key — falls back to `parse_yaml`, so errors,
messages and edge cases are exactly those of the foundation's reader.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.nodes import ScalarNode as _RuamelScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from recipegen.problems import InputError
from recipegen.yamlio import check_expansion, parse_yaml

MAX_DEPTH = 100  # real recipes nest < 15 levels; ruamel needs seconds to fail on thousands

try:  # optional accelerator
    import yaml as _pyyaml
    from yaml import CSafeLoader as _CLoader  # noqa: N814
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode
    from yaml.resolver import Resolver as _Resolver

    _RESOLVER = _Resolver()
except ImportError:  # pragma: no cover - depends on the installation
    _CLoader = None

_RESOLVER_12 = VersionedResolver(version=(1, 2))  # ruamel's own YAML 1.2 implicit typing
_RT_CONSTRUCTOR = YAML(typ="rt").constructor
_IMPLICIT_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "value")}
_CONTAINER_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class FastSeq(CommentedSeq):
    """A CommentedSeq whose reads are plain list reads (ruamel's go through the ABC, slowly)."""

    __slots__ = ()
    __getitem__ = list.__getitem__
    __iter__ = list.__iter__
    __len__ = list.__len__
    __contains__ = list.__contains__


class FastMap(CommentedMap):
    """A CommentedMap without merge-key lookups (documents with `<<` use ruamel's reader)."""

    __slots__ = ()
    __getitem__ = ordereddict.__getitem__


class _TooDeep(Exception):
    pass


def _looks_too_deep(text: str) -> bool:
    """Flow brackets or indentation deeper than any recipe (checked before a slow ruamel parse)."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    if deepest > MAX_DEPTH:
        return True
    return any(len(line) - len(line.lstrip(" -")) > 2 * MAX_DEPTH for line in text.splitlines())


class _Fallback(Exception):
    """Something this reader does not reproduce exactly: use ruamel."""


def available() -> bool:
    return _CLoader is not None


def parse(text: str, filename: str = "<string>") -> Any:
    """Same result and errors as `yamlio.parse_yaml(text, filename)`, faster when possible."""
    if _CLoader is None:
        return parse_yaml(text, filename)
    try:
        loader = _CLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is None:
            return parse_yaml(text, filename)
        data = _build(node, {}, text)
    except _TooDeep:
        raise InputError(filename, f"invalid YAML: nesting deeper than {MAX_DEPTH} levels") from None
    except (_pyyaml.YAMLError, _Fallback, RecursionError, ValueError):
        if _looks_too_deep(text):
            raise InputError(filename, f"invalid YAML: nesting deeper than {MAX_DEPTH} levels") from None
        return parse_yaml(text, filename)
    check_expansion(data, filename)
    return data


_STR_TAG = "tag:yaml.org,2002:str"
# first characters after which both YAML 1.1 (PyYAML) and 1.2 (ruamel) resolve a plain scalar
# to a string: letters that start no bool/null word, and the usual recipe characters
_ALWAYS_STR_START = frozenset("abcdeghijklmpqrsuvwxzABCDEGHIJKLMPQRSUVWXZ$/_@%^&`\\(")


def _scalar(node: ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted or block: a string
        if node.tag != _STR_TAG and node.tag not in _IMPLICIT_TAGS:
            raise _Fallback
        if node.style == "|":
            return LiteralScalarString(value)
        if node.style == ">":
            return FoldedScalarString(value)
        return value
    if node.tag == _STR_TAG and value and value[0] in _ALWAYS_STR_START:
        return value
    result = _plain_scalar(node.tag, value)
    if result is _FALLBACK:
        raise _Fallback
    return result


_FALLBACK = object()


@lru_cache(maxsize=4096)
def _plain_scalar(pyyaml_tag: str, value: str) -> Any:
    """A plain scalar typed as ruamel types it (cached: recipes repeat values a lot)."""
    if pyyaml_tag not in _IMPLICIT_TAGS or pyyaml_tag != _RESOLVER.resolve(ScalarNode, value, (True, False)):
        return _FALLBACK  # an explicit tag (`!!str 12`, `!!binary`, a local tag)
    if pyyaml_tag.endswith(":timestamp"):
        return _FALLBACK  # ruamel builds dates; keep its exact types
    tag = str(_RESOLVER_12.resolve(_RuamelScalarNode, value, (True, False)))
    if tag.endswith(":str"):
        return value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() == "true"
    if tag.endswith(":int"):  # ruamel's own constructors: ScalarInt/ScalarFloat keep the format
        return _RT_CONSTRUCTOR.construct_yaml_int(_RuamelScalarNode(tag, value))
    if tag.endswith(":float"):
        return _RT_CONSTRUCTOR.construct_yaml_float(_RuamelScalarNode(tag, value))
    return _FALLBACK  # timestamps and other types: ruamel's reader


def _position(node: Any, text: str) -> tuple[int, int]:
    """0-based line/column ruamel records for a node (an empty value: the next token)."""
    mark = node.start_mark
    if not (isinstance(node, ScalarNode) and node.value == "" and not node.style):
        return mark.line, mark.column
    index, line, column = mark.index, mark.line, mark.column
    length = len(text)
    while index < length:
        char = text[index]
        if char == "#":
            while index < length and text[index] != "\n":
                index += 1
            continue
        if char == "\n":
            line, column = line + 1, 0
        elif char in " \t\r":
            column += 1
        else:
            break
        index += 1
    return line, column


def _build(node: Any, memo: dict[int, Any], text: str, depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise _TooDeep
    key = id(node)
    if key in memo:  # alias: share the object, as ruamel does
        return memo[key]
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        if node.tag not in _CONTAINER_TAGS:
            raise _Fallback
        seq = FastSeq()
        memo[key] = seq
        seq._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        if node.flow_style:
            seq.fa.set_flow_style()
        positions = seq.lc.data = {}
        for index, child in enumerate(node.value):
            list.append(seq, _build(child, memo, text, depth + 1))
            positions[index] = list(_position(child, text))
        return seq
    if isinstance(node, MappingNode):
        if node.tag not in _CONTAINER_TAGS:
            raise _Fallback
        mapping = FastMap()
        memo[key] = mapping
        mapping._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        if node.flow_style:
            mapping.fa.set_flow_style()
        positions = mapping.lc.data = {}
        own_keys = mapping._ok
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.value == "<<":
                raise _Fallback  # complex keys, merge keys
            name = _scalar(key_node)
            if isinstance(name, float) or name in mapping:
                raise _Fallback  # duplicate key: ruamel gives the error message
            ordereddict.__setitem__(mapping, name, _build(value_node, memo, text, depth + 1))
            own_keys.add(name)
            positions[name] = [key_node.start_mark.line, key_node.start_mark.column, *_position(value_node, text)]
        return mapping
    raise _Fallback
