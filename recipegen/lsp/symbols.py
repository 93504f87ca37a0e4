"""Document symbols (the outline: sections, outputs, sources, context variables, requirement
lists) and go to definition (`${{ name }}` -> its `context` key, `{{ name }}` -> its `{% set %}`).
Both read the text's line structure, so a half-typed recipe still has an outline.

Ranges are (line, column, end line, end column), 0-based, in characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from recipegen.lsp.snapshot import Snapshot
from recipegen.yamlblocks import Block, Line

Range = tuple[int, int, int, int]
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


@dataclass
class Symbol:
    name: str
    kind: str  # section, output, source, variable, requirements
    range: Range
    selection: Range
    detail: str = ""
    children: list[Symbol] = field(default_factory=list)


def _ranges(block: Block, line: Line) -> tuple[Range, Range]:
    last = block.block_end(line.number)
    end_text = block[last].text
    whole = (line.number - 1, line.indent, last - 1, len(end_text))
    width = len(line.key) if line.key else len(line.value) or 1
    return whole, (line.number - 1, line.content, line.number - 1, line.content + width)


def _symbol(block: Block, line: Line, name: str, kind: str, detail: str = "") -> Symbol:
    whole, selection = _ranges(block, line)
    return Symbol(name, kind, whole, selection, detail)


def document_symbols(snapshot: Snapshot) -> list[Symbol]:
    block = snapshot.block
    symbols = []
    for line in block.children(0):
        if line.key is None or line.item:
            continue
        symbol = _symbol(block, line, line.key, "section", line.value)
        symbol.children = _children(block, line)
        symbols.append(symbol)
    return symbols


def _children(block: Block, line: Line) -> list[Symbol]:
    key = line.key
    if key == "outputs":
        return [_output(block, item) for item in block.items_of(line.number)]
    if key == "source":
        return [_symbol(block, item, _source_name(block, item), "source") for item in block.items_of(line.number)]
    if key == "context":
        return [_symbol(block, c, c.key or "", "variable", c.value) for c in block.children(line.number) if c.key]
    if key == "requirements":
        return [_symbol(block, c, c.key or "", "requirements") for c in block.children(line.number) if c.key]
    return []


def _item_base(item: Line) -> tuple:
    """The path of a list item itself (an item line holding a key has that key at the end)."""
    return item.path[:-1] if item.key else item.path


def _output(block: Block, item: Line) -> Symbol:
    base = _item_base(item)
    named = (
        block.find((*base, "package", "name")) or block.find((*base, "staging", "name")) or block.find((*base, "name"))
    )
    name = named.value.strip("'\"") if named else f"output {base[-1]}"
    symbol = _symbol(block, item, name, "output")
    members = [c for c in block.children(item.number) if c.key] + ([item] if item.key else [])
    symbol.children = [
        _symbol(block, c, c.key or "", "section")
        for c in members
        if c.key in ("requirements", "build", "tests", "test")
    ]
    return symbol


def _source_name(block: Block, item: Line) -> str:
    for line in block.lines[item.number : block.block_end(item.number) + 1]:
        if line.key in ("url", "git", "path", "git_url") and line.value:
            return line.value.strip("'\"")
    return f"source {_item_base(item)[-1]}"


def definition(snapshot: Snapshot, line: int, column: int) -> Range | None:
    """Where the variable under the cursor (inside `${{ }}` / `{{ }}`) is defined."""
    cursor = snapshot.cursor(line, column)
    if cursor.jinja is None:
        return None
    start = cursor.jinja.start
    text = cursor.text
    name = None
    for match in IDENTIFIER.finditer(text, start, cursor.jinja.end):
        if match.start() <= column <= match.end():
            name = match.group(0)
            break
    if name is None:
        return None
    if snapshot.fmt == "v0":
        pattern = re.compile(r"\{%-?\s*set\s+(" + re.escape(name) + r")\s*=")
        for number, raw in enumerate(snapshot.lines):
            found = pattern.search(raw)
            if found:
                return (number, found.start(1), number, found.end(1))
        return None
    key = snapshot.block.find(("context", name))
    if key is None:
        return None
    return (key.number - 1, key.content, key.number - 1, key.content + len(name))
