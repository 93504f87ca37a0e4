"""Where a node of a document is, for YAML and JSON alike.

Messages point at the node they are about. `YamlPositions` reads the positions ruamel.yaml's
round-trip containers carry (`recipegen.yamlio.locate` / `key_span`); `JsonPositions`
(`recipegen.validation.jsonpos`) scans the JSON text. Both answer the same four questions:

* `node_span(path)`: the node, a block collection at its key;
* `value_span(path)`: the value itself where it can be pointed at (a flow collection, a number
  measured as written, an empty value at its key);
* `key_span(path)`: the key of a mapping entry;
* `written(path, value)`: a number as the file writes it (`3.10`, `000…0`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # recipegen.yamlio imports ruamel.yaml: only when a position is asked for
    from recipegen.yamlio import Span

PathKey = str | int

# a plain YAML number as written, up to the end of its scalar
PLAIN_NUMBER = re.compile(
    r"[-+]?(?:\.inf|\.nan|0[xo][0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|\.[0-9]+(?:[eE][-+]?[0-9]+)?)(?=\s*(?:$|[,\]}#]))"
)


class Positions(Protocol):
    def node_span(self, path: list[PathKey]) -> Span: ...

    def value_span(self, path: list[PathKey]) -> Span: ...

    def key_span(self, path: list[PathKey]) -> Span: ...

    def written(self, path: list[PathKey], value: Any) -> str: ...


class YamlPositions:
    """Positions in a round-trip YAML document (with its text, numbers are quoted as written)."""

    def __init__(self, root: Any, text: str | None = None) -> None:
        self.root = root
        self.lines = text.splitlines() if text is not None else None

    def node_span(self, path: list[PathKey]) -> Span:
        from recipegen.yamlio import locate

        return locate(self.root, path)

    def key_span(self, path: list[PathKey]) -> Span:
        from recipegen.yamlio import key_span

        return key_span(self.root, path)

    def written(self, path: list[PathKey], value: Any) -> str:
        if self.lines is not None and path:
            span = self.node_span(path)
            if 0 < span.line <= len(self.lines):
                match = PLAIN_NUMBER.match(self.lines[span.line - 1], span.column - 1)
                if match:
                    return match.group(0)
        return source_text(value)

    def value_span(self, path: list[PathKey]) -> Span:
        span = self.node_span(path)
        if not path:
            return span
        try:
            parent = self.root
            for part in path[:-1]:
                parent = parent[part]
            node = parent[path[-1]]
            if node is None and isinstance(parent, dict):  # `key:` with nothing after it
                return self.key_span(path)
            if isinstance(node, (int, float)) and not isinstance(node, bool):  # str(1.10) is "1.1": measure
                from recipegen.yamlio import Span

                return Span(span.line, span.column, span.line, span.column + len(self.written(path, node)))
            flow = getattr(node, "fa", None)
            if isinstance(node, (dict, list)) and isinstance(parent, dict) and hasattr(parent, "lc"):
                line, column = parent.lc.value(path[-1])
                if line + 1 == span.line and flow is not None and flow.flow_style():
                    from recipegen.yamlio import Span

                    return Span(line + 1, column + 1, line + 1, column + 2)
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
        return span


class JsonTextPositions:
    """Positions in a JSON text (scanned once, when first asked)."""

    def __init__(self, text: str) -> None:
        from recipegen.validation.jsonpos import JsonPositions

        self.text = text
        self._scanner = JsonPositions(text)

    def node_span(self, path: list[PathKey]) -> Span:
        return self._scanner.value_span(path)

    value_span = node_span

    def key_span(self, path: list[PathKey]) -> Span:
        return self._scanner.key_span(path)

    def written(self, path: list[PathKey], value: Any) -> str:
        return self._scanner.value_text(path) or str(value)


def source_text(value: Any) -> str:
    """How a number was written (ruamel keeps the format of round-trip floats)."""
    try:
        from ruamel.yaml.scalarfloat import ScalarFloat

        if isinstance(value, ScalarFloat):
            import io

            from ruamel.yaml import YAML

            stream = io.StringIO()
            YAML(typ="rt").dump([value], stream)
            return stream.getvalue().strip().lstrip("- ").strip()
    except Exception:  # pragma: no cover - formatting must never fail validation
        pass
    return str(value)
