"""libyaml fast path of `recipegen.yamlio.parse_yaml` (used when comments are not needed).

ruamel.yaml's round-trip reader is pure Python and spends most of a validate or lint run
scanning. When PyYAML is installed with libyaml, `build` lets libyaml's C parser compose the
node tree and turns it into the same ruamel containers (`CommentedMap`, `CommentedSeq`
subclasses) with the same line/column records (`.lc`) and flow-style flags, so
`yamlio.locate`/`key_span`, the schema validator and the lint rules work unchanged, about 10x
faster. Scalars are typed by ruamel's own YAML 1.2 resolver and constructors (`yes` stays a
string, `1.10` is a `ScalarFloat` that remembers how it was written).

Comments are not kept. Anything this reader does not reproduce exactly (a syntax error, an
explicit tag, a merge key `<<`, a duplicate key, a timestamp, an empty document) raises
`Fallback`, and `parse_yaml` then takes the round-trip path, so errors, messages and edge
cases are exactly those of ruamel. `RECIPEGEN_NO_LIBYAML=1` turns this path off.

Only `recipegen.yamlio` calls this module; everyone else calls `parse_yaml`.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.nodes import ScalarNode as _RuamelScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

MAX_DEPTH = 100  # real recipes nest < 15 levels
MAX_INT_BITS = 14_000  # about 4,200 decimal digits: Python refuses to print longer integers

try:  # optional accelerator
    import yaml as _pyyaml
    from yaml import CSafeLoader as _CLoader
    from yaml._yaml import CParser as _CParser
    from yaml.constructor import BaseConstructor as _BaseConstructor
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode
    from yaml.resolver import BaseResolver as _BaseResolver
    from yaml.resolver import Resolver as _Resolver

    class _UntaggedLoader(_CParser, _BaseConstructor, _BaseResolver):
        """libyaml without PyYAML's YAML 1.1 typing: every plain scalar comes back as a string
        node (used when the text has no `!`, i.e. no explicit tags)."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _BaseConstructor.__init__(self)
            _BaseResolver.__init__(self)

    _RESOLVER_11 = _Resolver()
except ImportError:  # pragma: no cover - depends on the installation
    _CLoader = None

_RESOLVER_12 = VersionedResolver(version=(1, 2))  # ruamel's own YAML 1.2 implicit typing
_RT_CONSTRUCTOR = YAML(typ="rt").constructor
_STR_TAG = "tag:yaml.org,2002:str"
_IMPLICIT_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "value")}
_CONTAINER_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
# plain scalars starting with one of these are strings in YAML 1.1 and 1.2 alike (no number,
# bool, null or timestamp starts so)
_ALWAYS_STR_START = frozenset("abcdeghijklmpqrsuvwxzABCDEGHIJKLMPQRSUVWXZ$/_@%^&`\\(")
# a plain decimal ruamel types as a plain int (no leading 0, sign or not, short of MAX_INT_BITS)
_PLAIN_DECIMAL = re.compile(r"[-+]?[1-9][0-9]{0,17}")
_FALLBACK = object()


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


class Fallback(Exception):
    """Something this reader does not reproduce exactly: use ruamel."""


class TooDeep(Exception):
    """Nesting deeper than MAX_DEPTH."""


class TooManyNodes(Exception):
    """More nodes than the caller's limit (building stops there); `aliases`: whether aliases were seen."""

    def __init__(self, aliases: bool) -> None:
        super().__init__("too many nodes")
        self.aliases = aliases


class DuplicateKey(Exception):
    """A mapping repeats a key: ruamel.yaml's message and position, without its slow reader."""

    def __init__(self, problem: str, line: int, column: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line  # 0-based, as the marks
        self.column = column


def available() -> bool:
    """libyaml is importable and not turned off with RECIPEGEN_NO_LIBYAML."""
    return _CLoader is not None and not os.environ.get("RECIPEGEN_NO_LIBYAML")


def build(text: str, timestamps_as_text: bool = False, max_nodes: int | None = None) -> tuple[Any, bool, int]:
    """(data, whether aliases were seen, nodes built) for `text`, or Fallback / TooDeep /
    TooManyNodes (more than `max_nodes` built before any alias: the caller's limit, reached without
    building the rest).

    The caller checks alias expansion (yamlio.check_expansion) when aliases were seen. With
    `timestamps_as_text`, a plain timestamp scalar is its text (as the readers of lockfiles and
    rendered recipes see it) instead of a reason to fall back to ruamel's reader.
    """
    if _CLoader is None or "%YAML" in text:  # a version directive may change the typing rules
        raise Fallback
    tagged = _may_have_tags(text)  # explicit tags possible: keep PyYAML's typing to detect them
    try:
        loader = (_CLoader if tagged else _UntaggedLoader)(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is None:
            raise Fallback
        builder = _Builder(text, tagged, timestamps_as_text, max_nodes)
        data = builder.build(node, 0)
    except (_pyyaml.YAMLError, RecursionError, ValueError):
        raise Fallback from None
    return data, builder.aliases, builder.nodes


# A `!` that can start a tag: at the start of the text or after whitespace or a flow or mapping
# indicator, and not the `!=` of a version constraint (`python >=3.8,!=3.9`, `pkg !=1.0`). Any
# other `!` is inside a scalar. Over-matching only costs speed (PyYAML's typing is kept).
_TAG_START = re.compile(r"(?<![^\s\[\{,:])!(?!=)")


def _may_have_tags(text: str) -> bool:
    return _TAG_START.search(text) is not None


@lru_cache(maxsize=8192)
def _plain_12(value: str) -> Any:
    """A plain scalar typed as ruamel types it (cached: recipes repeat values a lot)."""
    if _PLAIN_DECIMAL.fullmatch(value):  # ruamel's resolver and constructor cost 40 us here
        return int(value)
    tag = str(_RESOLVER_12.resolve(_RuamelScalarNode, value, (True, False)))
    if tag.endswith(":str"):
        return value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() == "true"
    if tag.endswith(":int"):  # ruamel's constructors: ScalarInt/ScalarFloat keep the format
        number = _RT_CONSTRUCTOR.construct_yaml_int(_RuamelScalarNode(tag, value))
        return _FALLBACK if number.bit_length() > MAX_INT_BITS else number  # ruamel's reader refuses it
    if tag.endswith(":float"):
        return _RT_CONSTRUCTOR.construct_yaml_float(_RuamelScalarNode(tag, value))
    return _FALLBACK  # timestamps and other types: ruamel's reader


@lru_cache(maxsize=1024)
def _is_timestamp(value: str) -> bool:
    return str(_RESOLVER_12.resolve(_RuamelScalarNode, value, (True, False))).endswith(":timestamp")


@lru_cache(maxsize=4096)
def _explicitly_tagged(pyyaml_tag: str, value: str) -> bool:
    """Whether a plain scalar carries an explicit tag (PyYAML resolved it differently)."""
    return pyyaml_tag not in _IMPLICIT_TAGS or pyyaml_tag != _RESOLVER_11.resolve(ScalarNode, value, (True, False))


class _Builder:
    def __init__(self, text: str, tagged: bool, timestamps_as_text: bool = False, max_nodes: int | None = None) -> None:
        self.text = text
        self.max_nodes = max_nodes
        self.tagged = tagged
        self.timestamps_as_text = timestamps_as_text
        self.memo: dict[int, Any] = {}
        self.aliases = False
        self.nodes = 0
        self.scalars: set[int] = set()

    def scalar(self, node: Any) -> Any:
        value = node.value
        if node.style:  # quoted or block: a string
            if node.tag != _STR_TAG:
                raise Fallback
            if node.style == "|":
                return LiteralScalarString(value)
            if node.style == ">":
                return FoldedScalarString(value)
            return value
        if self.tagged:
            if node.tag == _STR_TAG and value[:1] in _ALWAYS_STR_START:
                return value
            if _explicitly_tagged(node.tag, value):
                raise Fallback  # `!!str 12`, `!!binary`, a local tag
        elif node.tag != _STR_TAG:
            raise Fallback  # an explicit tag the text scan did not see: ruamel's reader decides
        elif value[:1] in _ALWAYS_STR_START:
            return value
        result = _plain_12(value)
        if result is _FALLBACK:
            if self.timestamps_as_text and _is_timestamp(value):
                return value
            raise Fallback
        return result

    def position(self, node: Any) -> list[int]:
        """0-based line/column ruamel records for a node (an empty value: the next token)."""
        mark = node.start_mark
        if not (node.value == "" and isinstance(node, ScalarNode) and not node.style):
            return [mark.line, mark.column]
        text = self.text
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
        return [line, column]

    def build(self, node: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise TooDeep
        self.nodes += 1
        if self.max_nodes is not None and self.nodes > self.max_nodes and not self.aliases:
            raise TooManyNodes(self.aliases)  # with aliases, yamlio.check_expansion measures them
        key = id(node)
        if key in self.memo:  # an alias: share the object, as ruamel does
            self.aliases = True
            return self.memo[key]
        if isinstance(node, ScalarNode):
            if key in self.scalars:  # an alias of a scalar (one long string 100,000 times)
                self.aliases = True
            self.scalars.add(key)
            return self.scalar(node)
        if node.tag not in _CONTAINER_TAGS:
            raise Fallback
        if isinstance(node, SequenceNode):
            seq = FastSeq()
            self.memo[key] = seq
            seq._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
            if node.flow_style:
                seq.fa.set_flow_style()
            positions = seq.lc.data = {}
            for index, child in enumerate(node.value):
                list.append(seq, self.build(child, depth + 1))
                positions[index] = self.position(child)
            return seq
        if isinstance(node, MappingNode):
            mapping = FastMap()
            self.memo[key] = mapping
            mapping._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
            if node.flow_style:
                mapping.fa.set_flow_style()
            positions = mapping.lc.data = {}
            own_keys = mapping._ok
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.value == "<<":
                    raise Fallback  # complex keys, merge keys
                name = self.scalar(key_node)
                if isinstance(name, float):
                    raise Fallback
                if name in mapping:
                    self.duplicate(mapping, name, key_node, value_node, depth)
                ordereddict.__setitem__(mapping, name, self.build(value_node, depth + 1))
                own_keys.add(name)
                mark = key_node.start_mark
                positions[name] = [mark.line, mark.column, *self.position(value_node)]
            return mapping
        raise Fallback

    def duplicate(self, mapping: Any, name: Any, key_node: Any, value_node: Any, depth: int) -> None:
        """Raise DuplicateKey worded as ruamel words it (scalar values; others: Fallback)."""
        original = ordereddict.__getitem__(mapping, name)
        value = self.build(value_node, depth + 1)
        mark = key_node.start_mark
        problem = f'found duplicate key "{name}" with value "{value}" (original value: "{original}")'
        raise DuplicateKey(problem, mark.line, mark.column)


def nesting_exceeds(text: str, limit: int) -> bool | None:
    """Whether block or flow collections nest deeper than `limit` (libyaml's event stream, no
    recursion, stops at the first level past the limit); None when libyaml is not there or the
    text is not YAML before that depth (the reader then says what is wrong)."""
    if _CLoader is None:
        return None
    loader = _CLoader(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None:
                return False
            if isinstance(event, (_pyyaml.MappingStartEvent, _pyyaml.SequenceStartEvent)):
                depth += 1
                if depth > limit:
                    return True
            elif isinstance(event, (_pyyaml.MappingEndEvent, _pyyaml.SequenceEndEvent)):
                depth -= 1
    except _pyyaml.YAMLError as exc:
        return True if "nesting depth" in str(exc) else None  # libyaml's own limit (1000 levels)
    finally:
        loader.dispose()
