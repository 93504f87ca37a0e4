"""The block structure of YAML text read line by line: indentation, keys, list items, paths.

What text edits at a file's own positions (`recipegen lint --fix`, the language server's quick
fixes) and an editor's cursor need, on text that does not parse (a recipe half typed) or that
is a template (a meta.yaml with Jinja): every line gets its indentation, its key (`build:`,
`- name: foo`), whether it is a list item, and the path of keys and item indexes that leads to
it. Block scalars (`script: |`) are content, not structure. Flow collections spanning lines and
multi-line quoted scalars are rare in recipes and read as plain lines.

Lines are 1-based as in `Problem`; `Block.lines[0]` is a placeholder so `lines[n]` is line n.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

PathKey = str | int

_KEY = re.compile(r"""(?P<key>"[^"]*"|'[^']*'|[^\s#'"{\[\-][^#]*?|-[^\s#][^#]*?)\s*:(?:\s+|$)""")
_BLOCK_SCALAR = re.compile(r"^[|>][0-9+-]*\s*(?:#.*)?$")


@dataclass
class Line:
    number: int
    text: str
    indent: int = 0  # columns of blanks before the first character
    item: bool = False  # the line starts a list item (`- `)
    content: int = 0  # column (0-based) where the key or value starts, after `- ` for items
    key: str | None = None  # the mapping key the line holds (`- name: foo` holds `name`)
    value: str = ""  # text after `key:` (or after `- ` for a scalar item), comment removed
    blank: bool = True  # empty or only a comment
    scalar_text: bool = False  # inside a block scalar: content, not structure
    jinja: bool = False  # a `{% ... %}` line of a template
    path: tuple[PathKey, ...] = ()  # keys and item indexes leading to this line's key or item
    parent: int = 0  # number of the line whose block holds this line (0: the document)

    @property
    def opens_block(self) -> bool:
        """A key whose value follows on the next lines (`build:`) or a block scalar (`script: |`)."""
        return self.key is not None and (not self.value or bool(_BLOCK_SCALAR.match(self.value)))


def strip_comment(text: str) -> str:
    """`text` without a trailing ` # comment` (quotes respected)."""
    quote = ""
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and (index == 0 or text[index - 1] in " [{,:-"):
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t"):
            return text[:index].rstrip()
    return text.rstrip()


def _read_line(number: int, text: str) -> Line:
    line = Line(number, text)
    stripped = text.lstrip(" ")
    line.indent = len(text) - len(stripped)
    if not stripped.strip() or stripped.startswith("#"):
        return line
    line.blank = False
    if stripped.startswith("{%"):
        line.jinja = True
        return line
    body = stripped
    offset = line.indent
    if body == "-" or body.startswith("- ") or body.startswith("-\t"):
        line.item = True
        rest = body[1:].lstrip(" \t")
        offset += len(body) - len(rest)
        body = rest
    line.content = offset
    found = _KEY.match(body) if body else None
    if found and not body.startswith(("${{", "{{")):
        line.key = found.group("key").strip("'\"")
        line.value = strip_comment(body[found.end() :]).strip()
    else:
        line.value = strip_comment(body).strip()
    return line


@dataclass
class Block:
    """The lines of a YAML text with their structure (see the module docstring)."""

    text: str
    lines: list[Line] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lines = [Line(0, "", indent=-1, blank=False, content=-1)]
        scalar_owner: Line | None = None
        for number, raw in enumerate(self.text.split("\n"), 1):
            raw = raw.rstrip("\r")
            line = _read_line(number, raw)
            if scalar_owner is not None:
                if (line.blank and not raw.strip()) or (not line.blank and line.indent > scalar_owner.content):
                    line.scalar_text = True
                    line.blank = True
                    line.key, line.item = None, False
                    self.lines.append(line)
                    continue
                if line.blank and raw.lstrip().startswith("#") and line.indent > scalar_owner.content:
                    line.scalar_text = True
                    self.lines.append(line)
                    continue
                scalar_owner = None
            self.lines.append(line)
            if line.key is not None and line.value and _BLOCK_SCALAR.match(line.value):
                scalar_owner = line
        self._link()

    def _link(self) -> None:
        """Parent lines and paths: a stack of the lines whose blocks are open."""
        stack: list[Line] = [self.lines[0]]
        item_counts: dict[tuple[int, int], int] = {}  # (parent line, item indent) -> items seen
        for line in self.lines[1:]:
            if line.blank or line.jinja:
                continue
            while len(stack) > 1 and not _inside(line, stack[-1]):
                stack.pop()
            parent = stack[-1]
            line.parent = parent.number
            base = parent.path
            if parent.item and parent.key is not None and line.indent == parent.content and not line.item:
                base = parent.path[:-1]  # `- key: a` then `  other: b`: a sibling in the item's mapping
            if line.item:
                slot = (parent.number, line.indent)
                index = item_counts.get(slot, 0)
                item_counts[slot] = index + 1
                base = (*base, index)
            if line.key is not None:
                line.path = (*base, line.key)
            else:
                line.path = base
            stack.append(line)

    # --- queries ------------------------------------------------------------------------------

    def __getitem__(self, number: int) -> Line:
        return self.lines[number]

    @property
    def count(self) -> int:
        return len(self.lines) - 1

    def block_end(self, number: int) -> int:
        """The last line (number) of the block that line `number` opens: itself and every later
        line inside it (blank lines and comments at the end are left out)."""
        owner = self.lines[number]
        last = number
        for line in self.lines[number + 1 :]:
            if line.scalar_text:
                last = line.number
                continue
            if line.blank:
                continue
            if line.jinja:
                if line.indent > owner.indent:
                    last = line.number
                    continue
                break
            if not _inside(line, owner):
                break
            last = line.number
        return last

    def children(self, number: int) -> list[Line]:
        """The lines directly inside line `number`'s block (0: the top level)."""
        return [line for line in self.lines[1:] if not line.blank and not line.jinja and line.parent == number]

    def find(self, path: tuple[PathKey, ...]) -> Line | None:
        """The first line whose path is `path`."""
        for line in self.lines[1:]:
            if not line.blank and line.path == path and (line.key is not None or line.item):
                return line
        return None

    def child_key(self, number: int, key: str) -> Line | None:
        for line in self.children(number):
            if line.key == key and not line.item:
                return line
        return None

    def owner_of_item(self, number: int) -> Line | None:
        """The key line that holds the list the item at line `number` is in."""
        line = self.lines[number]
        if not line.item:
            return None
        owner = self.lines[line.parent]
        if owner.item and owner.key is None:
            return None  # a nested list `- - x`
        return owner if owner.number else None

    def items_of(self, number: int) -> list[Line]:
        """The list items directly inside key line `number`."""
        return [line for line in self.children(number) if line.item]

    @cached_property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"


def _inside(line: Line, owner: Line) -> bool:
    """`line` belongs to the block `owner` opens."""
    if owner.number == 0:
        return True
    if owner.item and owner.key is None:  # `- value` holds nothing
        return (line.indent > owner.indent and not line.item) or line.indent > owner.indent + 1
    if owner.key is None:
        return False
    if line.indent > owner.content:
        return owner.opens_block or owner.item
    if line.indent == owner.content and line.item and not owner.value:
        return True  # `key:` followed by `- item` at the key's own column
    # `- key: a` then `  other: b`: the item's mapping goes on
    return owner.item and line.indent == owner.content and not line.item


def parse_block(text: str) -> Block:
    return Block(text)
