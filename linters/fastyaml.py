"""Fast YAML reading with positions for the linter.

`recipegen.yamlio.parse_yaml` (ruamel.yaml round-trip, pure Python) would spend most of a lint
run scanning. When PyYAML is installed with libyaml, this module lets libyaml's C parser
build the node tree and turns it into the same ruamel containers (`CommentedMap`,
`CommentedSeq` subclasses) with the same line/column records (`.lc`) and flow-style flags,
so `yamlio.locate`/`key_span`, the schema validator and the rules work unchanged, about 10x
faster. Scalars are typed by ruamel's own YAML 1.2 resolver and constructors (`yes` stays a
string, `1.10` is a `ScalarFloat` that remembers how it was written).

Comments are not kept (rules read comments from the raw text). Anything this reader does not
reproduce exactly — a syntax error, an explicit tag, a merge key `<<`, a duplicate key, a
timestamp — goes to `parse_yaml`, so errors, messages and edge cases are exactly those of the
foundation's reader. Nesting deeper than MAX_DEPTH is refused at once (ruamel would take
seconds to fail on thousands of levels).
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
from recipegen.yamlio import MAX_EXPANDED_NODES, check_expansion, parse_yaml

MAX_DEPTH = 100  # real recipes nest < 15 levels

try:  # optional accelerator
    import yaml as _pyyaml
    from yaml import CSafeLoader as _CLoader  # noqa: N814
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


class _Fallback(Exception):
    """Something this reader does not reproduce exactly: use ruamel."""


class _TooDeep(Exception):
    pass


def available() -> bool:
    return _CLoader is not None


def parse(text: str, filename: str = "<string>") -> Any:
    """Same result and errors as `yamlio.parse_yaml(text, filename)`, faster when possible."""
    if _CLoader is None:
        if _looks_too_deep(text):
            raise InputError(filename, f"invalid YAML: nesting deeper than {MAX_DEPTH} levels")
        return parse_yaml(text, filename)
    tagged = "!" in text  # explicit tags possible: keep PyYAML's typing to detect them
    try:
        loader = (_CLoader if tagged else _UntaggedLoader)(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is None:
            return parse_yaml(text, filename)
        builder = _Builder(text, tagged)
        data = builder.build(node, 0)
    except _TooDeep:
        raise InputError(filename, f"invalid YAML: nesting deeper than {MAX_DEPTH} levels") from None
    except (_pyyaml.YAMLError, _Fallback, RecursionError, ValueError):
        if _looks_too_deep(text):
            raise InputError(filename, f"invalid YAML: nesting deeper than {MAX_DEPTH} levels") from None
        return parse_yaml(text, filename)
    if builder.aliases:
        check_expansion(data, filename)
    elif builder.nodes > MAX_EXPANDED_NODES:  # what check_expansion says for such a document
        raise InputError(filename, f"YAML aliases expand to more than {MAX_EXPANDED_NODES} nodes (alias bomb?)")
    return data


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


@lru_cache(maxsize=8192)
def _plain_12(value: str) -> Any:
    """A plain scalar typed as ruamel types it (cached: recipes repeat values a lot)."""
    tag = str(_RESOLVER_12.resolve(_RuamelScalarNode, value, (True, False)))
    if tag.endswith(":str"):
        return value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() == "true"
    if tag.endswith(":int"):  # ruamel's constructors: ScalarInt/ScalarFloat keep the format
        return _RT_CONSTRUCTOR.construct_yaml_int(_RuamelScalarNode(tag, value))
    if tag.endswith(":float"):
        return _RT_CONSTRUCTOR.construct_yaml_float(_RuamelScalarNode(tag, value))
    return _FALLBACK  # timestamps and other types: ruamel's reader


@lru_cache(maxsize=4096)
def _explicitly_tagged(pyyaml_tag: str, value: str) -> bool:
    """Whether a plain scalar carries an explicit tag (PyYAML resolved it differently)."""
    return pyyaml_tag not in _IMPLICIT_TAGS or pyyaml_tag != _RESOLVER_11.resolve(ScalarNode, value, (True, False))


class _Builder:
    def __init__(self, text: str, tagged: bool) -> None:
        self.text = text
        self.tagged = tagged
        self.memo: dict[int, Any] = {}
        self.aliases = False
        self.nodes = 0

    def scalar(self, node: Any) -> Any:
        value = node.value
        if node.style:  # quoted or block: a string
            if node.tag != _STR_TAG:
                raise _Fallback
            if node.style == "|":
                return LiteralScalarString(value)
            if node.style == ">":
                return FoldedScalarString(value)
            return value
        if self.tagged:
            if node.tag == _STR_TAG and value[:1] in _ALWAYS_STR_START:
                return value
            if _explicitly_tagged(node.tag, value):
                raise _Fallback  # `!!str 12`, `!!binary`, a local tag
        elif value[:1] in _ALWAYS_STR_START:
            return value
        result = _plain_12(value)
        if result is _FALLBACK:
            raise _Fallback
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
            raise _TooDeep
        self.nodes += 1
        key = id(node)
        if key in self.memo:  # an alias: share the object, as ruamel does
            self.aliases = True
            return self.memo[key]
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if node.tag not in _CONTAINER_TAGS:
            raise _Fallback
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
                    raise _Fallback  # complex keys, merge keys
                name = self.scalar(key_node)
                if isinstance(name, float) or name in mapping:
                    raise _Fallback  # duplicate key: ruamel gives the error message
                ordereddict.__setitem__(mapping, name, self.build(value_node, depth + 1))
                own_keys.add(name)
                mark = key_node.start_mark
                positions[name] = [mark.line, mark.column, *self.position(value_node)]
            return mapping
        raise _Fallback
